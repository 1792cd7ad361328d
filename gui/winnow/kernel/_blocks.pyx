# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled twin of `blocks_py.py` (see `winnow.kernel`): the same functions, the same results, in C loops over the
blocks' arrays. Edit both files together; `tests/test_kernel_blocks.py` runs both on many pages."""

from array import array

from cpython.dict cimport PyDict_Check, PyDict_GetItemWithError
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from cpython.ref cimport PyObject
from cpython.unicode cimport PyUnicode_1BYTE_KIND, PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT, Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE, Py_UNICODE_ISUPPER
from winnow.kernel._chars cimport one_of

cdef extern from *:
    """
    #ifndef WINNOW_SOURCE_HASH
    #define WINNOW_SOURCE_HASH ""
    #endif
    """
    const char* WINNOW_SOURCE_HASH

SOURCE_HASH = WINNOW_SOURCE_HASH.decode("ascii")

cdef enum:
    REMOVED = 0
    GOOD = 1
    NEAR = 2
    SHORT = 3
    BAD = 4
    IS_REMOVED = 1
    INSIDE = 2
    LEAD = 4
    JUNK = 8
    END = 16
    COMMENTS = 32
    TICKER = 64
    MORE = 128
    NOT_FRAGMENT = 8 | 16 | 128 | 64
    BOX_PARAGRAPHS = 1
    BRIDGE_BLOCKS = 12
    REACH_STEPS = 48
    TAIL_BLOCKS = 1
    STACK_LINES = 4
    STACK_WORDS = 3
    WORDY = 4
    COMMENT_START = 4
    ROLE_WORDS = 12
    MENU_WORDS = 3
    LINE_REMOVED = 1  # (lines_py's FLAG_REMOVED, FLAG_CLOSES)
    LINE_CLOSES = 16

cdef double UNFINISHED_NEAR = 0.1, NAMES_SHARE = 0.5, COMMENT_WEIGHT = 0.3, CLOSING_AFTER = 0.75  # (blocks_py's numbers)


# (winnow.text.sentences's: SENTENCE_END is a mark, then closers or a space and a », at the end or before a last newline)
SENTENCE_END_MARKS = u".!?…。！？।॥۔؟"
CLOSERS = u"\"'”’“‘»«)]"


def ends_sentence(list texts):
    found = bytearray(len(texts))
    cdef unsigned char[:] ends = found
    cdef Py_ssize_t n
    for n in range(len(texts)):
        ends[n] = _ends_sentence(<str>texts[n])
    return found


cdef bint _ends_sentence(str text):
    cdef Py_ssize_t k = len(text)
    cdef Py_UCS4 c
    if k and text[k - 1] == u"\n":
        k -= 1
    while k > 0:
        c = text[k - 1]
        if c in u".!?…。！？।॥۔؟":  # SENTENCE_END_MARKS (a literal: a C switch)
            return True
        if c == u"»" and k >= 2 and text[k - 2] in u" \u00a0\u202f":
            k -= 2  # (a » alone would leave the space before it: no closer)
        elif c in u"\"'”’“‘»«)]":  # CLOSERS
            k -= 1
        else:
            return False
    return False


def line_flags(list lines, list stripped, list removals):
    cdef Py_ssize_t count = len(lines), i, k, size
    flags = bytearray(count)
    cdef unsigned char[:] flag_of = flags
    cdef str text
    cdef bint tex = False
    for i in range(count):
        if removals[i] is not None:
            flag_of[i] = LINE_REMOVED
        text = <str>stripped[i]
        if not tex and u"\\" in text:
            tex = True
        if len(text) and text[0] == u".":
            text = <str>lines[i]
            size = len(text)
            k = 0
            while k < size and Py_UNICODE_ISSPACE(text[k]):  # (str.lstrip's)
                k += 1
            if size - k > 2 and Py_UNICODE_ISSPACE(text[k + 1]):
                flag_of[i] |= LINE_CLOSES
    return flags, tex


def block_flags(list lines, list removals, tuple inside, tuple lead, dict more):
    cdef Py_ssize_t count = len(lines), n
    flags = bytearray(count)
    cdef unsigned char[:] flag_of = flags
    cdef dict family = {}, more_of = {}, known = {}
    cdef object first, removal, its, at, bits
    for n in range(count):
        first = (<list>lines[n])[0]
        removal = removals[<Py_ssize_t>first]
        if removal is not None:
            its = family[n] = removal.family
            at = id(its)  # (a family compares and hashes in Python: its flags are found once a page, by identity)
            bits = known.get(at)
            if bits is None:
                bits = known[at] = IS_REMOVED | (INSIDE if _among(its, inside) else 0) | (LEAD if _among(its, lead) else 0)
            flag_of[n] = <unsigned char>bits
        if more and first in more:
            more_of[n] = more[first]
            flag_of[n] |= MORE
    return family, more_of, flags


cdef bint _among(object its, tuple families):
    """`its in families`, by identity first (blocks_py's)."""
    for family in families:
        if family is its:
            return True
    return its in families


