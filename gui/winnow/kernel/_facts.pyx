# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of `facts_py.py` (see `winnow.kernel`): the same functions, the same results, in one C pass over a
page's characters. Edit both files together; `tests/test_kernel_facts.py` runs both on many pages. The definitions
(QUOTES, EDGE) are read from the twin when this module loads; DATE_HINT's pattern is spelled out in `_hinted`."""

cimport cython
from cpython.mem cimport PyMem_Calloc, PyMem_Free, PyMem_Malloc
from cpython.object cimport PyObject
from libc.string cimport memcmp
from cpython.dict cimport PyDict_Contains, PyDict_GetItemWithError, PyDict_Next, PyDict_SetItem
from cpython.set cimport PySet_Contains
from cpython.ref cimport Py_INCREF
from cpython.list cimport PyList_New, PyList_SET_ITEM
from cpython.tuple cimport PyTuple_New, PyTuple_SET_ITEM
from cpython.unicode cimport PyUnicode_DATA, PyUnicode_KIND
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT, Py_UNICODE_ISSPACE

from sys import intern

import numpy as _numpy

from winnow.kernel.facts_py import EDGE, QUOTES
from winnow.kernel.facts_py import single_spaced  # noqa: F401 (offered as the twin offers it: str.replace passes, in C already)

cdef extern from *:
    """
    #ifndef WINNOW_SOURCE_HASH
    #define WINNOW_SOURCE_HASH ""
    #endif
    """
    const char* WINNOW_SOURCE_HASH

cdef extern from *:
    """
    #if defined(__GNUC__) || defined(__clang__)
    #define WINNOW_PREFETCH(address) __builtin_prefetch(address)
    #else
    #define WINNOW_PREFETCH(address) ((void)0)
    #endif
    """
    void WINNOW_PREFETCH(const void* address) nogil

cdef extern from "Python.h":
    ctypedef unsigned char Py_UCS1
    ctypedef unsigned short Py_UCS2
    Py_UCS4 PyUnicode_READ(int kind, const void* data, Py_ssize_t index)
    object PyUnicode_Substring(object text, Py_ssize_t start, Py_ssize_t end)
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_IS_ASCII(object text)
    Py_ssize_t PyUnicode_FindChar(object text, Py_UCS4 character, Py_ssize_t start, Py_ssize_t end, int direction) except -2
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND
    int PyUnicode_4BYTE_KIND

# the hash of the kernel's sources this binary was built from (setup.py): the loader compares it with the files'
SOURCE_HASH = WINNOW_SOURCE_HASH.decode("ascii")

# `str.casefold` of each character of the BMP when it is one character of the BMP, else 0 (a character folding to
# several, as "ß" to "ss"; NUL folds to itself): made on the first call of casefold, from Python's own casefold
cdef Py_UCS2* _FOLD = NULL
cdef enum:
    BMP = 0x10000


cdef int _build_fold() except -1:
    """_FOLD, from one `str.casefold` of the BMP's characters each followed by a newline (which folds to itself and is
    part of no other character's fold: checked), walked in C."""
    global _FOLD
    cdef Py_UCS4* chars = <Py_UCS4*>PyMem_Malloc(2 * BMP * sizeof(Py_UCS4))
    cdef Py_UCS2* table = <Py_UCS2*>PyMem_Calloc(BMP, sizeof(Py_UCS2))
    cdef Py_ssize_t c, at = 0, start, n
    cdef Py_UCS4 f
    cdef str folded
    if not chars or not table:
        PyMem_Free(chars)
        PyMem_Free(table)
        raise MemoryError()
    try:
        for c in range(BMP):
            chars[2 * c] = <Py_UCS4>c if c != 10 else 32  # (the newline's own fold: itself)
            chars[2 * c + 1] = 10
        folded = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, 2 * BMP).casefold()
        n = len(folded)
        for c in range(BMP):
            start = at
            while at < n and folded[at] != u"\n":
                at += 1
            if at == n:
                raise ValueError("winnow.kernel._facts: a character folds to a newline")
            f = folded[start]
            if at - start == 1 and f < BMP:
                table[c] = <Py_UCS2>f
            at += 1
        if at != n:
            raise ValueError("winnow.kernel._facts: a character folds to a newline")
        table[10] = 10
    except BaseException:
        PyMem_Free(table)
        raise
    finally:
        PyMem_Free(chars)
    _FOLD = table
    return 0


