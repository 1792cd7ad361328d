# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of `lines_py.py` (see `winnow.kernel`): the same functions, the same results, in C loops over the
lines' characters. Edit both files together; `tests/test_kernel.py` runs both on many pages."""

from cpython.dict cimport PyDict_Check, PyDict_GetItemWithError
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.ref cimport PyObject
from cpython.unicode cimport PyUnicode_1BYTE_KIND, PyUnicode_CheckExact, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISALPHA, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE
from libc.stdint cimport int32_t, uint32_t, uint64_t
from winnow.kernel._chars cimport one_of

from array import array

cdef extern from *:
    """
    #ifndef WINNOW_SOURCE_HASH
    #define WINNOW_SOURCE_HASH ""
    #endif
    """
    const char* WINNOW_SOURCE_HASH

# the hash of the kernel's sources this binary was built from (setup.py): the loader compares it with the files'
SOURCE_HASH = WINNOW_SOURCE_HASH.decode("ascii")

cdef enum:  # (lines_py's numbers; C constants, not names looked up in the module at every line)
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
    cdef int kind = PyUnicode_KIND(p)
    cdef void* data = PyUnicode_DATA(p)
    cdef Py_UCS4 last = PyUnicode_READ(kind, data, n - 1)
    if last in u",(„“«‚‘[/-–—":
        return last not in u"“«‚‘" or n == 1 or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, n - 2))
    k = n - 1
    while k >= 0 and not Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k)):
        k -= 1
    start = k + 1  # the last word (after the last space)
    # (both asked of the word: first the test of one character, then of every one)
    if not ((start == 0 and n - start <= 3) or Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, start))):
        return False
    for k in range(start, n):
        if not Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, k)):
            return False
    return _folded_in(p, kind, data, start, n, stop)


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


cdef inline str _key_at(object keys, Py_ssize_t i):
    """keys[i] (a line's key): a dict's (the analysis's LazyKeys) read in C, without the call a dict subclass's subscript
    makes; asked of it as such only where it has none yet (its __missing__ keys the line)."""
    cdef PyObject* found
    if PyDict_Check(keys):
        found = PyDict_GetItemWithError(keys, i)  # (no exception saved and restored around the look-up)
        if found is not NULL:
            return <str>found
    return <str>keys[i]


def strip_lines(list lines):
    cdef Py_ssize_t i, size
    cdef object line
    cdef int kind
    cdef void* data
    cdef Py_UCS4 first, last
    for i in range(len(lines)):
        line = lines[i]
        if not PyUnicode_CheckExact(line):
            return [text.strip() for text in lines]
        size = len(<str>line)
        if size:
            kind = PyUnicode_KIND(<str>line)
            data = PyUnicode_DATA(<str>line)
            first = PyUnicode_READ(kind, data, 0)
            last = PyUnicode_READ(kind, data, size - 1)
            if (_LATIN1_SPACE[first] if first < 256 else Py_UNICODE_ISSPACE(first)) or (_LATIN1_SPACE[last] if last < 256 else Py_UNICODE_ISSPACE(last)):
                return [text.strip() for text in lines]
    return lines


def link_lines(list stripped, list counts, keys, dict read_more, frozenset links, str edge, unsigned char[:] flags):
    cdef dict more = {}
    cdef Py_ssize_t i, size
    cdef str line_key
    cdef object found
    for i in range(len(counts)):
        if <Py_ssize_t>counts[i] > 4 or not <str>stripped[i]:  # (LINK_WORDS)
            continue
        line_key = _key_at(keys, i)
        size = len(line_key)
        if size and (one_of(line_key[0], edge) or one_of(line_key[size - 1], edge)):  # (most keys have no arrow to strip)
            found = read_more.get(line_key.strip(edge), "")
        else:
            found = read_more.get(line_key, "")
        if found:
            more[i] = found
            flags[i] |= FLAG_LINK
        elif line_key in links:
            flags[i] |= FLAG_LINK
    return more


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
    cdef list texts = [], block
    for block in blocks:
        if len(block) == 1:
            texts.append(stripped[<Py_ssize_t>block[0]])
        else:
            texts.append(" ".join([stripped[<Py_ssize_t>i] for i in block]))
    return blocks, formulas, texts


cdef uint64_t FNV_OFFSET = 14695981039346656037ULL
cdef uint64_t FNV_PRIME = 1099511628211ULL