STARTS_REMEMBERED = 100000  # (blocks_py's)


cdef bint _LATIN1_SPACE[256]  # str.isspace of each Latin-1 character
for _c in range(256):
    _LATIN1_SPACE[_c] = Py_UNICODE_ISSPACE(<Py_UCS4>_c)


cdef bint _more_words(str text, Py_ssize_t most):
    """len(text.split()) > most, read in place (it stops at the word past `most`: no fast path of its own for Latin-1)."""
    cdef Py_ssize_t k, size = len(text), found = 0
    cdef int kind = PyUnicode_KIND(text)
    cdef void* data = PyUnicode_DATA(text)
    cdef bint inside = False, space
    cdef Py_UCS4 c
    for k in range(size):
        c = PyUnicode_READ(kind, data, k)
        space = _LATIN1_SPACE[c] if c < 256 else Py_UNICODE_ISSPACE(c)
        if space:
            inside = False
        elif not inside:
            inside = True
            found += 1
            if found > most:
                return True
    return False


def key_facts(
    list lines,
    list texts,
    dict words,
    keys,
    list key_words,
    list seqs,
    const unsigned char[:] anchored,
    keyed,
    rewritten,
    found,
    joiners,
    is_junk,
    dict memo,
    unsigned char[:] flags,
):
    cdef Py_ssize_t count = len(lines), n, at = 0, i
    cdef Py_ssize_t longest = found.longest_link
    cdef Py_ssize_t far = longest if longest > 80 else 80  # (JOINED_LINKS_CHARS)
    cdef list block, joined_keys
    cdef list joined = []
    later = bytearray(count)
    cdef unsigned char[:] keyed_later = later
    for n in range(count):
        block = <list>lines[n]
        if len(block) > 1:
            if _long_key(block, keys, far) and not (n in words or u"_" in <str>texts[n] or (rewritten and not rewritten.isdisjoint(block))):
                keyed_later[n] = 1  # (its key is longer than any link or links joined: made only if asked for)
            else:
                joined.append(texts[n])
    joined_keys = keyed(joined) if joined else []
    cdef frozenset links = found.links, anchors = found.footer.anchors, link_starts = found.link_starts, end_markers = found.end_markers
    cdef bint wordless = found.wordless_links
    cdef const unsigned char[:] firsts = found.comment_firsts, headings = found.heading_firsts, counts = found.count_firsts
    cdef const unsigned char* first_of = &firsts[0]  # (read through a pointer: the view not copied at every call)
    starts_match, comments, counted = found.comment_starts.match, found.comments.match, found.counted_end.match
    cdef str first, text, word
    cdef object seq
    cdef bint junk, could, lazy, short, numbered, listed, head
    cdef unsigned char flag
    for n in range(count):
        block = <list>lines[n]
        lazy = False
        if keyed_later[n]:
            flags[n] |= _long_key_facts(n, block, <str>texts[n], keys, key_words, seqs, anchored, anchors, keyed, found, is_junk, firsts, memo, starts_match, comments, counted)
            continue
        if len(block) == 1:
            i = <Py_ssize_t>block[0]
            first = _key_of(keys, block[0])  # (by the line's own number object: none made for the look-up)
            seq = key_words[i]
        else:
            first = <str>joined_keys[at]
            at += 1
            text = <str>texts[n]
            if n in words or u"_" in text or (rewritten and not rewritten.isdisjoint(block)):
                seq = None
            else:
                seq = None
                lazy = True  # the words of its lines, made a tuple only if is_junk is asked
        listed = len(first) <= longest  # (a paragraph's key is not hashed to be looked up)
        if listed and first in links:
            junk = True  # (is_junk's first answer, without the call into Python: a link as listed)
        elif seq is None and not lazy:
            junk = is_junk(first, None, found)
        else:
            could = False
            if lazy:
                if _block_anchored(block, key_words, seqs, anchored, anchors):  # (_anchored's)
                    could = len(first) <= 80 or _words_of(block, key_words) <= 20
                if not could:
                    could = (wordless or _first_word_in(block, key_words, link_starts)) and len(first) <= 80 and joiners(first)
                if could:
                    seq = tuple([word for i in block for word in key_words[i]])
            else:
                if _line_anchored(i, key_words, seqs, anchored, anchors):  # (_anchored's)
                    could = len(first) <= 80 or len(<tuple>seq) <= 20
                if not could and (wordless or (len(<tuple>seq) > 0 and (<tuple>seq)[0] in link_starts)):
                    could = len(first) <= 80 and joiners(first)  # JOINED_LINKS_CHARS
            junk = is_junk(first, seq, found) if could else False
        flag = JUNK if junk else 0
        if listed and first in end_markers:
            flag |= END
        head = _heading_start(first, first_of, memo, starts_match)
        if head:  # (each pattern only where a heading or a count could start where it would look for one: `_may_head`)
            short = not _more_words(<str>texts[n], 12)  # COMMENT_WORDS
            numbered = len(first) > 0 and Py_UNICODE_ISDECIMAL(first[0])  # (re's \d)
            if short and _may_head(first, &headings[0], True) and comments(first) is not None:
                flag |= COMMENTS | END
            elif numbered and _may_head(first, &counts[0], False) and counted(first) is not None:
                flag |= END
        flags[n] |= flag


