# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of `rules_py.py` (see `winnow.kernel`): the same functions, the same results, in C loops over the
lines' characters and words. Edit both files together; `tests/test_kernel_rules.py` runs both."""

cimport cython
from cpython.dict cimport PyDict_SetDefault
from cpython.mem cimport PyMem_Calloc, PyMem_Free, PyMem_Malloc
from cpython.set cimport PySet_Contains
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT, Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE, PyUnicode_Contains

from winnow.kernel._lines import left_open  # (compiled with this one: the loader takes all compiled kernels or none)
from winnow.kernel.lines_py import CONTINUES

cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    const void* PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int kind, const void* data, Py_ssize_t index)
    Py_ssize_t PyUnicode_FindChar(object, Py_UCS4, Py_ssize_t, Py_ssize_t, int) except -2
    object PyUnicode_Substring(object, Py_ssize_t, Py_ssize_t)

cdef extern from *:
    """
    #ifndef WINNOW_SOURCE_HASH
    #define WINNOW_SOURCE_HASH ""
    #endif
    """
    const char* WINNOW_SOURCE_HASH

# the hash of the kernel's sources this binary was built from (setup.py): the loader compares it with the files'
SOURCE_HASH = WINNOW_SOURCE_HASH.decode("ascii")

SHAPE_DIGIT = 1
SHAPE_DATE = 2
SHAPE_CREDIT_MARK = 4
CREDIT_TAIL = 120
# the same as C constants (the names above are Python objects: arithmetic on them made a number object a line)
cdef enum:
    _SHAPE_DIGIT = 1
    _SHAPE_DATE = 2
    _SHAPE_CREDIT_MARK = 4
    _CREDIT_TAIL = 120


cdef inline bint _date_at(str line, Py_ssize_t p, Py_ssize_t n):
    """DATE_HINT (`\\d(?:\\d\\d\\d|[./]\\s?\\d)`) matches at p, where line[p] is a decimal digit."""
    cdef Py_UCS4 c
    if p + 3 < n and Py_UNICODE_ISDECIMAL(line[p + 1]) and Py_UNICODE_ISDECIMAL(line[p + 2]) and Py_UNICODE_ISDECIMAL(line[p + 3]):
        return True
    if p + 2 < n:
        c = line[p + 1]
        if c == u"." or c == u"/":
            if Py_UNICODE_ISDECIMAL(line[p + 2]):
                return True
            if p + 3 < n and Py_UNICODE_ISSPACE(line[p + 2]) and Py_UNICODE_ISDECIMAL(line[p + 3]):
                return True
    return False


cdef bint _credit_marked(str line):
    cdef int kind = PyUnicode_KIND(line)
    cdef const void* data = PyUnicode_DATA(line)
    cdef Py_ssize_t n = len(line), s = 0, e = n, t, k
    cdef Py_UCS4 c
    while s < e and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, s)):
        s += 1
    while e > s and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)):
        e -= 1
    t = e - _CREDIT_TAIL if e - _CREDIT_TAIL > s else s  # the tail: line[t:e]
    for k in range(t, e):
        c = PyUnicode_READ(kind, data, k)
        if c == u"©" or c == u":":
            return True
        if c == u"(" and k + 2 < e and PyUnicode_READ(kind, data, k + 2) == u")":
            c = PyUnicode_READ(kind, data, k + 1)
            if c == u"c" or c == u"C":
                return True
    k = e - 1
    while k >= t:
        c = PyUnicode_READ(kind, data, k)
        if c != u" " and c != u".":
            break
        k -= 1
    if k < t:
        return False
    c = PyUnicode_READ(kind, data, k)
    return c == u")" or c == u"]"


def credit_marked(str line):
    return _credit_marked(line)


def has_digit(str line):
    cdef Py_UCS4 c
    for c in line:
        if Py_UNICODE_ISDIGIT(c):
            return True
    return False