cdef struct _Slot:  # a slot of a _WordTable: 8 bytes, so that a probe reads one cache line, not two arrays' lines
    uint32_t tag  # the high half of its word's hash (the low bits place it)
    int32_t index  # into `words`, or -1


cdef inline uint32_t _tag(uint64_t h):
    return <uint32_t>(h >> 32)


cdef class _WordTable:
    """A set of words looked up by their characters in place (an open-addressing table of FNV-1a hashes over code
    points, each hit checked character by character): a word of a text is found without making a string of it."""

    cdef _Slot* slots
    cdef Py_ssize_t mask
    cdef Py_ssize_t longest  # the longest word's length: a longer one is not looked up
    cdef list words
    cdef Py_UCS4* chars  # the words' characters one after another (a hit checked in C, not through a str object)
    cdef Py_ssize_t* offsets  # where each word's characters start in `chars` (and, one past the last, end)

    def __cinit__(self, object stop):  # any iterable of words (a frozenset, a dict's keys)
        cdef Py_ssize_t size = 8, k, slot, total = 0, at = 0, j
        cdef uint64_t h
        cdef str w
        self.words = [w for w in stop if type(w) is str and w]
        self.longest = max([len(w) for w in self.words], default=0)
        while size < 2 * len(self.words) + 2:
            size *= 2
        self.mask = size - 1
        self.slots = <_Slot*>PyMem_Malloc(size * sizeof(_Slot))
        if not self.slots:
            raise MemoryError()
        for w in self.words:
            total += len(w)
        self.chars = <Py_UCS4*>PyMem_Malloc(max(total, 1) * sizeof(Py_UCS4))
        self.offsets = <Py_ssize_t*>PyMem_Malloc((len(self.words) + 1) * sizeof(Py_ssize_t))
        if not self.chars or not self.offsets:
            raise MemoryError()
        for k in range(len(self.words)):
            w = <str>self.words[k]
            self.offsets[k] = at
            for j in range(len(w)):
                self.chars[at] = w[j]
                at += 1
        self.offsets[len(self.words)] = at
        for k in range(size):
            self.slots[k].index = -1
        for k in range(len(self.words)):
            w = <str>self.words[k]
            h = _hash(w, 0, len(w))
            slot = <Py_ssize_t>(h & self.mask)
            while self.slots[slot].index != -1:
                slot = (slot + 1) & self.mask
            self.slots[slot].index = <int32_t>k
            self.slots[slot].tag = _tag(h)

    def __dealloc__(self):
        PyMem_Free(self.slots)
        PyMem_Free(self.chars)
        PyMem_Free(self.offsets)

    cdef Py_ssize_t find(self, str text, Py_ssize_t start, Py_ssize_t end):
        """The position in `words` of the word text[start:end], or -1."""
        cdef uint64_t h = _hash(text, start, end)
        cdef Py_ssize_t slot = <Py_ssize_t>(h & self.mask), k, n = end - start, at
        cdef const Py_UCS4* w
        while self.slots[slot].index != -1:
            if self.slots[slot].tag == _tag(h):
                at = self.slots[slot].index
                if self.offsets[at + 1] - self.offsets[at] == n:
                    w = self.chars + self.offsets[at]
                    for k in range(n):
                        if w[k] != <Py_UCS4>text[start + k]:
                            break
                    else:
                        return at
            slot = (slot + 1) & self.mask
        return -1

    cdef inline bint holds(self, str text, Py_ssize_t start, Py_ssize_t end):
        return self.find(text, start, end) >= 0


cdef inline Py_UCS4 _fold_latin1(unsigned int c):
    """str.casefold of a Latin-1 character but ß (which folds to two: 'ss'): A-Z and À-Þ (but ×) to lower case, µ to μ."""
    if 65 <= c <= 90 or (0xC0 <= c <= 0xDE and c != 0xD7):
        return <Py_UCS4>(c + 32)
    if c == 0xB5:
        return <Py_UCS4>0x3BC
    return <Py_UCS4>c


cdef inline bint _holds_latin1(_WordTable table, const unsigned char* data, Py_ssize_t start, Py_ssize_t end):
    """Whether the table holds the word data[start:end] (Latin-1) case-folded, folded here as it is read."""
    return _find_latin1(table, data, start, end) >= 0