cdef Py_ssize_t _fold_into(str text, void* out, bint wide, Py_ssize_t m) except -2:
    """Write `text.casefold()` at out[m:] (Py_UCS4 when `wide`, else Py_UCS2, with room for three characters a character
    of `text`): where it ends, or -1 when a character folds to one outside the BMP and not `wide`."""
    cdef int kind = PyUnicode_KIND(text)
    cdef Py_ssize_t n = len(text), k, j
    cdef const void* data = PyUnicode_DATA(text)
    cdef Py_UCS2* out2 = <Py_UCS2*>out
    cdef Py_UCS4* out4 = <Py_UCS4*>out
    cdef Py_UCS4 c, f
    cdef const Py_UCS1* ones = <const Py_UCS1*>data
    cdef const Py_UCS2* twos = <const Py_UCS2*>data
    cdef const Py_UCS4* fours = <const Py_UCS4*>data
    cdef str piece
    k = 0
    while k < n:
        # most characters: one of the text's kind read and its fold written, in a loop of its own for the kind (up to a
        # character that folds to several or to one outside the BMP, done below)
        if not wide and kind == PyUnicode_1BYTE_KIND:
            while k < n:
                f = _FOLD[ones[k]]
                if not f and ones[k]:
                    break
                out2[m] = <Py_UCS2>f
                m += 1
                k += 1
        elif not wide and kind == PyUnicode_2BYTE_KIND:
            while k < n:
                f = _FOLD[twos[k]]
                if not f and twos[k]:
                    break
                out2[m] = <Py_UCS2>f
                m += 1
                k += 1
        if k == n:
            break
        c = ones[k] if kind == PyUnicode_1BYTE_KIND else (twos[k] if kind == PyUnicode_2BYTE_KIND else fours[k])
        k += 1
        f = _FOLD[c] if c < BMP else 0
        if f or c == 0:
            if wide:
                out4[m] = f
            else:
                out2[m] = <Py_UCS2>f
            m += 1
            continue
        piece = chr(c).casefold()  # (several characters, or a character outside the BMP)
        if len(piece) > 3:
            return -1
        for j in range(len(piece)):
            f = piece[j]
            if wide:
                out4[m] = f
            elif f >= BMP:
                return -1
            else:
                out2[m] = <Py_UCS2>f
            m += 1
    return m


def casefold(str text):
    """`text.casefold()`: for a text that is not ASCII, each character's fold read off a table (Python's own casefold
    looks up each character's properties, and writes four bytes a character); the few characters that fold to several
    ("ß") or lie outside the BMP folded by Python."""
    if PyUnicode_IS_ASCII(text):  # (Python's own fast path)
        return text.casefold()
    if _FOLD == NULL:
        _build_fold()
    cdef bint wide = PyUnicode_KIND(text) == PyUnicode_4BYTE_KIND  # (the fold of a text of the BMP is of the BMP: checked)
    cdef Py_ssize_t m
    cdef void* out = PyMem_Malloc((3 * len(text) + 1) * (sizeof(Py_UCS4) if wide else sizeof(Py_UCS2)))  # (a character folds to three at most)
    if not out:
        raise MemoryError()
    try:
        m = _fold_into(text, out, wide, 0)
        if m < 0:
            return text.casefold()
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND if wide else PyUnicode_2BYTE_KIND, out, m)
    finally:
        PyMem_Free(out)


def casefold_lines(list lines):
    """`"\\n".join(lines).casefold()`, each line folded as `casefold` folds a text, straight into the page (no joined
    copy of it to make first)."""
    cdef Py_ssize_t n = 0, m = 0, i
    cdef bint ascii = True, wide = False
    for line in lines:
        if type(line) is not str:  # (what join makes of it, or its error)
            return "\n".join(lines).casefold()
        n += len(<str>line) + 1
        ascii = ascii and PyUnicode_IS_ASCII(line)
        wide = wide or PyUnicode_KIND(<str>line) == PyUnicode_4BYTE_KIND
    if ascii:  # (Python's own fast paths; no line: "")
        return "\n".join(lines).casefold()
    if _FOLD == NULL:
        _build_fold()
    cdef void* out = PyMem_Malloc((3 * n + 1) * (sizeof(Py_UCS4) if wide else sizeof(Py_UCS2)))
    if not out:
        raise MemoryError()
    try:
        for i in range(len(lines)):
            if i:
                if wide:
                    (<Py_UCS4*>out)[m] = 10
                else:
                    (<Py_UCS2*>out)[m] = 10
                m += 1
            m = _fold_into(<str>lines[i], out, wide, m)
            if m < 0:
                return "\n".join(lines).casefold()
        return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND if wide else PyUnicode_2BYTE_KIND, out, m)
    finally:
        PyMem_Free(out)


# what a character is to the key and the words
cdef enum:
    WORD = 1  # \w: alphanumeric or _
    SPACE = 2  # str.isspace (QUOTES' spaces among them)
    EDGE_CHAR = 4  # stripped from a key's ends
    DROPPED = 8  # left out of a key
    PLAIN = 16  # made plain in a key (a quote)
    DECIMAL = 32  # \d
    WIDE_MAX = 64

cdef unsigned char _LATIN1[256]
cdef Py_UCS4 _LATIN1_PLAIN[256]
# the characters above Latin-1 that QUOTES or EDGE name (a handful, between _wide_low and _wide_high)
cdef Py_UCS4 _WIDE[WIDE_MAX]
cdef unsigned char _WIDE_CLASS[WIDE_MAX]
cdef Py_UCS4 _WIDE_PLAIN[WIDE_MAX]
cdef int _n_wide = 0
cdef Py_UCS4 _wide_low = 0x10FFFF, _wide_high = 0


cdef unsigned char _own_class(Py_UCS4 c):
    """What a character is by Python's own tests (not QUOTES or EDGE)."""
    cdef unsigned char found = 0
    if Py_UNICODE_ISALNUM(c) or c == u"_":
        found |= WORD
    if Py_UNICODE_ISSPACE(c):
        found |= SPACE
    if Py_UNICODE_ISDECIMAL(c):
        found |= DECIMAL
    return found


cdef unsigned char _listed_class(str character):
    """What QUOTES and EDGE make of a character."""
    cdef unsigned char found = 0
    if character in EDGE:
        found |= EDGE_CHAR
    if character in QUOTES:
        plain = QUOTES[character]
        if plain == "":
            found |= DROPPED
        elif plain != " ":  # (those made a space are spaces: collapsed with the others)
            found |= PLAIN
    return found


