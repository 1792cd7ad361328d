# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of `lines_py.py` (see `winnow.kernel`): the same functions, the same results, in C loops over the
lines' characters. Edit both files together; `tests/test_kernel.py` runs both on many pages."""

from cpython.unicode cimport Py_UNICODE_ISALPHA, Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE

cdef extern from *:
    """
    #ifndef WINNOW_SOURCE_HASH
    #define WINNOW_SOURCE_HASH ""
    #endif
    """
    const char* WINNOW_SOURCE_HASH

# the hash of the kernel's sources this binary was built from (setup.py): the loader compares it with the files'
SOURCE_HASH = WINNOW_SOURCE_HASH.decode("ascii")

FLAG_REMOVED = 1
FLAG_LINK = 2
FLAG_FORMULA = 4
FLAG_FORMULA_WORD = 8
FLAG_CLOSES = 16
LINK_WORDS = 4


cdef inline bint _carries(Py_UCS4 c):
    return Py_UNICODE_ISLOWER(c) or c in u",;:)]}»”%…-–—/·"


cpdef bint left_open(str p, frozenset stop):
    cdef Py_ssize_t n = len(p), k, start
    cdef Py_UCS4 last = p[n - 1]
    if last in u",(„“«‚‘[/-–—":
        return last not in u"“«‚‘" or n == 1 or Py_UNICODE_ISSPACE(p[n - 2])
    k = n - 1
    while k >= 0 and not Py_UNICODE_ISSPACE(p[k]):
        k -= 1
    start = k + 1  # the last word (after the last space)
    for k in range(start, n):
        if not Py_UNICODE_ISALPHA(p[k]):
            return False
    if (start == 0 and n - start <= 3) or Py_UNICODE_ISLOWER(p[start]):
        return p[start:].casefold() in stop
    return False


cdef bint _few_words(str line, int most):
    """len(line.split()) <= most."""
    cdef Py_ssize_t k, n = len(line)
    cdef int found = 0
    cdef bint inside = False
    for k in range(n):
        if Py_UNICODE_ISSPACE(line[k]):
            inside = False
        elif not inside:
            inside = True
            found += 1
            if found > most:
                return False
    return True


def join_lines(list stripped, const unsigned char[:] flags, frozenset stop, sentence_end):
    cdef list blocks = [], formulas = []
    cdef list current = None
    cdef Py_ssize_t n_lines = len(stripped), i, previous = -1, before
    cdef bint blank
    cdef int glued = 0  # formula lines glued into the current block
    cdef unsigned char flag
    cdef str line, following, earlier
    cdef Py_UCS4 last, first
    for i in range(n_lines):
        line = <str>stripped[i]
        if not line:
            continue
        if i - previous > 2:
            current = None
        blank = i - previous > 1
        before = previous
        previous = i
        flag = flags[i]
        if current is not None and not flag & FLAG_REMOVED and (flag & FLAG_FORMULA or (glued and flag & FLAG_FORMULA_WORD)):
            current.append(i)
            glued += 1
            formulas[len(formulas) - 1] = glued
            continue
        first = line[0]
        if blank and current is not None:
            earlier = <str>stripped[before]
            last = earlier[len(earlier) - 1]
            if last in u".!?:;…。！？" or not (Py_UNICODE_ISLOWER(first) or first in u".,;:)]»”’"):
                current = None
        if flag & (FLAG_REMOVED | FLAG_LINK):
            blocks.append([i])
            formulas.append(0)
            current = None
            glued = 0
            continue
        if current is not None:
            earlier = <str>stripped[before]
            if _carries(first) or left_open(earlier, stop):
                current.append(i)
                continue
            if i + 1 < n_lines and not flags[i + 1] & FLAG_REMOVED:
                following = <str>stripped[i + 1]
                if (
                    following
                    and _carries(following[0])
                    and earlier[len(earlier) - 1] not in u".!?:;…"
                    and _few_words(line, LINK_WORDS)
                    and sentence_end(line) is None
                ):
                    current.append(i)
                    continue
            if flag & FLAG_CLOSES:
                current.append(i)
                continue
        current = [i]
        blocks.append(current)
        formulas.append(0)
        glued = 0
    return blocks, formulas