def may_head(str text, const unsigned char[:] firsts, bint optional):
    return _may_head(text, &firsts[0], optional)


cdef bint _may_head(str text, const unsigned char* firsts, bint optional):
    """blocks_py's `may_head`: whether the comment headings' or counts' pattern may match, by the character where its
    entries would start (at the text's start where the digits are optional, or after its digits and the spaces after
    them)."""
    cdef Py_ssize_t size = len(text), digits = 0, at
    if optional and _may_start(text, 0, firsts):
        return True
    while digits < size and Py_UNICODE_ISDECIMAL(text[digits]):  # (re's \d)
        digits += 1
    at = digits
    while at < size and Py_UNICODE_ISSPACE(text[at]):  # (re's \s)
        at += 1
    return digits > 0 and at > digits and _may_start(text, at, firsts)


cdef inline bint _may_start(str text, Py_ssize_t at, const unsigned char* firsts):
    cdef Py_UCS4 c
    if at >= len(text):
        return True
    c = text[at]
    return c >= 256 or firsts[c] != 0


cdef inline str _key_of(object keys, object number):
    """keys[number] (a line's key): a dict's (the analysis's LazyKeys) read in C, without the call a dict subclass's
    subscript makes; asked of it as such only where it has none yet (its __missing__ keys the line)."""
    cdef PyObject* found
    if PyDict_Check(keys):
        found = PyDict_GetItemWithError(keys, number)  # (no exception saved and restored around the look-up)
        if found is not NULL:
            return <str>found
    return <str>keys[number]


cdef bint _long_key(list block, keys, Py_ssize_t far):
    """Whether the key of a block of several lines is surely longer than `far` characters, its first line's key of at
    least COMMENT_START characters (blocks_py's `_long_key`): its lines' keys, each a piece of it, with a space at least
    between two, add up to more."""
    cdef str line_key = _key_of(keys, block[0])
    cdef Py_ssize_t total = -1
    if len(line_key) < COMMENT_START:
        return False
    for number in block:
        line_key = _key_of(keys, number)
        if len(line_key):
            total += len(line_key) + 1
    return total > far


cdef struct _Start:  # a key's first COMMENT_START characters and whether `found.comment_starts` matches them
    Py_UCS4 chars[4]  # (COMMENT_START; 0 past the key's end)
    int size  # how many (-1: an empty slot)
    bint head


cdef enum:
    START_SLOTS = 16384  # starts remembered in C, a slot each by their characters' hash (a page's blocks start in few ways, but
    # pages of many sites in thousands: 260 devset pages in ~7,800, which a thousand slots forgot a third of the time)

cdef _Start _starts[START_SLOTS]
cdef object _starts_memo = None  # the memo the slots answer as (held: its address is no other's while they do)


cdef bint _heading_start(str first, const unsigned char* firsts, dict memo, starts_match) except -1:
    """Whether a key starts as a comment heading or a count of comments does (`found.comment_starts` of its first
    COMMENT_START characters, remembered in `memo`, and for `memo` in C slots: no start cut off nor hashed for a start
    seen before); a key whose first character (of Latin-1) starts none is not looked up (blocks_py's `_heading_start`)."""
    global _starts_memo
    cdef Py_ssize_t size = len(first), k, n = size if size < COMMENT_START else COMMENT_START
    cdef Py_UCS4 chars[4]
    cdef unsigned int h = 0
    cdef _Start* slot
    cdef str start
    cdef object head
    cdef int kind = PyUnicode_KIND(first)
    cdef void* data = PyUnicode_DATA(first)
    if size and PyUnicode_READ(kind, data, 0) < 256 and not firsts[PyUnicode_READ(kind, data, 0)]:
        return False  # (no comment heading or count starts so: the start not cut off, looked up, nor remembered)
    if memo is not _starts_memo:  # (another lexicon's patterns, or a caller's own memo: the slots forget)
        for k in range(START_SLOTS):
            _starts[k].size = -1
        _starts_memo = memo
    for k in range(COMMENT_START):
        chars[k] = 0
        if k < n:
            chars[k] = PyUnicode_READ(kind, data, k)
        h = (h ^ <unsigned int>chars[k]) * <unsigned int>16777619
    slot = &_starts[h % START_SLOTS]
    if slot.size == n and slot.chars[0] == chars[0] and slot.chars[1] == chars[1] and slot.chars[2] == chars[2] and slot.chars[3] == chars[3]:
        return slot.head
    start = first[:COMMENT_START]
    head = memo.get(start)
    if head is None:
        if len(memo) > STARTS_REMEMBERED:
            memo.clear()
        head = memo[start] = starts_match(start) is not None
    if memo is _starts_memo:  # (unless another thread's memo took the slots meanwhile: the pattern matched in Python)
        for k in range(COMMENT_START):
            slot.chars[k] = chars[k]
        slot.size = <int>n
        slot.head = head
    return head