cdef Py_UCS4 _FOLD_LATIN1[256]  # `_fold_latin1` of each Latin-1 character (ß, folding to two, is read apart)
for _c in range(256):
    _FOLD_LATIN1[_c] = _fold_latin1(_c)


cdef inline uint64_t _hash_latin1(uint64_t h, unsigned int c) noexcept:
    """The FNV hash `h` carried over the case-folded Latin-1 character `c` (ß folds to 'ss': a word's folded
    length grows by `1 + (c == 0xDF)`)."""
    if c == 0xDF:
        h = (h ^ 115) * FNV_PRIME
        return (h ^ 115) * FNV_PRIME
    return (h ^ <uint64_t>_FOLD_LATIN1[c]) * FNV_PRIME


cdef Py_ssize_t _find_latin1(_WordTable table, const unsigned char* data, Py_ssize_t start, Py_ssize_t end):
    """The position in the table's words of the word data[start:end] (Latin-1) case-folded, folded here as it is read;
    -1 if it holds none such."""
    cdef uint64_t h = FNV_OFFSET
    cdef Py_ssize_t k, n = 0
    cdef unsigned int c
    for k in range(start, end):
        c = data[k]
        h = _hash_latin1(h, c)
        n += 1 + (c == 0xDF)
    return _probe_latin1(table, data, start, end, h, n)


cdef inline Py_ssize_t _probe_latin1(_WordTable table, const unsigned char* data, Py_ssize_t start, Py_ssize_t end, uint64_t h, Py_ssize_t n):
    """`_find_latin1` of the word data[start:end] whose case-folded hash `h` and length `n` are known."""
    cdef Py_ssize_t k, slot = <Py_ssize_t>(h & table.mask), j, at
    cdef unsigned int c
    cdef const Py_UCS4* w
    cdef bint same
    while table.slots[slot].index != -1:
        if table.slots[slot].tag == _tag(h):
            at = table.slots[slot].index
            if table.offsets[at + 1] - table.offsets[at] == n:
                w = table.chars + table.offsets[at]
                j = 0
                same = True
                for k in range(start, end):
                    c = data[k]
                    if c == 0xDF:
                        if w[j] != 115 or w[j + 1] != 115:  # ('s')
                            same = False
                            break
                        j += 2
                    else:
                        if w[j] != _FOLD_LATIN1[c]:
                            same = False
                            break
                        j += 1
                if same:
                    return at
        slot = (slot + 1) & table.mask
    return -1


cdef inline bint _holds_folded(_WordTable table, int kind, void* data, Py_ssize_t start, Py_ssize_t end):
    """`_holds_latin1` of a wider str (`kind`) whose word data[start:end] holds only characters that fold as Latin-1's
    do, or that case-folding keeps (`_simple_wide`)."""
    return _find_folded(table, kind, data, start, end) >= 0


cdef Py_ssize_t _find_folded(_WordTable table, int kind, void* data, Py_ssize_t start, Py_ssize_t end):
    """`_find_latin1` of a wider str (`kind`) whose word data[start:end] holds only characters that fold as Latin-1's
    do, or that case-folding keeps (`_simple_wide`)."""
    cdef uint64_t h = FNV_OFFSET
    cdef Py_ssize_t k, n = 0
    cdef Py_UCS4 c
    for k in range(start, end):
        c = PyUnicode_READ(kind, data, k)
        if c == 0xDF:  # ß: 'ss'
            h = (h ^ 115) * FNV_PRIME
            h = (h ^ 115) * FNV_PRIME
            n += 2
        else:
            h = (h ^ <uint64_t>_fold_wide(c)) * FNV_PRIME
            n += 1
    return _probe_folded(table, kind, data, start, end, h, n)


cdef Py_ssize_t _probe_folded(_WordTable table, int kind, void* data, Py_ssize_t start, Py_ssize_t end, uint64_t h, Py_ssize_t n):
    """`_find_folded` of the word data[start:end] whose case-folded hash `h` and length `n` are known."""
    cdef Py_ssize_t k, slot = <Py_ssize_t>(h & table.mask), j, at
    cdef Py_UCS4 c
    cdef const Py_UCS4* w
    cdef bint same
    while table.slots[slot].index != -1:
        if table.slots[slot].tag == _tag(h):
            at = table.slots[slot].index
            if table.offsets[at + 1] - table.offsets[at] == n:
                w = table.chars + table.offsets[at]
                j = 0
                same = True
                for k in range(start, end):
                    c = PyUnicode_READ(kind, data, k)
                    if c == 0xDF:
                        if w[j] != 115 or w[j + 1] != 115:  # ('s')
                            same = False
                            break
                        j += 2
                    else:
                        if w[j] != _fold_wide(c):
                            same = False
                            break
                        j += 1
                if same:
                    return at
        slot = (slot + 1) & table.mask
    return -1