def line_shapes(list lines, list indices):
    cdef list shapes = []
    cdef str line
    cdef Py_ssize_t n, p
    cdef int shape
    cdef Py_UCS4 c
    cdef int kind
    cdef const void* data
    for i in indices:
        line = <str>lines[i]
        n = len(line)
        kind = PyUnicode_KIND(line)
        data = PyUnicode_DATA(line)
        shape = 0
        for p in range(n):
            c = PyUnicode_READ(kind, data, p)
            if (48 <= c <= 57) if c < 128 else Py_UNICODE_ISDIGIT(c):  # (in ASCII the only digits are 0-9)
                shape |= _SHAPE_DIGIT
                if Py_UNICODE_ISDECIMAL(c) and _date_at(line, p, n):
                    shape |= _SHAPE_DATE
                    break
        if _credit_marked(line):
            shape |= _SHAPE_CREDIT_MARK
        shapes.append(shape)
    return shapes


cdef bint _ends_with(str line, bint spaces, str chars, tuple ends) except -1:
    """line.rstrip(chars or None).endswith(ends), its characters read in place."""
    cdef int kind = PyUnicode_KIND(line)
    cdef const void* data = PyUnicode_DATA(line)
    cdef Py_ssize_t e = len(line), m, j
    cdef Py_UCS4 c
    cdef str end
    if spaces:
        while e > 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)):
            e -= 1
    else:
        while e > 0:
            c = PyUnicode_READ(kind, data, e - 1)
            if c not in chars:
                break
            e -= 1
    for end in ends:
        m = len(end)
        if m > e:
            continue
        if m and PyUnicode_READ(kind, data, e - 1) != end[m - 1]:  # (most lines: their last character tells)
            continue
        for j in range(m):
            if PyUnicode_READ(kind, data, e - m + j) != end[j]:
                break
        else:
            return True
    return False


def ends_with(list lines, indices, strip, tuple ends):
    cdef list found = []
    cdef str chars = strip
    cdef bint spaces = strip is None
    cdef Py_ssize_t k, n
    if indices is None:  # every line: their positions counted in C, a number made only for a line found
        n = len(lines)
        for k in range(n):
            if _ends_with(<str>lines[k], spaces, chars, ends):
                found.append(k)
        return found
    for i in indices:
        if _ends_with(<str>lines[i], spaces, chars, ends):
            found.append(i)
    return found


def phrase_in(dict by_anchor, tuple seq):
    return _phrase_in(by_anchor, seq)


cdef inline bint _words_at(tuple seq, Py_ssize_t start, tuple phrase):
    """seq[start:start + len(phrase)] == phrase, the words compared in place (the caller checks the bounds)."""
    cdef Py_ssize_t k
    cdef object word, other
    for k in range(len(phrase)):
        word = seq[start + k]
        other = phrase[k]
        if word is not other and word != other:
            return False
    return True


cdef object _phrase_in(dict by_anchor, tuple seq):
    cdef Py_ssize_t i, start, n = len(seq)
    cdef object entries
    cdef tuple phrase
    for i in range(n):
        entries = by_anchor.get(seq[i])
        if entries is None:
            continue
        for phrase, offset in entries:
            start = i - <Py_ssize_t>offset
            if start >= 0 and start + len(phrase) <= n and _words_at(seq, start, phrase):
                return phrase
    return None


# a filter built of the `wanted` set a kernel function was last asked about, by its builder, kept with it as (wanted,
# table): the rules ask about one set on page after page; read through a reference of the call's own (another thread
# may build another meanwhile)
cdef dict _filters = {}


cdef bytes _filter_for(object build, frozenset wanted):
    cached = _filters.get(build)
    if cached is not None and (<tuple>cached)[0] is wanted:
        return (<tuple>cached)[1]
    table = build(wanted)
    _filters[build] = (wanted, table)
    return table


# index_words's filter of the wanted words' hashes (a bit each), so that most words of a page need no set look-up
cdef enum:
    FILTER_BITS = 65536
    FILTER_BYTES = 8192


def _hash_bits(frozenset wanted):
    cdef bytearray bits = bytearray(FILTER_BYTES)
    cdef Py_hash_t h
    for word in wanted:
        h = hash(word)
        bits[(h & (FILTER_BITS - 1)) >> 3] |= 1 << (h & 7)
    return bytes(bits)