cdef unsigned char _long_key_facts(
    Py_ssize_t n,
    list block,
    str text,
    keys,
    list key_words,
    list seqs,
    const unsigned char[:] anchored,
    frozenset anchors,
    keyed,
    found,
    is_junk,
    const unsigned char[:] firsts,
    dict memo,
    starts_match,
    comments,
    counted,
) except? 255:
    """key_facts' flags of a block whose key is longer than any link's or links joined (`_long_key`): no link, closing
    marker nor links joined; junk only as a footer line of few words; its start is its first line's key's. Its key is
    made only where is_junk or the comment patterns ask for it."""
    cdef str start = _key_of(keys, block[0])
    cdef object first = None
    cdef unsigned char flag = 0
    cdef bint short, numbered
    if _block_anchored(block, key_words, seqs, anchored, anchors) and _words_of(block, key_words) <= 20:
        first = keyed([text])[0]
        if is_junk(first, tuple([word for i in block for word in key_words[<Py_ssize_t>i]]), found):
            flag = JUNK
    if _heading_start(start, &firsts[0], memo, starts_match):
        short = not _more_words(text, 12)  # COMMENT_WORDS
        numbered = Py_UNICODE_ISDECIMAL(start[0])
        if (short or numbered) and first is None:
            first = keyed([text])[0]
        if short and comments(first) is not None:
            flag |= COMMENTS | END
        elif numbered and counted(first) is not None:
            flag |= END
    return flag


cdef inline bint _line_anchored(Py_ssize_t i, list key_words, list seqs, const unsigned char[:] anchored, frozenset anchors):
    """Whether line i's key words hold a footer phrase's anchor word: `anchored` says where they are the line's own words
    (`seqs[i]`, the same tuple), else they are looked through."""
    cdef object seq = key_words[i]
    if seq is seqs[i]:
        return anchored[i]
    for word in <tuple>seq:
        if word in anchors:
            return True
    return False


cdef bint _block_anchored(list block, list key_words, list seqs, const unsigned char[:] anchored, frozenset anchors):
    for i in block:
        if _line_anchored(<Py_ssize_t>i, key_words, seqs, anchored, anchors):
            return True
    return False


cdef Py_ssize_t _words_of(list block, list key_words):
    cdef Py_ssize_t found = 0
    for i in block:
        found += len(key_words[<Py_ssize_t>i])
    return found


cdef bint _first_word_in(list block, list key_words, frozenset wanted):
    """Whether the first word of the block's lines (their key_words one after another) is in `wanted`."""
    for i in block:
        seq = key_words[<Py_ssize_t>i]
        if len(seq):
            return seq[0] in wanted
    return False


cdef bint _last_in(str text, str marks):
    """text.rstrip()[-1:] in marks: "" (a blank text) is in any string."""
    cdef Py_ssize_t k = len(text)
    while k > 0 and Py_UNICODE_ISSPACE(text[k - 1]):
        k -= 1
    return k == 0 or one_of(text[k - 1], marks)


cdef bint _amid_text(str before, str after):
    """blocks_py's `_amid_text`: after.lstrip()[:1].islower(), before.rstrip() not ending in UNFINISHED_BY, both of
    AMID_WORDS words at least."""
    cdef Py_ssize_t k = 0, size = len(after)
    while k < size and Py_UNICODE_ISSPACE(after[k]):
        k += 1
    if k == size or not Py_UNICODE_ISLOWER(after[k]) or _last_in(before, u".!?:…"):
        return False
    return _more_words(before, 3) and _more_words(after, 3)  # (AMID_WORDS - 1)


def amid_words(unsigned char[:] flags, list texts, list lines):
    cdef Py_ssize_t count = len(texts), last = count - 1, n
    cdef unsigned char flag
    cdef str text, before
    cdef bint closes
    for n in range(1, count):
        flag = flags[n]
        if flag & JUNK and len(<list>lines[n]) == 1 and not flags[n - 1] & IS_REMOVED:
            text = <str>texts[n]
            before = <str>texts[n - 1]
            closes = (len(text) == 0 or one_of(text[len(text) - 1], u".!?")) and _more_words(before, 3) and not _last_in(before, u".!?:…")
            if closes or (n < last and not flags[n + 1] & IS_REMOVED and _amid_text(before, <str>texts[n + 1])):
                flags[n] &= ~JUNK
        if flag & END and n < last and len(<list>lines[n]) == 1 and _amid_text(<str>texts[n - 1], <str>texts[n + 1]):
            flags[n] &= ~(END | COMMENTS)


