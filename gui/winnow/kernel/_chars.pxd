# Character tests the compiled kernels share: inline, so each kernel that cimports them compiles its own copy
# (a header, no module of its own; its source is hashed with the kernels', so an edit here makes them stale).


cdef inline bint one_of(Py_UCS4 c, str chars):
    """c in chars, for a few characters (a C loop, no search function called)."""
    cdef Py_ssize_t k
    for k in range(len(chars)):
        if chars[k] == c:
            return True
    return False