cdef bint _folded_in(str text, int kind, void* data, Py_ssize_t start, Py_ssize_t end, frozenset stop):
    """text[start:end].casefold() in stop, the word folded as it is read (count_common's table of the stoplist), without
    making a string of it but where a character folds otherwise than Latin-1's do."""
    cdef _WordTable table = _tables.get(stop)
    cdef Py_ssize_t k
    cdef Py_UCS4 c
    if table is None:
        if len(_tables) > 64:
            _tables.clear()
        table = _tables[stop] = _WordTable(stop)
    if end - start > table.longest:  # (case-folding makes no word shorter)
        return False
    if kind == PyUnicode_1BYTE_KIND:
        return _holds_latin1(table, <const unsigned char*>data, start, end)
    for k in range(start, end):
        c = PyUnicode_READ(kind, data, k)
        if c >= 256 and not _simple_wide(c):
            return text[start:end].casefold() in stop
    return _holds_folded(table, kind, data, start, end)


cdef inline Py_UCS4 _fold_wide(Py_UCS4 c):
    """`_fold_latin1` of a Latin-1 character; any other is one case-folding keeps (`_simple_wide`)."""
    return _fold_latin1(c) if c < 256 else c


cdef inline bint _simple_wide(Py_UCS4 c):
    """A character past Latin-1 that case-folding keeps as it is: general punctuation (quotes, dashes, the ellipsis) and
    currency signs, what German, French or English text holds besides Latin-1 (tests/test_kernel.py checks each)."""
    return 0x2000 <= c < 0x20D0


cdef inline uint64_t _hash(str text, Py_ssize_t start, Py_ssize_t end):
    cdef uint64_t h = FNV_OFFSET
    cdef Py_ssize_t k
    for k in range(start, end):
        h = (h ^ <uint64_t>text[k]) * FNV_PRIME
    return h


cdef bint _LATIN1_SPACE[256]  # str.isspace of each Latin-1 character
for _c in range(256):
    _LATIN1_SPACE[_c] = Py_UNICODE_ISSPACE(<Py_UCS4>_c)

cdef dict _tables = {}  # by stoplist: a page language's list is the same frozenset page after page


cdef _WordTable _table_of(frozenset stop):
    """The stoplist's table (made once: a page language's list is the same frozenset page after page)."""
    cdef _WordTable table = _tables.get(stop)
    if table is None:
        if len(_tables) > 64:
            _tables.clear()
        table = _tables[stop] = _WordTable(stop)
    return table


cdef inline Py_ssize_t _wide_word_end(int kind, void* data, Py_ssize_t k, Py_ssize_t n, bint* simple):
    """Where the word from `k` ends (at a space, as str.split), and in `simple` whether its characters all fold as
    Latin-1's or not at all (`_simple_wide`), so that it can be read in place."""
    cdef Py_UCS4 c
    simple[0] = True
    while k < n:
        c = PyUnicode_READ(kind, data, k)
        if c < 256:
            if _LATIN1_SPACE[c]:
                break
        elif Py_UNICODE_ISSPACE(c):
            break
        elif not _simple_wide(c):
            simple[0] = False
        k += 1
    return k