cdef inline bint _any_stop(str text):
    """blocks_py.ANY_STOP.search(text) is not None: a sentence's end mark, then a space or the end."""
    cdef Py_ssize_t k, size = len(text)
    for k in range(size):
        if text[k] in u".!?।॥۔؟。！？" and (k + 1 == size or Py_UNICODE_ISSPACE(text[k + 1])):
            return True
    return False


cdef inline bint _cjk(str text):
    """blocks_py.CJK_CHARACTER.search(text) is not None."""
    cdef Py_UCS4 c
    for c in text:
        if 0x3040 <= c <= 0x30FF or 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF:
            return True
    return False


def judge_facts(list prose, list texts, list lines, list formulas, const long long[:] chars, const unsigned char[:] flags, const unsigned char[:] sentence, long long shortest):
    cdef Py_ssize_t count = len(lines), n, size, pieces
    bad = bytearray(count)
    stacked = bytearray(count)
    wordy = bytearray(count)
    copyright = bytearray(count)
    cdef unsigned char[:] bad_of = bad, stacked_of = stacked, wordy_of = wordy, copyright_of = copyright
    cdef list numbered = []
    cdef str text
    cdef bint held
    for n in range(count):
        text = <str>prose[n]
        held = u"©" in text
        bad_of[n] = (flags[n] & JUNK) != 0 or held
        copyright_of[n] = held if text is texts[n] else u"©" in <str>texts[n]  # (the text as measured is most blocks' text)
        size = len(<list>lines[n])
        if size >= STACK_LINES:
            pieces = size - <Py_ssize_t>formulas[n]
            if pieces >= STACK_LINES and chars[n] >= shortest:
                stacked_of[n] = not _more_words(text, STACK_WORDS * pieces - 1) and not _any_stop(text) and u"," not in text
        text = <str>texts[n]
        if sentence[n] and chars[n] < shortest:
            wordy_of[n] = _more_words(text, WORDY - 1) or _cjk(text)
        if size == 1 and len(text) and Py_UNICODE_ISDIGIT(text[0]) and _stamp_shaped(text):
            numbered.append(n)
    return bad, stacked, wordy, numbered, copyright


cdef inline bint _stamp_shaped(str text):
    """blocks_py's `_stamp_shaped`: a ':', '.' or 'h' second or third, or a '-' fifth."""
    cdef Py_ssize_t size = len(text)
    return (size > 1 and one_of(text[1], u":.h")) or (size > 2 and one_of(text[2], u":.h")) or (size > 4 and text[4] == u"-")


def judge(
    const unsigned char[:] flags,
    const unsigned char[:] bad,
    const long long[:] chars,
    const unsigned char[:] stacked,
    const double[:] density,
    const unsigned char[:] sentence,
    const unsigned char[:] wordy,
    long long shortest,
    double min_stopwords,
    long long good,
    double cost,
):
    cdef Py_ssize_t count = chars.shape[0], n
    kinds = bytearray(count)
    values = array("d", bytes(8 * count))
    cdef unsigned char[:] kind_of = kinds
    cdef double[:] value_of = values
    cdef unsigned char kind
    cdef long long length
    cdef double names = NAMES_SHARE * min_stopwords
    for n in range(count):
        length = chars[n]
        if flags[n] & IS_REMOVED:
            value_of[n] = -cost
            continue
        if bad[n]:
            kind = BAD
        elif length < shortest:
            kind = SHORT
        elif stacked[n]:
            kind = BAD
        elif density[n] >= min_stopwords:
            kind = GOOD if length >= good else NEAR
        elif sentence[n] and density[n] >= names:
            kind = NEAR
        else:
            kind = BAD
        kind_of[n] = kind
        if kind == GOOD:
            value_of[n] = <double>length
        elif kind == NEAR:
            value_of[n] = 0.5 * <double>length if sentence[n] and density[n] >= min_stopwords else UNFINISHED_NEAR * <double>length
        elif kind == SHORT:
            value_of[n] = 0.5 * <double>length if sentence[n] and density[n] >= min_stopwords and wordy[n] else -cost
        else:
            value_of[n] = _bad_value(cost, length)
    return kinds, values


cdef inline double _bad_value(double cost, long long length):
    cdef double share = 0.3 * <double>length  # (two steps, as Python takes them: no fused multiply-add)
    return -cost - share


def mark_teasers(
    unsigned char[:] kinds,
    double[:] values,
    const unsigned char[:] flags,
    dict more,
    list texts,
    list lines,
    const long long[:] chars,
    double cost,
):
    cdef bint several = len(more) > 1
    cdef Py_ssize_t m, n
    cdef str text
    for key, kind in more.items():
        m = <Py_ssize_t>key
        n = m - 1
        if n < 0 or n in more or not (several or kind == u"link"):
            continue
        text = <str>texts[m]
        if len(text) and text[len(text) - 1] == u":":
            continue
        if not flags[n] & IS_REMOVED and <Py_ssize_t>(<list>lines[n])[len(<list>lines[n]) - 1] + 1 == <Py_ssize_t>(<list>lines[m])[0]:
            kinds[n] = BAD
            values[n] = _bad_value(cost, chars[n])