cdef void _build_tables() except *:
    global _n_wide, _wide_low, _wide_high
    cdef Py_UCS4 c
    cdef int code
    for code in range(256):
        c = <Py_UCS4>code
        _LATIN1[code] = _own_class(c) | _listed_class(chr(code))
        _LATIN1_PLAIN[code] = c
    for character, plain in QUOTES.items():
        if len(plain) == 1 and plain != " " and ord(character) < 256:
            _LATIN1_PLAIN[ord(character)] = ord(plain)
    for character in sorted(set(EDGE) | set(QUOTES)):
        c = ord(character)
        if c < 256:
            continue
        if _n_wide == WIDE_MAX:
            raise ValueError("winnow.kernel._facts: too many special characters in QUOTES and EDGE")
        _WIDE[_n_wide] = c
        _WIDE_CLASS[_n_wide] = _listed_class(character)
        plain = QUOTES.get(character, "")
        _WIDE_PLAIN[_n_wide] = ord(plain) if len(plain) == 1 else c
        _wide_low = min(_wide_low, c)
        _wide_high = max(_wide_high, c)
        _n_wide += 1
    for plain in QUOTES.values():
        if len(plain) > 1 or (plain and ord(plain) >= 256):
            raise ValueError("winnow.kernel._facts: QUOTES makes a character plain as more than one Latin-1 character")


_build_tables()


cdef inline int _wide_at(Py_UCS4 c):
    """The index of `c` in _WIDE, or -1."""
    cdef int k
    if c < _wide_low or c > _wide_high:
        return -1
    for k in range(_n_wide):
        if _WIDE[k] == c:
            return k
    return -1


cdef inline unsigned char _class(Py_UCS4 c):
    cdef int k
    if c < 256:
        return _LATIN1[c]
    k = _wide_at(c)
    return _own_class(c) | (_WIDE_CLASS[k] if k >= 0 else 0)


cdef inline Py_UCS4 _plain(Py_UCS4 c):
    cdef int k
    if c < 256:
        return _LATIN1_PLAIN[c]
    k = _wide_at(c)
    return _WIDE_PLAIN[k] if k >= 0 else c


cdef inline bint _is_edge(Py_UCS4 c):
    cdef int k
    if c < 256:
        return _LATIN1[c] & EDGE_CHAR
    k = _wide_at(c)
    return k >= 0 and _WIDE_CLASS[k] & EDGE_CHAR


cdef inline bint _decimal(int kind, const void* data, Py_ssize_t k):
    cdef Py_UCS4 c = PyUnicode_READ(kind, data, k)
    return _LATIN1[c] & DECIMAL if c < 256 else Py_UNICODE_ISDECIMAL(c)


cdef bint _hinted(int kind, const void* data, Py_ssize_t k, Py_ssize_t end):
    """Whether DATE_HINT (\\d(?:\\d\\d\\d|[./]\\s?\\d)) matches at k (a decimal digit) within its line of text[:end] (a
    decimal digit is no newline; a newline is the one space it may not take)."""
    cdef Py_UCS4 c
    if k + 3 < end and _decimal(kind, data, k + 1) and _decimal(kind, data, k + 2) and _decimal(kind, data, k + 3):
        return True
    if k + 2 < end:
        c = PyUnicode_READ(kind, data, k + 1)
        if c == u"." or c == u"/":
            if _decimal(kind, data, k + 2):
                return True
            c = PyUnicode_READ(kind, data, k + 2)
            if c != u"\n" and Py_UNICODE_ISSPACE(c) and k + 3 < end and _decimal(kind, data, k + 3):
                return True
    return False



# a page's words, each made a string once (see line_facts), found by their characters' hash (open addressing)
cdef struct WordSlot:
    PyObject* word  # (NULL: an empty slot; the string is held by the page's tuples of words)
    Py_ssize_t start  # where the word first stands in the page
    Py_ssize_t length
    size_t hash
    bint asked  # one of the words asked about (see line_facts)


cdef struct WordTable:
    WordSlot* slots
    Py_ssize_t size  # a power of two
    Py_ssize_t used


cdef int _table_init(WordTable* table, Py_ssize_t expected) except -1:
    cdef Py_ssize_t size = 64
    while 10 * size < 14 * expected:  # (at most 70 % used: see _page_word)
        size *= 2
    table.slots = <WordSlot*>PyMem_Calloc(size, sizeof(WordSlot))
    if not table.slots:
        raise MemoryError()
    table.size = size
    table.used = 0
    return 0


cdef inline Py_ssize_t _slot_of(size_t hash, Py_ssize_t size):
    return <Py_ssize_t>((hash ^ (hash >> 29)) & <size_t>(size - 1))


cdef int _table_grow(WordTable* table) except -1:
    cdef Py_ssize_t size = table.size * 2, k, slot
    cdef WordSlot* slots = <WordSlot*>PyMem_Calloc(size, sizeof(WordSlot))
    if not slots:
        raise MemoryError()
    for k in range(table.size):
        if table.slots[k].word != NULL:
            slot = _slot_of(table.slots[k].hash, size)
            while slots[slot].word != NULL:
                slot = (slot + 1) & (size - 1)
            slots[slot] = table.slots[k]
    PyMem_Free(table.slots)
    table.slots = slots
    table.size = size
    return 0