def index_words(list seqs, frozenset wanted, dict lines_of):
    cdef Py_ssize_t i, n = len(seqs)
    cdef Py_hash_t h
    cdef tuple seq
    cdef object word, held
    cdef bytes table
    cdef const unsigned char* bits
    table = _filter_for(_hash_bits, wanted)
    bits = table
    for i in range(n):
        seq = <tuple>seqs[i]
        for word in seq:
            h = hash(word)
            if not bits[(h & (FILTER_BITS - 1)) >> 3] & (1 << (h & 7)):
                continue
            if PySet_Contains(wanted, word) == 1:
                held = lines_of.get(word)
                if held is None:
                    lines_of[word] = [i]
                elif (<list>held)[len(<list>held) - 1] != i:  # (wraparound is off: no [-1])
                    (<list>held).append(i)


@cython.boundscheck(True)
def kept_lines(list indices, list removals):
    cdef list found = []
    cdef Py_ssize_t i
    for index in indices:
        i = index
        if removals[i] is None:
            found.append(index)
    return found


@cython.boundscheck(True)
@cython.wraparound(True)
def drop_lines(lines, list removals, removal, list dropped):
    cdef Py_ssize_t i
    for index in lines:
        i = index
        if removals[i] is None:
            removals[i] = removal
            dropped.append(index)


@cython.boundscheck(True)
def short_kept_lines(list indices, list counts, Py_ssize_t limit, list removals):
    cdef list found = []
    cdef Py_ssize_t i, words
    for index in indices:
        i = index
        words = counts[i]
        if words <= limit and removals[i] is None:
            found.append(index)
    return found


@cython.boundscheck(True)
def positions_showing(list lines, list indices, tuple texts):
    cdef list found = []
    cdef Py_ssize_t n = 0, i
    cdef str line
    for index in indices:
        i = index
        line = <str>lines[i]
        for text in texts:
            if PyUnicode_Contains(line, text):
                found.append(n)
                break
        n += 1
    return found


cdef inline size_t _signature(tuple seq) except? 0:
    """A line's words told apart cheaply: their number and the hashes of the first and last (a str keeps its hash)."""
    cdef Py_ssize_t n = len(seq)
    return (<size_t>hash(seq[0]) * <size_t>1000003) ^ <size_t>hash(seq[n - 1]) ^ (<size_t>n * <size_t>8191)


@cython.boundscheck(True)
def later_copies(list lines, list seqs, list indices, Py_ssize_t shortest):
    """(the twin's) Only the lines that share their signature (see _signature) with another are looked up by all their words:
    equal words have equal signatures, and most lines of a page repeat none, so most tuples of words are never hashed."""
    cdef dict seen = {}
    cdef list found = []
    cdef Py_ssize_t i, k, n = len(indices), size = 1, slot
    cdef object seq, first
    cdef size_t sig
    cdef size_t* sigs
    cdef size_t* table
    cdef unsigned char* used
    cdef unsigned char* shared
    if n == 0:
        return found
    while size < 2 * n:
        size *= 2
    sigs = <size_t*>PyMem_Malloc(n * sizeof(size_t))
    table = <size_t*>PyMem_Malloc(size * sizeof(size_t))
    used = <unsigned char*>PyMem_Calloc(size, 1)  # 0: free, 1: a signature seen once, 2: more than once
    shared = <unsigned char*>PyMem_Calloc(n, 1)  # 0: no copy judged (too short, no words), 1: judged
    if sigs is NULL or table is NULL or used is NULL or shared is NULL:
        PyMem_Free(sigs)
        PyMem_Free(table)
        PyMem_Free(used)
        PyMem_Free(shared)
        raise MemoryError()
    try:
        for k in range(n):
            i = indices[k]
            seq = seqs[i]
            if len(<str>lines[i]) < shortest or not seq:
                continue
            shared[k] = 1
            sig = _signature(<tuple>seq)
            sigs[k] = sig
            slot = <Py_ssize_t>(sig & <size_t>(size - 1))
            while used[slot] and table[slot] != sig:
                slot = (slot + 1) & (size - 1)
            if used[slot]:
                used[slot] = 2
            else:
                used[slot] = 1
                table[slot] = sig
        for k in range(n):
            if not shared[k]:
                continue
            sig = sigs[k]
            slot = <Py_ssize_t>(sig & <size_t>(size - 1))
            while table[slot] != sig:
                slot = (slot + 1) & (size - 1)
            if used[slot] != 2:
                continue  # no other line has its signature: a copy of none
            index = indices[k]
            first = <object>PyDict_SetDefault(seen, seqs[<Py_ssize_t>index], index)  # (a borrowed reference)
            if first is not index and first != index:
                found.append((index, first))
    finally:
        PyMem_Free(sigs)
        PyMem_Free(table)
        PyMem_Free(used)
        PyMem_Free(shared)
    return found