def discount_comments(double[:] values, const unsigned char[:] flags):
    cdef Py_ssize_t count = values.shape[0], n, later
    cdef bint seen_prose = False
    for n in range(count):
        seen_prose = seen_prose or values[n] > 0
        if flags[n] & COMMENTS and seen_prose:
            for later in range(n + 1, count):
                if values[later] > 0:
                    values[later] *= COMMENT_WEIGHT
            return


def maximal_segments(values):
    cdef double[:] view
    if isinstance(values, array) and values.typecode == "d":
        view = values
    else:
        view = array("d", values)
    return _segments(view)


cdef struct Segment:
    long long start, end, lower
    double left, right


cdef list _segments(const double[:] values):
    # the segments' fields in one block of memory, never zeroed (a field is read only at an index written before):
    # five zeroed arrays made from zeroed bytes cost more than the search on a large input
    cdef Py_ssize_t count = values.shape[0], n, j, size = 0, start
    cdef Segment* seg = <Segment*> PyMem_Malloc(max(count, 1) * sizeof(Segment))
    if seg == NULL:
        raise MemoryError()
    cdef double total = 0.0, v, left, right
    try:
        for n in range(count):
            v = values[n]
            if v <= 0:
                total += v
                continue
            start, left, right = n, total, total + v
            total = right
            while True:
                j = size - 1
                while j >= 0 and seg[j].left >= left:
                    j = seg[j].lower
                if j < 0 or seg[j].right >= right:
                    seg[size].start = start
                    seg[size].end = n
                    seg[size].left = left
                    seg[size].right = right
                    seg[size].lower = j
                    size += 1
                    break
                start, left = seg[j].start, seg[j].left
                size = j
        return [(seg[j].right - seg[j].left, seg[j].start, seg[j].end) for j in range(size)]
    finally:
        PyMem_Free(seg)


cdef inline bint _fragment(const unsigned char[:] flags, const unsigned char[:] copyright, Py_ssize_t n):
    cdef unsigned char flag = flags[n]
    if flag & IS_REMOVED:
        return (flag & INSIDE) != 0 and not flag & END
    return not flag & NOT_FRAGMENT and not copyright[n]


cdef bint _all_fragments(const unsigned char[:] flags, const unsigned char[:] copyright, Py_ssize_t start, Py_ssize_t stop):
    cdef Py_ssize_t n
    for n in range(start, stop):
        if not _fragment(flags, copyright, n):
            return False
    return True


def fill_gaps(unsigned char[:] keep, const unsigned char[:] flags, const unsigned char[:] copyright):
    _fill_gaps(keep, flags, copyright)


cdef void _fill_gaps(unsigned char[:] keep, const unsigned char[:] flags, const unsigned char[:] copyright):
    cdef Py_ssize_t previous = -1, n, k
    for n in range(keep.shape[0]):
        if not keep[n]:
            continue
        if previous >= 0 and n - previous > 1 and _all_fragments(flags, copyright, previous + 1, n):
            for k in range(previous + 1, n):
                keep[k] = 1
        previous = n


def main_text(
    values,
    const unsigned char[:] kinds,
    const long long[:] chars,
    const unsigned char[:] flags,
    const unsigned char[:] copyright,
    double min_run_share,
    long long enough,
    tail_takes,
):
    cdef const double[:] value_of = values
    cdef Py_ssize_t count = value_of.shape[0], start, end, n, kept_end = -1
    keep = bytearray(count)
    cdef unsigned char[:] kept = keep
    for start, end in _runs(values, flags, copyright, min_run_share, enough):
        if end <= kept_end:
            continue
        end = _before_ticker(flags, start, end)
        end = _last_prose(value_of, kinds, chars, start, end)
        start, end = _bridge(value_of, kinds, flags, max(start, kept_end + 1), end, kept_end)
        end = _closing(value_of, flags, start, end)
        end = _tail(kinds, flags, start, end, tail_takes)
        for n in range(start, end + 1):
            kept[n] = 1
        kept_end = max(kept_end, end)
    _fill_gaps(kept, flags, copyright)
    return keep


cdef list _runs(values, const unsigned char[:] flags, const unsigned char[:] copyright, double min_run_share, long long enough):
    cdef list runs = maximal_segments(values)
    if not runs:
        return []
    cdef Py_ssize_t count = len(runs), k, step, before, after, s
    cdef double best = max([score for score, _, _ in runs]), score
    chosen = bytearray(count)
    cdef unsigned char[:] chose = chosen
    for k in range(count):
        score, s, _ = runs[k]
        chose[k] = score >= min_run_share * best and (score == best or not flags[s] & TICKER)
    for step in (-1, 1):
        for k in (range(1, count) if step < 0 else range(count - 2, -1, -1)):
            if chose[k] or not chose[k + step] or <double>runs[k][0] < enough:
                continue
            before, after = (k, k + step) if step > 0 else (k + step, k)
            chose[k] = _all_fragments(flags, copyright, <Py_ssize_t>runs[before][2] + 1, <Py_ssize_t>runs[after][1]) and not flags[<Py_ssize_t>runs[k][1]] & TICKER
    return [(run[1], run[2]) for run, c in zip(runs, chosen) if c]