cdef void _count_text(str text, _WordTable table, Py_ssize_t* words, Py_ssize_t* common):
    """The text's words (str.split's) and how many of them, case-folded, the table holds."""
    cdef Py_ssize_t n, k = 0, start, found = 0, held = 0, size
    cdef const unsigned char* data
    cdef void* wide
    cdef int kind
    cdef Py_UCS4 c
    cdef bint simple
    cdef str folded
    cdef uint64_t h
    if PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND:  # Latin-1 (most European text): folded as it is read, not copied
        data = <const unsigned char*>PyUnicode_DATA(text)
        n = len(text)
        while k < n:
            while k < n and _LATIN1_SPACE[data[k]]:
                k += 1
            if k == n:
                break
            start = k  # (the word's end found and its case-folded hash made in one pass: `_find_latin1`'s)
            h = FNV_OFFSET
            size = 0
            while k < n:
                c = data[k]
                if _LATIN1_SPACE[c]:
                    break
                h = _hash_latin1(h, c)
                size += 1 + (c == 0xDF)
                k += 1
            found += 1
            if k - start <= table.longest:  # (case-folding makes no word shorter)
                held += _probe_latin1(table, data, start, k, h, size) >= 0
        words[0] = found
        common[0] = held
        return
    kind = PyUnicode_KIND(text)  # (wider: a word is read in place where its characters fold as Latin-1's or not at all)
    wide = PyUnicode_DATA(text)
    n = len(text)
    while k < n:
        c = PyUnicode_READ(kind, wide, k)
        if (_LATIN1_SPACE[c] if c < 256 else Py_UNICODE_ISSPACE(c)):
            k += 1
            continue
        start = k  # (the word's end found, whether it reads in place, and its case-folded hash made in one pass)
        simple = True
        h = FNV_OFFSET
        size = 0
        while k < n:
            c = PyUnicode_READ(kind, wide, k)
            if c < 256:
                if _LATIN1_SPACE[c]:
                    break
                h = _hash_latin1(h, c)
                size += 1 + (c == 0xDF)
            elif Py_UNICODE_ISSPACE(c):
                break
            else:  # (`_fold_wide` keeps it: the hash `_find_folded` makes where it reads in place)
                if not _simple_wide(c):
                    simple = False
                h = (h ^ <uint64_t>c) * FNV_PRIME
                size += 1
            k += 1
        found += 1
        if k - start > table.longest:  # (case-folding makes no word shorter)
            continue
        if simple:
            held += _probe_folded(table, kind, wide, start, k, h, size) >= 0
        else:  # (case-folding splits no word and joins none: each word folds alone as in the whole text)
            folded = text[start:k].casefold()
            held += table.holds(folded, 0, len(folded))
    words[0] = found
    common[0] = held


def count_common(list texts, frozenset stop):
    cdef _WordTable table = _table_of(stop)
    cdef list words = [], common = []
    cdef Py_ssize_t found, held
    for text in texts:
        _count_text(<str>text, table, &found, &held)
        words.append(found)
        common.append(held)
    return words, common


cdef inline bint _math_symbol(Py_UCS4 c):
    """MATH_SYMBOL: operators, arrows, brackets."""
    return (
        c in u"=+<>^_\u00af\u2020\u2032"
        or 0x2190 <= c <= 0x22FF
        or 0x27C0 <= c <= 0x27FF
        or 0x2900 <= c <= 0x2AFF
    )


cdef inline bint _letter(Py_UCS4 c):
    """[^\\W\\d_] as `re` reads it: a word character (alphanumeric or _) that is no decimal digit and no _."""
    return Py_UNICODE_ISALNUM(c) and not Py_UNICODE_ISDECIMAL(c) and c != u"_"


def formula_lines(list stripped):
    cdef list found = []
    cdef Py_ssize_t i, k, n
    cdef str line
    cdef bint symbol, word
    cdef Py_UCS4 c, after
    for i in range(len(stripped)):
        line = <str>stripped[i]
        n = len(line)
        if n == 0:
            continue
        if n <= 20:  # SYMBOLS_CHARS
            symbol = word = False
            for k in range(n):
                c = line[k]
                if _math_symbol(c):
                    symbol = True
                if k + 1 < n and _letter(c) and _letter(line[k + 1]):
                    word = True
                    break
            if (symbol and not word) or (n == 1 and Py_UNICODE_ISALPHA(line[0])):
                found.append(i)
                continue
        if n >= 3 and line[0] == u"{" and line[1] == u"\\":
            after = line[2]
            if (u"a" <= after <= u"z") or (u"A" <= after <= u"Z"):
                found.append(i)
    return found