cdef object _page_word(WordTable* table, str page, int kind, const void* data, Py_ssize_t start, Py_ssize_t end, size_t hash, bint intern_words,
                       object asked, const unsigned char* asked_bits, bint* is_asked):
    """The word page[start:end] (`hash`: its characters'), the one string made of it where the page had it before; with
    whether it is in `asked` (None: no word is), tested once a word, only when its hash is in the filter `asked_bits`."""
    cdef Py_ssize_t length = end - start, slot = _slot_of(hash, table.size), bit
    cdef WordSlot* held
    while table.slots[slot].word != NULL:
        held = &table.slots[slot]
        if held.hash == hash and held.length == length and memcmp(<const char*>data + held.start * kind, <const char*>data + start * kind, length * kind) == 0:
            is_asked[0] = held.asked
            return <object>held.word
        slot = (slot + 1) & (table.size - 1)
    word = PyUnicode_Substring(page, start, end)
    if intern_words:
        word = intern(word)
    held = &table.slots[slot]
    held.word = <PyObject*>word
    held.start = start
    held.length = length
    held.hash = hash
    held.asked = False
    if asked is not None:
        bit = <Py_ssize_t>(hash & <size_t>(ASKED_BITS - 1))
        if asked_bits[bit >> 3] & (1 << (bit & 7)):
            held.asked = PySet_Contains(asked, word) == 1
    is_asked[0] = held.asked
    table.used += 1
    if 10 * table.used > 7 * table.size:  # (a probe of a table 70 % full: under two slots on average)
        _table_grow(table)
    return word


cdef Py_ssize_t _newlines(int kind, const void* data, Py_ssize_t n):
    """How many newlines the text of `kind` at `data` holds (`str.count("\\n")`, in a loop the compiler can widen)."""
    cdef Py_ssize_t k, found = 0
    cdef const Py_UCS1* ones = <const Py_UCS1*>data
    cdef const Py_UCS2* twos = <const Py_UCS2*>data
    cdef const Py_UCS4* fours = <const Py_UCS4*>data
    if kind == PyUnicode_1BYTE_KIND:
        for k in range(n):
            found += ones[k] == 10
    elif kind == PyUnicode_2BYTE_KIND:
        for k in range(n):
            found += twos[k] == 10
    else:
        for k in range(n):
            found += fours[k] == 10
    return found


cdef enum:
    ASKED_BITS = 65536  # the bits of the filter of the words asked about (see line_facts)

# the last set of words asked about, with its filter: (the set, the filter), replaced as one (threads)
cdef tuple _asked_filter = (None, b"")