cdef Py_ssize_t _before_ticker(const unsigned char[:] flags, Py_ssize_t start, Py_ssize_t end):
    cdef Py_ssize_t n
    if flags[start] & TICKER:
        return end
    for n in range(start, end + 1):
        if flags[n] & TICKER:
            return n - 1
    return end


cdef Py_ssize_t _last_prose(const double[:] values, const unsigned char[:] kinds, const long long[:] chars, Py_ssize_t start, Py_ssize_t end):
    cdef Py_ssize_t n
    for n in range(end, start - 1, -1):
        if values[n] > 0 and not (kinds[n] == NEAR and values[n] <= UNFINISHED_NEAR * <double>chars[n]):
            return n
    return end


cdef tuple _bridge(const double[:] values, const unsigned char[:] kinds, const unsigned char[:] flags, Py_ssize_t start, Py_ssize_t end, Py_ssize_t kept_end):
    cdef Py_ssize_t reach
    while start > kept_end + 1:
        reach = _reach(values, kinds, flags, start, -1, kept_end)
        if reach < 0:
            break
        start = reach
    while True:
        reach = _reach(values, kinds, flags, end, 1, kept_end)
        if reach < 0:
            break
        end = reach
    return start, end


cdef Py_ssize_t _reach(const double[:] values, const unsigned char[:] kinds, const unsigned char[:] flags, Py_ssize_t edge, int step, Py_ssize_t kept_end):
    cdef Py_ssize_t n = edge + step, count = values.shape[0]
    cdef int fragments = 0, walked
    cdef unsigned char flag
    for walked in range(REACH_STEPS):
        if not (0 <= n < count) or fragments > BRIDGE_BLOCKS:
            return -1
        if step < 0 and n <= kept_end:
            return n + 1 if n + 1 < edge else -1
        flag = flags[n]
        if flag & TICKER and not flags[edge] & TICKER:
            return -1
        if step > 0:
            if flag & END:
                return -1
            if flag & IS_REMOVED:
                if not flag & INSIDE:
                    return -1
            elif flag & JUNK or kinds[n] == BAD:
                return -1
        else:
            if flag & COMMENTS:
                return -1
            if flag & IS_REMOVED:
                if not flag & LEAD:
                    return -1
            elif flag & (END | JUNK) or kinds[n] == BAD:
                return -1
        if values[n] > 0 and (kinds[n] == GOOD or kinds[n] == NEAR):
            return n
        fragments += not flag & IS_REMOVED
        n += step
    return -1


cdef Py_ssize_t _closing(const double[:] values, const unsigned char[:] flags, Py_ssize_t start, Py_ssize_t end):
    cdef double prose = 0.0, seen = 0.0
    cdef Py_ssize_t paragraphs_after = 0, n
    for n in range(start, end + 1):
        prose += values[n] if values[n] > 0.0 else 0.0
        paragraphs_after += values[n] > 0
    cdef double enough = CLOSING_AFTER * prose
    for n in range(start, end + 1):
        if flags[n] & END and seen >= enough:
            return n - 1
        if flags[n] & JUNK and paragraphs_after <= BOX_PARAGRAPHS and seen >= enough:
            return n - 1
        seen += values[n] if values[n] > 0.0 else 0.0
        paragraphs_after -= values[n] > 0
    return end


cdef Py_ssize_t _tail(const unsigned char[:] kinds, const unsigned char[:] flags, Py_ssize_t start, Py_ssize_t end, tail_takes):
    cdef Py_ssize_t taken = 0, n = end + 1, count = kinds.shape[0]
    while n < count and taken < TAIL_BLOCKS:
        if flags[n] & (IS_REMOVED | JUNK | END | TICKER) or kinds[n] != SHORT or not tail_takes(n, start, end):
            break
        taken += 1
        n += 1
    return n - 1


cdef double BIO_AFTER = 0.7  # (blocks_py's ROLE_WORDS, BIO_AFTER, MENU_WORDS)


cdef inline bint _name_character(Py_UCS4 c):
    """[\\w'’.-] as `re` reads it: a word character (str.isalnum, or _), an apostrophe, a full stop or a hyphen."""
    return Py_UNICODE_ISALNUM(c) or c == u"_" or c == u"'" or c == u"’" or c == u"." or c == u"-"


cdef inline bint _name_capital(Py_UCS4 c):
    """[A-ZÀ-ÖØ-Þ]."""
    return (0x41 <= c <= 0x5A) or (0xC0 <= c <= 0xD6) or (0xD8 <= c <= 0xDE)