cdef class _LanguageTable:
    """Every stopword of several languages with the languages listing it (`best_shares`), looked up by its characters
    in place by a `_WordTable`; each word's languages in C (`firsts[at]` to `firsts[at + 1]` in `listed`)."""

    cdef _WordTable table
    cdef Py_ssize_t* firsts
    cdef Py_ssize_t* listed

    def __cinit__(self, dict index):
        cdef Py_ssize_t at, k, total = 0
        self.table = _WordTable(index)
        cdef list languages = [tuple(index[w]) for w in self.table.words]
        for found in languages:
            total += len(<tuple>found)
        self.firsts = <Py_ssize_t*>PyMem_Malloc((len(languages) + 1) * sizeof(Py_ssize_t))
        self.listed = <Py_ssize_t*>PyMem_Malloc(max(total, 1) * sizeof(Py_ssize_t))
        if not self.firsts or not self.listed:
            raise MemoryError()
        k = 0
        for at in range(len(languages)):
            self.firsts[at] = k
            for language in <tuple>languages[at]:
                self.listed[k] = <Py_ssize_t>language
                k += 1
        self.firsts[len(languages)] = k

    def __dealloc__(self):
        PyMem_Free(self.firsts)
        PyMem_Free(self.listed)


cdef list _language_tables = []  # (index, table): the stoplists' index is one dict for the process


cdef _LanguageTable _language_table(dict index):
    for known, built in _language_tables:
        if known is index:
            return <_LanguageTable>built
    table = _LanguageTable(index)
    _language_tables[:] = [(index, table)]
    return table


cdef double _best_share(str text, _LanguageTable table, Py_ssize_t* counts, int languages):
    """The text's highest share of words (case-folded, split at spaces) one language's stoplist holds (`best_shares`):
    its words read in place as `_count_text` reads them (Latin-1, or characters folding as Latin-1's or not at all),
    only the others folded as strings."""
    cdef Py_ssize_t k = 0, start, words = 0, at, j, best = 0, n = len(text)
    cdef int language, kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef _WordTable words_table = table.table
    cdef Py_UCS4 c
    cdef bint simple
    cdef str folded
    for language in range(languages):
        counts[language] = 0
    while k < n:
        c = PyUnicode_READ(kind, data, k)
        if (_LATIN1_SPACE[c] if c < 256 else Py_UNICODE_ISSPACE(c)):
            k += 1
            continue
        start = k
        k = _wide_word_end(kind, data, k, n, &simple)
        words += 1
        if k - start > words_table.longest:  # (case-folding makes no word shorter)
            continue
        if kind == PyUnicode_1BYTE_KIND:
            at = _find_latin1(words_table, <const unsigned char*>data, start, k)
        elif simple:
            at = _find_folded(words_table, kind, data, start, k)
        else:  # (case-folding splits no word and joins none: each word folds alone as in the whole text)
            folded = text[start:k].casefold()
            at = words_table.find(folded, 0, len(folded))
        if at >= 0:
            for j in range(table.firsts[at], table.firsts[at + 1]):
                counts[table.listed[j]] += 1
    if words == 0:
        return 0.0
    for language in range(languages):
        if counts[language] > best:
            best = counts[language]
    return <double>best / <double>words


def best_shares(list texts, dict index, int languages):
    cdef _LanguageTable table = _language_table(index)
    cdef list found = []
    cdef Py_ssize_t* counts = <Py_ssize_t*>PyMem_Malloc(max(languages, 1) * sizeof(Py_ssize_t))
    if not counts:
        raise MemoryError()
    try:
        for text in texts:
            found.append(_best_share(<str>text, table, counts, languages))
    finally:
        PyMem_Free(counts)
    return found


cdef double NOT_MEASURED = float("nan")  # (Python's NaN, bit for bit)


def stop_shares(list texts, asked, frozenset stop, double low, Py_ssize_t long_enough, dict index, int languages):
    cdef Py_ssize_t n, found, held
    cdef double share, best
    cdef str text
    shares = array("d", [NOT_MEASURED]) * len(texts)
    cdef double[:] out = shares
    cdef _WordTable table = _table_of(stop)
    cdef _LanguageTable languages_table = None
    cdef Py_ssize_t* counts = NULL
    try:
        for n in (range(len(texts)) if asked is None else <list>asked):
            text = <str>texts[n]
            _count_text(text, table, &found, &held)
            share = <double>held / <double>(found if found > 1 else 1)
            if share < low and len(text) >= long_enough:  # a passage in another language: the stoplist that fits it best
                if counts == NULL:
                    languages_table = _language_table(index)
                    counts = <Py_ssize_t*>PyMem_Malloc(max(languages, 1) * sizeof(Py_ssize_t))
                    if not counts:
                        raise MemoryError()
                best = _best_share(text, languages_table, counts, languages)
                if best > share:
                    share = best
            out[n] = share
    finally:
        PyMem_Free(counts)
    return shares