cdef bytes _asked_bits(frozenset asked):
    """A filter of the words of `asked` by their characters' hash (FNV-1a, as line_facts hashes a word): a bit set for
    each; built once for a set (the analysis asks with the same set page after page)."""
    global _asked_filter
    cdef tuple last = _asked_filter
    if last[0] is asked:
        return <bytes>last[1]
    cdef bytearray bits = bytearray(ASKED_BITS // 8)
    cdef size_t hash
    cdef Py_ssize_t bit
    cdef Py_UCS4 c
    cdef str w
    for word in asked:
        if type(word) is not str:
            continue
        w = <str>word
        hash = <size_t>14695981039346656037ULL
        for c in w:
            hash = (hash ^ <size_t><Py_UCS4>c) * <size_t>1099511628211ULL
        bit = <Py_ssize_t>(hash & <size_t>(ASKED_BITS - 1))
        bits[bit >> 3] |= 1 << (bit & 7)
    filtered = bytes(bits)
    _asked_filter = (asked, filtered)
    return filtered


def line_facts(str folded, Py_ssize_t n_lines, keys, bint intern_words=False, Py_ssize_t hint_words=0, Py_ssize_t body_words=0,
               frozenset asked=None, dict lines_of=None):
    if not isinstance(keys, dict):
        raise TypeError("line_facts: keys must be a dict")
    if asked is not None and lines_of is None:
        raise TypeError("line_facts: the lines of the words asked about need a dict")
    cdef bytes asked_filter = _asked_bits(asked) if asked else b""
    cdef const unsigned char* asked_bits = asked_filter
    cdef object asking = asked if asked else None
    cdef bint is_asked = False
    cdef Py_ssize_t n = len(folded)
    cdef int kind = PyUnicode_KIND(folded)
    cdef const void* data = PyUnicode_DATA(folded)
    if n_lines < 1 or _newlines(kind, data, n) != n_lines - 1:
        return None
    cdef Py_ssize_t* starts = <Py_ssize_t*>PyMem_Malloc((n // 2 + 2) * sizeof(Py_ssize_t))
    cdef Py_ssize_t* ends = <Py_ssize_t*>PyMem_Malloc((n // 2 + 2) * sizeof(Py_ssize_t))
    cdef Py_UCS4* key = <Py_UCS4*>PyMem_Malloc((n + 1) * sizeof(Py_UCS4))
    cdef size_t* hashes = <size_t*>PyMem_Malloc((n // 2 + 2) * sizeof(size_t))
    cdef WordTable table
    table.slots = NULL
    if not starts or not ends or not key or not hashes:
        PyMem_Free(starts)
        PyMem_Free(ends)
        PyMem_Free(key)
        PyMem_Free(hashes)
        raise MemoryError()
    # (a list a line, filled in place: n_lines - 1 newlines were counted, so every item is set)
    cdef list seqs = PyList_New(n_lines), counts = PyList_New(n_lines), nonblank = [], body = [], hinted = [], numbered = []
    cdef dict by_first = {}
    cdef Py_ssize_t line = 0, s = 0, e, k, j, n_words, n_runs, length, left, right
    cdef Py_UCS4 c
    cdef unsigned char cls
    cdef bint in_word, in_run, changed, hint
    cdef tuple found
    cdef object word, first, held, number
    cdef size_t hash = 0
    try:
        _table_init(&table, n // 16)  # (about a word in 17 characters of a page is new to it: no table grown)
        while s <= n:
            e = s
            n_words = n_runs = length = 0
            in_word = in_run = changed = hint = False
            while e < n:
                c = PyUnicode_READ(kind, data, e)
                if c == u"\n":
                    break
                cls = _class(c)
                if cls & (WORD | SPACE | DROPPED | PLAIN) == WORD:  # a run of word characters that go to the key as they are,
                    # in a tight loop (what the steps below do for each, without the tests a character between words needs)
                    if not in_word:
                        starts[n_words] = e
                        in_word = True
                        hash = <size_t>14695981039346656037ULL
                    if not in_run:
                        in_run = True
                        n_runs += 1
                    while True:
                        hash = (hash ^ <size_t>c) * <size_t>1099511628211ULL
                        key[length] = c
                        length += 1
                        if cls & DECIMAL and not hint:
                            hint = _hinted(kind, data, e, n)
                        e += 1
                        if e == n:
                            break
                        c = PyUnicode_READ(kind, data, e)
                        cls = _class(c)  # (a newline is no word character)
                        if cls & (WORD | SPACE | DROPPED | PLAIN) != WORD:
                            break
                    continue
                if cls & WORD:  # the words, each with its characters' hash (FNV-1a)
                    if not in_word:
                        starts[n_words] = e
                        in_word = True
                        hash = <size_t>14695981039346656037ULL
                    hash = (hash ^ <size_t>c) * <size_t>1099511628211ULL
                elif in_word:
                    ends[n_words] = e
                    hashes[n_words] = hash
                    n_words += 1
                    in_word = False
                if cls & SPACE:  # the word count (str.split)
                    in_run = False
                    # the key: one space between words
                    if length and key[length - 1] == u" ":
                        changed = True
                    else:
                        key[length] = u" "
                        length += 1
                        changed = changed or c != u" "
                else:
                    if not in_run:
                        in_run = True
                        n_runs += 1
                    if cls & DROPPED:
                        changed = True
                    elif cls & PLAIN:
                        key[length] = _plain(c)
                        length += 1
                        changed = True
                    else:
                        key[length] = c
                        length += 1
                    if cls & DECIMAL and not hint:
                        hint = _hinted(kind, data, e, n)
                e += 1
            if in_word:
                ends[n_words] = e
                hashes[n_words] = hash
                n_words += 1
            if n_words:  # (a word the page used before is the string made then: its hash, once worked out, is kept)
                found = PyTuple_New(n_words)
                for j in range(n_words):
                    word = _page_word(&table, folded, kind, data, starts[j], ends[j], hashes[j], intern_words, asking, asked_bits, &is_asked)
                    Py_INCREF(word)
                    PyTuple_SET_ITEM(found, j, word)
                    if is_asked:  # (the line's number once in the word's list)
                        held = lines_of.get(word)
                        if held is None:
                            lines_of[word] = [line]
                        elif <Py_ssize_t>(<list>held)[len(<list>held) - 1] != line:
                            (<list>held).append(line)
            else:
                found = ()
            Py_INCREF(found)
            PyList_SET_ITEM(seqs, line, found)
            number = line
            left = 0
            right = length
            while left < right and _is_edge(key[left]):
                left += 1
            while right > left and _is_edge(key[right - 1]):
                right -= 1
            if changed:
                PyDict_SetItem(keys, number, PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, key + left, right - left))
            else:  # the key is the line's own characters
                PyDict_SetItem(keys, number, PyUnicode_Substring(folded, s + left, s + right))
            held = n_runs  # (held: reused)
            Py_INCREF(held)
            PyList_SET_ITEM(counts, line, held)
            if n_runs:
                nonblank.append(number)
                if n_runs >= body_words:
                    body.append(number)
                if hint and n_runs <= hint_words:
                    hinted.append(number)
                first = found[0] if n_words else ""
                if n_words and Py_UNICODE_ISDIGIT(PyUnicode_READ(kind, data, starts[0])):
                    numbered.append(number)
                held = by_first.get(first)
                if held is None:
                    by_first[first] = [number]
                else:
                    (<list>held).append(number)
            line += 1
            s = e + 1
    finally:
        PyMem_Free(starts)
        PyMem_Free(ends)
        PyMem_Free(key)
        PyMem_Free(hashes)
        PyMem_Free(table.slots)
    return seqs, counts, nonblank, body, hinted, by_first, numbered


cdef tuple _words(str text, int kind, const void* data, Py_ssize_t start, Py_ssize_t end, Py_ssize_t* starts, Py_ssize_t* ends, bint intern_words):
    """The words of text[start:end] (\\w+) as a tuple; `starts` and `ends` have room for them."""
    cdef Py_ssize_t k, j, n_words = 0
    cdef bint in_word = False
    cdef Py_UCS4 c
    for k in range(start, end):
        c = PyUnicode_READ(kind, data, k)
        if (_LATIN1[c] if c < 256 else _own_class(c)) & WORD:
            if not in_word:
                starts[n_words] = k
                in_word = True
        elif in_word:
            ends[n_words] = k
            n_words += 1
            in_word = False
    if in_word:
        ends[n_words] = end
        n_words += 1
    if not n_words:
        return ()
    cdef tuple found = PyTuple_New(n_words)
    for j in range(n_words):
        word = PyUnicode_Substring(text, starts[j], ends[j])
        if intern_words:
            word = intern(word)
        Py_INCREF(word)
        PyTuple_SET_ITEM(found, j, word)
    return found


def words_of_lines(str page):
    cdef Py_ssize_t n = len(page), s = 0, e
    cdef int kind = PyUnicode_KIND(page)
    cdef const void* data = PyUnicode_DATA(page)
    cdef Py_ssize_t* starts = <Py_ssize_t*>PyMem_Malloc((n // 2 + 2) * sizeof(Py_ssize_t))
    cdef Py_ssize_t* ends = <Py_ssize_t*>PyMem_Malloc((n // 2 + 2) * sizeof(Py_ssize_t))
    cdef list found = []
    try:
        if not starts or not ends:
            raise MemoryError()
        while s <= n:
            e = s
            while e < n and PyUnicode_READ(kind, data, e) != u"\n":
                e += 1
            found.append(_words(page, kind, data, s, e, starts, ends, False))
            s = e + 1
    finally:
        PyMem_Free(starts)
        PyMem_Free(ends)
    return found


cdef inline bint _all_digits(str w, Py_ssize_t n):
    """A word of digits only (str.isdigit, which is False for an empty word): a number, no content stem."""
    cdef Py_ssize_t k
    for k in range(n):
        if not Py_UNICODE_ISDIGIT(w[k]):
            return False
    return n > 0


def content_stems(tuple words, frozenset stop, Py_ssize_t shortest, Py_ssize_t letters):
    cdef set found = set()
    cdef Py_ssize_t n
    cdef str w
    for word in words:
        w = <str>word
        n = len(w)
        if n < shortest or w in stop or _all_digits(w, n):
            continue
        found.add(w if n <= letters else PyUnicode_Substring(w, 0, letters))
    return found


def fill_stems(list seqs, lines, dict known, frozenset stop, Py_ssize_t shortest, Py_ssize_t letters):
    """The twin's, in one call for all the lines (content_stems' loop)."""
    cdef set found
    cdef Py_ssize_t n
    cdef str w
    for i in lines:
        if PyDict_Contains(known, i):
            continue
        found = set()
        for word in <tuple>seqs[i]:
            w = <str>word
            n = len(w)
            if n < shortest or w in stop or _all_digits(w, n):
                continue
            found.add(w if n <= letters else PyUnicode_Substring(w, 0, letters))
        known[i] = found


# the paragraphs' content stems, for title_shares: found by their characters' hash (FNV-1a) without making a candidate's
# stems as strings (open addressing; a slot's stem is held by the caller's sets)
cdef struct StemSlot:
    PyObject* stem  # (NULL: an empty slot)
    size_t hash
    Py_ssize_t counted  # the last candidate that counted it (-1: none)
    unsigned char where  # IN_OTHERS, IN_FIRST


cdef enum:
    IN_OTHERS = 1
    IN_FIRST = 2


cdef inline size_t _chars_hash(int kind, const void* data, Py_ssize_t n):
    cdef size_t hash = <size_t>14695981039346656037ULL
    cdef Py_ssize_t k
    for k in range(n):
        hash = (hash ^ <size_t>PyUnicode_READ(kind, data, k)) * <size_t>1099511628211ULL
    return hash


cdef inline bint _same_chars(str stem, int kind, const void* data, Py_ssize_t n):
    """Whether `stem` is the n characters at `data`."""
    cdef Py_ssize_t k
    cdef int own = PyUnicode_KIND(stem)
    cdef const void* chars = PyUnicode_DATA(stem)
    if len(stem) != n:
        return False
    for k in range(n):
        if PyUnicode_READ(own, chars, k) != PyUnicode_READ(kind, data, k):
            return False
    return True


cdef Py_ssize_t _stem_slot(StemSlot* slots, Py_ssize_t size, int kind, const void* data, Py_ssize_t n, size_t hash):
    """The slot of the stem of those n characters, or the empty slot where it would go."""
    cdef Py_ssize_t slot = _slot_of(hash, size)
    while slots[slot].stem != NULL:
        if slots[slot].hash == hash and _same_chars(<str>slots[slot].stem, kind, data, n):
            return slot
        slot = (slot + 1) & (size - 1)
    return slot


cdef int _add_stems(StemSlot* slots, Py_ssize_t size, set stems, unsigned char where) except -1:
    cdef Py_ssize_t n, slot
    cdef size_t hash
    cdef str s
    for stem in stems:
        if not isinstance(stem, str):  # (a stem is a string: nothing else equals a word's letters)
            continue
        s = <str>stem
        n = len(s)
        hash = _chars_hash(PyUnicode_KIND(s), PyUnicode_DATA(s), n)
        slot = _stem_slot(slots, size, PyUnicode_KIND(s), PyUnicode_DATA(s), n, hash)
        if slots[slot].stem == NULL:
            slots[slot].stem = <PyObject*>s
            slots[slot].hash = hash
            slots[slot].counted = -1
        slots[slot].where |= where
    return 0


@cython.boundscheck(True)
def title_shares(list lines, list counts, list seqs, list candidates, Py_ssize_t max_words, str period_last, ends_with_period,
                 frozenset stop, Py_ssize_t shortest, Py_ssize_t letters, list others, set first_stems, Py_ssize_t first_body):
    """The twin's, a word's stem looked up by its characters in a table of the paragraphs' stems (no union of their sets
    made, no stem of a candidate made as a string): a stem found there is checked as a content stem (not a stopword, not
    a number) and counted once a line."""
    cdef list found = []
    cdef Py_ssize_t i, n, m, end, shared, total = len(first_stems), size = 16, slot, ordinal = 0
    cdef int kind
    cdef const void* data
    cdef unsigned char wanted
    cdef str text, w
    cdef StemSlot* slots
    for stems in others:
        total += len(<set>stems)
    while size < 2 * total:
        size *= 2
    slots = <StemSlot*>PyMem_Calloc(size, sizeof(StemSlot))
    if not slots:
        raise MemoryError()
    try:
        for stems in others:
            _add_stems(slots, size, <set>stems, IN_OTHERS)
        _add_stems(slots, size, first_stems, IN_FIRST)
        for index in candidates:
            i = index
            if <Py_ssize_t>counts[i] > max_words:
                continue
            text = <str>lines[i]
            kind = PyUnicode_KIND(text)
            data = PyUnicode_DATA(text)
            end = len(text)
            while end > 0 and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1)):  # (str.rstrip)
                end -= 1
            if end > 0 and PyUnicode_FindChar(period_last, PyUnicode_READ(kind, data, end - 1), 0, len(period_last), 1) >= 0 and ends_with_period(PyUnicode_Substring(text, 0, end)):
                continue
            wanted = IN_OTHERS if i == first_body else IN_OTHERS | IN_FIRST
            shared = 0
            ordinal += 1
            for word in <tuple>seqs[i]:
                w = <str>word
                n = len(w)
                if n < shortest:
                    continue
                m = n if n <= letters else letters
                kind = PyUnicode_KIND(w)
                data = PyUnicode_DATA(w)
                slot = _stem_slot(slots, size, kind, data, m, _chars_hash(kind, data, m))
                if slots[slot].stem == NULL or not slots[slot].where & wanted or slots[slot].counted == ordinal:
                    continue
                if w in stop or _all_digits(w, n):
                    continue
                slots[slot].counted = ordinal
                shared += 1
            if shared:
                found.append((index, shared))
    finally:
        PyMem_Free(slots)
    return found


def first_sets(dict by_first, dict numbers):
    """The twin's, in one loop over the smaller dict, each word looked up in the other in C."""
    cdef dict starting = {}, small, large
    cdef Py_ssize_t pos = 0
    cdef PyObject* word
    cdef PyObject* value
    cdef PyObject* other
    cdef PyObject* held
    cdef bint by_numbers = len(numbers) < len(by_first)
    small, large = (numbers, by_first) if by_numbers else (by_first, numbers)
    while PyDict_Next(small, &pos, &word, &value):
        other = PyDict_GetItemWithError(large, <object>word)  # (an error raised: `except? NULL`)
        if other == NULL:
            continue
        for n in <tuple>(<object>value if by_numbers else <object>other):
            held = PyDict_GetItemWithError(starting, n)
            if held != NULL:
                (<list>held).append(<object>word)
            else:
                starting[n] = [<object>word]
    return starting


def long_lines(list lines, Py_ssize_t shortest):
    cdef list found = []
    for line in lines:
        if len(line) >= shortest:
            found.append(line)
    return found


cdef enum:
    CHAINS = 16  # pieces of a text walked side by side (see language_visits)


cdef Py_ssize_t _visit(const unsigned char[::1] text, const int[::1] first, const int[::1] after_two, const int[::1] nextmove,
                       const int[::1] rowbase, const int[::1] output, int deepest, int* found, int* counted) except -1:
    """The features met walking `text` into `found` and how often into `counted` (room for a feature a byte), in the
    order first met: how many."""
    cdef Py_ssize_t n = text.shape[0], p, slot, size = 16, n_found = 0
    cdef int d, feature
    if n == 0:
        return 0
    while size < 2 * n + 2:
        size *= 2
    cdef int* state = <int*>PyMem_Malloc(n * sizeof(int))
    cdef Py_ssize_t begin[CHAINS]
    cdef Py_ssize_t end[CHAINS]
    cdef int current[CHAINS]
    cdef Py_ssize_t length, step, k
    cdef int* slots = <int*>PyMem_Malloc(size * sizeof(int))  # a feature's index in found/counted, or -1
    try:
        if not state or not slots:
            raise MemoryError()
        # the library's walk, byte by byte, cut into CHAINS pieces walked side by side (reads of the automaton's tens of
        # megabytes that do not wait for one another): the state before a piece is the walk from the start state over
        # the `deepest` bytes before it (the longest sequence the automaton knows is no longer)
        length = (n + CHAINS - 1) // CHAINS
        for k in range(CHAINS):
            begin[k] = min(k * length, n)
            end[k] = min(begin[k] + length, n)
            current[k] = 0
        for d in range(deepest, 0, -1):  # (the first piece starts from the start state)
            for k in range(1, CHAINS):
                p = begin[k] - d
                if p >= 0:
                    current[k] = nextmove[rowbase[current[k]] + text[p]]
        for step in range(length):
            for k in range(CHAINS):
                p = begin[k] + step
                if p < end[k]:
                    current[k] = nextmove[rowbase[current[k]] + text[p]]
                    state[p] = current[k]
        for p in range(size):
            slots[p] = -1
        for p in range(n):  # the features met, counted in the order first met
            feature = output[state[p]]
            if feature < 0:
                continue
            slot = <Py_ssize_t>((<unsigned int>feature * 2654435761U) & (size - 1))
            while slots[slot] != -1 and found[slots[slot]] != feature:
                slot = (slot + 1) & (size - 1)
            if slots[slot] == -1:
                slots[slot] = n_found
                found[n_found] = feature
                counted[n_found] = 1
                n_found += 1
            else:
                counted[slots[slot]] += 1
        return n_found
    finally:
        PyMem_Free(state)
        PyMem_Free(slots)


def language_visits(const unsigned char[::1] text, const int[::1] first, const int[::1] after_two, const int[::1] nextmove, const int[::1] rowbase, const int[::1] output, int deepest):
    cdef Py_ssize_t n = text.shape[0], n_found, p
    if n == 0:
        return [], []
    cdef int* found = <int*>PyMem_Malloc(n * sizeof(int))
    cdef int* counted = <int*>PyMem_Malloc(n * sizeof(int))
    try:
        if not found or not counted:
            raise MemoryError()
        n_found = _visit(text, first, after_two, nextmove, rowbase, output, deepest, found, counted)
        return [found[p] for p in range(n_found)], [counted[p] for p in range(n_found)]
    finally:
        PyMem_Free(found)
        PyMem_Free(counted)


cdef enum:
    ROWS_AHEAD = 32  # rows of the weights asked of memory before they are read (see language_rows)


cdef void _gather(const Py_ssize_t* rows, Py_ssize_t n, const unsigned short[:, ::1] table, unsigned int* out, unsigned int rebias) noexcept:
    """Rows `rows` of `table` (checked inside it) into `out` (n rows as wide as the table), widened (see language_rows)."""
    cdef Py_ssize_t width = table.shape[1], r, c
    cdef Py_ssize_t row_bytes = width * sizeof(unsigned short)
    cdef const unsigned short* source
    cdef unsigned int* target
    # each row's cache lines asked for ROWS_AHEAD rows before it is read: the table is tens of megabytes, its rows
    # scattered over it, and the reads of one row then do not wait for those of the row before
    for r in range(min(n, ROWS_AHEAD)):
        source = &table[rows[r], 0]
        for c in range(0, row_bytes, 64):
            WINNOW_PREFETCH(<const char*>source + c)
    for r in range(n):
        if r + ROWS_AHEAD < n:
            source = &table[rows[r + ROWS_AHEAD], 0]
            for c in range(0, row_bytes, 64):
                WINNOW_PREFETCH(<const char*>source + c)
        source = &table[rows[r], 0]
        target = out + r * width
        for c in range(width):
            target[c] = (<unsigned int>source[c] << 13) + rebias


def language_rows(list found, const unsigned short[:, ::1] table, unsigned int[:, ::1] out, unsigned int rebias):
    cdef Py_ssize_t n = len(found), width = table.shape[1], r, f, size = table.shape[0]
    if out.shape[0] != n or out.shape[1] != width:
        raise ValueError("language_rows: out must have a row for each feature, as wide as the table")
    cdef Py_ssize_t* rows = <Py_ssize_t*>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    if not rows:
        raise MemoryError()
    try:
        for r in range(n):
            f = found[r]
            if f < 0 or f >= size:
                raise IndexError(f"language_rows: feature {f} outside the table")
            rows[r] = f
        if n:
            _gather(rows, n, table, &out[0, 0], rebias)
    finally:
        PyMem_Free(rows)


def language_features(const unsigned char[::1] text, const int[::1] first, const int[::1] after_two, const int[::1] nextmove, const int[::1] rowbase,
                      const int[::1] output, int deepest, const unsigned short[:, ::1] table, unsigned int rebias):
    """The twin's: the walk's features gathered into the arrays at once (no lists of the features and their counts made,
    then read again into arrays)."""
    cdef Py_ssize_t n = text.shape[0], n_found = 0, r, width = table.shape[1], size = table.shape[0]
    cdef int* found = <int*>PyMem_Malloc((n + 1) * sizeof(int))
    cdef int* counted = <int*>PyMem_Malloc((n + 1) * sizeof(int))
    cdef Py_ssize_t* rows = <Py_ssize_t*>PyMem_Malloc((n + 1) * sizeof(Py_ssize_t))
    cdef unsigned int[:, ::1] into
    cdef float[::1] times
    try:
        if not found or not counted or not rows:
            raise MemoryError()
        n_found = _visit(text, first, after_two, nextmove, rowbase, output, deepest, found, counted)
        for r in range(n_found):
            if found[r] >= size:
                raise IndexError(f"language_features: feature {found[r]} outside the table")
            rows[r] = found[r]
        weights = _numpy.empty((n_found, width), dtype=_numpy.uint32)
        counts = _numpy.empty(n_found, dtype=_numpy.float32)
        if n_found:
            into = weights
            times = counts
            _gather(rows, n_found, table, &into[0, 0], rebias)
            for r in range(n_found):
                times[r] = <float>counted[r]
        return weights, counts
    finally:
        PyMem_Free(found)
        PyMem_Free(counted)
        PyMem_Free(rows)