# keyed_lines's filter of the wanted keys: their lengths (255: that long or longer) and their first characters (by code,
# modulo 256), so that most keys need no hash (a line's key is hashed the first time it is looked up): 512 bytes
def _key_table(frozenset wanted):
    cdef bytearray table = bytearray(512)  # [length] then [256 + first character]
    cdef Py_ssize_t n
    cdef Py_UCS4 c
    for key in wanted:
        n = len(<str>key)
        table[n if n < 255 else 255] = 1
        if n:
            c = (<str>key)[0]
            table[256 + ((<unsigned int>c) & 255)] = 1
    return bytes(table)


@cython.boundscheck(True)
def keyed_lines(list indices, list counts, Py_ssize_t limit, keys, frozenset wanted):
    cdef list found = []
    cdef Py_ssize_t i, words, n
    cdef str key
    cdef Py_UCS4 c
    cdef bytes table
    cdef const unsigned char* shapes
    table = _filter_for(_key_table, wanted)
    shapes = table
    for index in indices:
        i = index
        words = counts[i]
        if words > limit:
            continue
        key = <str>keys[index]
        n = len(key)
        if not shapes[n if n < 255 else 255]:
            continue
        if n:
            c = key[0]
            if not shapes[256 + ((<unsigned int>c) & 255)]:
                continue
        if PySet_Contains(wanted, key) == 1:
            found.append(index)
    return found


@cython.boundscheck(True)
def sized_lines(list indices, list counts, Py_ssize_t low, Py_ssize_t high):
    cdef Py_ssize_t n = len(indices), k, words
    cdef bytearray found = bytearray(n)
    for k in range(n):
        words = counts[<Py_ssize_t>indices[k]]
        if low <= words <= high:
            found[k] = 1
    return bytes(found)


@cython.boundscheck(True)
def first_removed(list removals, Py_ssize_t start, Py_ssize_t stop, str rule_id, tuple reasons):
    cdef Py_ssize_t i
    cdef object removal
    for i in range(max(start, 0), min(stop, len(removals))):
        removal = removals[i]
        if removal is not None and removal.rule_id == rule_id and removal.reason.startswith(reasons):
            return i
    return None


cdef str _CONTINUES = CONTINUES


cdef inline bint _blank(str text):
    """not text.strip()"""
    cdef Py_UCS4 c
    for c in text:
        if not Py_UNICODE_ISSPACE(c):
            return False
    return True


cdef bint _joins(str previous, str line, frozenset stop) except -1:
    cdef Py_ssize_t ps = 0, pe = len(previous), ns = 0, nn = len(line)
    cdef Py_UCS4 c
    while ps < pe and Py_UNICODE_ISSPACE(previous[ps]):
        ps += 1
    while pe > ps and Py_UNICODE_ISSPACE(previous[pe - 1]):
        pe -= 1
    while ns < nn and Py_UNICODE_ISSPACE(line[ns]):
        ns += 1
    if ps == pe or ns == nn:
        return False
    c = line[ns]
    if PyUnicode_FindChar(_CONTINUES, c, 0, len(_CONTINUES), 1) >= 0 or Py_UNICODE_ISLOWER(c):
        return True
    return bool(left_open(previous if ps == 0 and pe == len(previous) else PyUnicode_Substring(previous, ps, pe), stop))