cdef bint _is_name(str text, Py_ssize_t start, Py_ssize_t end):
    """blocks_py.NAME.match(text[start:end]) of a stripped text (no space at either end): two to four words separated by
    spaces, each a capital and name characters."""
    cdef Py_ssize_t k = start, words = 0
    while k < end:
        if not _name_capital(text[k]):
            return False
        k += 1
        while k < end and not Py_UNICODE_ISSPACE(text[k]):
            if not _name_character(text[k]):
                return False
            k += 1
        words += 1
        if words > 4:
            return False
        while k < end and Py_UNICODE_ISSPACE(text[k]):
            k += 1
    return words >= 2


def after_names(list lines, list starts):
    cdef Py_ssize_t count = len(starts), k, n, first, last
    found = bytearray(count)
    cdef unsigned char[:] named = found
    cdef str line
    for k in range(count):
        n = <Py_ssize_t>starts[k] - 1
        while n >= 0:
            line = <str>lines[n]
            first, last = 0, len(line)
            while first < last and Py_UNICODE_ISSPACE(line[first]):
                first += 1
            while last > first and Py_UNICODE_ISSPACE(line[last - 1]):
                last -= 1
            if first < last:
                named[k] = _is_name(line, first, last)
                break
            n -= 1
    return found


def last_kept(list indices, list removals, Py_ssize_t most):
    cdef list found = []
    cdef Py_ssize_t k = len(indices) - 1
    while k >= 0 and len(found) < most:
        if removals[<Py_ssize_t>indices[k]] is None:
            found.insert(0, indices[k])
        k -= 1
    return found


def role_candidates(const unsigned char[:] keep, const unsigned char[:] flags, list texts):
    cdef list found = []
    cdef Py_ssize_t n
    cdef str text
    for n in range(keep.shape[0]):
        if keep[n] and not flags[n] & IS_REMOVED:
            text = <str>texts[n]
            if len(text) and Py_UNICODE_ISUPPER(text[0]) and not _more_words(text, ROLE_WORDS):
                found.append(n)
    return found


def late_prose(const unsigned char[:] keep, const double[:] values, const unsigned char[:] kinds):
    cdef Py_ssize_t n, count = keep.shape[0]
    cdef double total = 0.0, seen = 0.0, after
    cdef list found = []
    for n in range(count):
        if keep[n]:
            total += values[n] if values[n] > 0.0 else 0.0
    after = BIO_AFTER * total
    for n in range(count):
        if keep[n]:
            if seen >= after and (kinds[n] == GOOD or kinds[n] == NEAR):
                found.append(n)
            seen += values[n] if values[n] > 0.0 else 0.0
    return found


def menu_candidates(list lines, const unsigned char[:] keep, const unsigned char[:] flags, keys, list counts):
    cdef Py_ssize_t count = len(lines), n, first = count, i
    cdef list block, found = []
    cdef set outside = set()
    for n in range(count):
        if keep[n]:
            first = n
            break
    for n in range(first):
        block = <list>lines[n]
        if len(block) == 1:
            i = <Py_ssize_t>block[0]
            if <Py_ssize_t>counts[i] <= MENU_WORDS:
                outside.add(_key_of(keys, block[0]))
    if not outside:
        return found
    for n in range(first, count):
        if keep[n] and not flags[n] & IS_REMOVED:
            block = <list>lines[n]
            if len(block) == 1:
                i = <Py_ssize_t>block[0]
                if <Py_ssize_t>counts[i] <= MENU_WORDS and _key_of(keys, block[0]) in outside:
                    found.append(n)
    return found


def short_lines(list lines, list removals, nonblank, Py_ssize_t shortest):
    cdef Py_ssize_t live = 0, short = 0, i
    for i in nonblank:
        if removals[i] is None:
            live += 1
            short += len(<str>lines[i]) < shortest
    return live, short


def prose_asked(list texts, const unsigned char[:] ends, long long long_enough, const unsigned char[:] flags):
    cdef Py_ssize_t count = len(texts), n
    chars = array("q", bytes(8 * count))
    cdef long long[:] length = chars
    cdef list asked = []
    for n in range(count):
        length[n] = len(<str>texts[n])
        if (ends[n] or length[n] >= long_enough) and not flags[n] & IS_REMOVED:
            asked.append(n)
    return chars, asked


def outside_lines(list lines, const unsigned char[:] keep, const unsigned char[:] flags, Py_ssize_t title, skip):
    cdef Py_ssize_t count = len(lines), n, first = -1
    cdef list titled = [], before = [], after = [], block
    for n in range(count):
        if keep[n]:
            first = n
            break
    if first < 0:
        raise ValueError("no block kept")  # (bytearray.index's)
    cdef bint skipping = len(skip) > 0
    for n in range(count):
        if keep[n] or flags[n] & IS_REMOVED or (skipping and n in skip):
            continue
        block = <list>lines[n]
        if n > first:
            after.extend(block)
        elif <Py_ssize_t>block[0] == title:
            titled.extend(block)
        else:
            before.extend(block)
    return titled, before, after