def joins(str previous, str line, frozenset stop):
    return _joins(previous, line, stop)


@cython.boundscheck(True)
def fragment(list lines, list removals, list counts, frozenset stop, frozenset none, Py_ssize_t i, Py_ssize_t words):
    cdef str line = <str>lines[i], other
    if _blank(line):
        return False
    if i > 0 and removals[i - 1] is None:
        other = <str>lines[i - 1]
        if not _blank(other) and _joins(other, line, stop if <Py_ssize_t>counts[i - 1] >= words else none):
            return True
    if i + 1 < len(lines) and removals[i + 1] is None:
        other = <str>lines[i + 1]
        if not _blank(other):
            return _joins(line, other, stop if <Py_ssize_t>counts[i] >= words else none)
    return False


cdef str _PERIODS = ".。।۔"  # PERIOD_END's full stops, then what may close the sentence after one (text.sentences)
cdef str _CLOSERS = "\"'”’“‘»«)]"
cdef str _SPACED = " \u00a0\u202f"  # a space that may stand before a French »


cdef bint _period_end_at(int kind, const void* data, Py_ssize_t e):
    """Whether PERIOD_END matches text[:e] at its end: the closers there (each a closer, or a space and a »), a full stop
    before them, and before that neither two dots nor a lone capital letter (an initial)."""
    cdef Py_ssize_t q = e, p
    cdef Py_UCS4 c, before
    while q > 0:
        c = PyUnicode_READ(kind, data, q - 1)
        if c in _CLOSERS or (c in _SPACED and q < e and PyUnicode_READ(kind, data, q) == u"»"):
            q -= 1
        else:
            break
    p = q - 1
    if p < 0 or PyUnicode_READ(kind, data, p) not in _PERIODS:
        return False
    if p >= 2 and PyUnicode_READ(kind, data, p - 1) == u"." and PyUnicode_READ(kind, data, p - 2) == u".":
        return False
    if p >= 1:
        c = PyUnicode_READ(kind, data, p - 1)
        if u"A" <= c <= u"Z":
            if p == 1:
                return False
            before = PyUnicode_READ(kind, data, p - 2)
            if not (Py_UNICODE_ISALNUM(before) or before == u"_"):  # (a word boundary before the capital: \b)
                return False
    return True


cdef bint _period_end(str text):
    cdef int kind = PyUnicode_KIND(text)
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = len(text)
    if _period_end_at(kind, data, n):
        return True
    return n > 0 and PyUnicode_READ(kind, data, n - 1) == u"\n" and _period_end_at(kind, data, n - 1)  # ($ before a last newline)


def period_end(str text):
    return _period_end(text)


def unfinished_headline(str line, Py_ssize_t words, Py_ssize_t max_words):
    cdef int kind = PyUnicode_KIND(line)
    cdef const void* data = PyUnicode_DATA(line)
    cdef Py_ssize_t e = len(line)
    if not 0 < words <= max_words:
        return False
    while e > 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)):
        e -= 1
    return not _period_end_at(kind, data, e)


@cython.boundscheck(True)
def phrase_lines_in(list candidates, list counts, Py_ssize_t limit, list removals, list lines, list seqs, dict by_anchor):
    cdef list found = []
    cdef Py_ssize_t i
    cdef object phrase
    for index in candidates:
        i = index
        if <Py_ssize_t>counts[i] > limit or removals[i] is not None or _blank(<str>lines[i]):
            continue
        phrase = _phrase_in(by_anchor, <tuple>seqs[i])
        if phrase is not None:
            found.append((index, phrase))
    return found


def phrase_start(dict by_first, tuple seq):
    cdef Py_ssize_t n = len(seq)
    cdef object entries
    cdef tuple phrase
    if n == 0:
        return None
    entries = by_first.get(seq[0])
    if entries is None:
        return None
    for candidate in entries:
        phrase = <tuple>candidate
        if len(phrase) <= n and _words_at(seq, 0, phrase):
            return phrase
    return None
