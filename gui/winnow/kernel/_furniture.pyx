# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of `furniture_py.py` (see `winnow.kernel`): the same functions, the same results, in a C loop over the
page-furniture rule's candidates. Edit both files together; `tests/test_kernel_furniture.py` runs both."""

cimport cython
from cpython.unicode cimport Py_UNICODE_ISALNUM, Py_UNICODE_ISALPHA, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISDIGIT, Py_UNICODE_ISSPACE

from winnow.kernel.facts_py import DATE_HINT

cdef extern from "Python.h":
    bint PyUnicode_IS_ASCII(object text)
    Py_UCS4 PyUnicode_READ_CHAR(object text, Py_ssize_t index)

cdef extern from *:
    """
    #ifndef WINNOW_SOURCE_HASH
    #define WINNOW_SOURCE_HASH ""
    #endif
    """
    const char* WINNOW_SOURCE_HASH

# the hash of the kernel's sources this binary was built from (setup.py): the loader compares it with the files'
SOURCE_HASH = WINNOW_SOURCE_HASH.decode("ascii")

SHAPE_DIGIT, SHAPE_DATE, SHAPE_CREDIT_MARK = 1, 2, 4
LABEL, FILLER, COUNTER, READING, SLIDE, CREDIT_START, CREDIT_FIRST, AGENCY, BYLINE = (1 << k for k in range(9))
cdef enum:
    C_DIGIT = 1
    C_DATE = 2
    C_CREDIT_MARK = 4
    C_LABEL = 1
    C_FILLER = 2
    C_COUNTER = 4
    C_READING = 8
    C_SLIDE = 16
    C_CREDIT_START = 32
    C_CREDIT_FIRST = 64
    C_AGENCY = 128
    C_BYLINE = 256
STEP_ANY, STEP_LABEL, STEP_FILLER, STEP_ENLARGE, STEP_COUNTER, STEP_READING, STEP_SLIDE, STEP_CREDIT, STEP_DATE, STEP_BYLINE = range(10)
cdef enum:
    S_ANY = 0
    S_LABEL = 1
    S_FILLER = 2
    S_ENLARGE = 3
    S_COUNTER = 4
    S_READING = 5
    S_SLIDE = 6
    S_CREDIT = 7
    S_DATE = 8
    S_BYLINE = 9
cdef Py_ssize_t CREDIT_TAIL = 120
cdef Py_ssize_t DATE_CHARS = 80
FOLDING_ODD = "İı"
DURATION_LETTERS = "min"

cdef object _date_hint = DATE_HINT.search


cdef inline bint _plain_char(Py_UCS4 c):
    return Py_UNICODE_ISALPHA(c) or Py_UNICODE_ISDECIMAL(c) or c == u"_"


cdef inline bint _odd(str text):
    cdef Py_UCS4 c
    if PyUnicode_IS_ASCII(text):
        return False
    for c in text:
        if c == u"İ" or c == u"ı":
            return True
    return False


cdef inline bint _is_digits(str word):
    """word.isdigit()"""
    cdef Py_UCS4 c
    if len(word) == 0:
        return False
    for c in word:
        if not Py_UNICODE_ISDIGIT(c):
            return False
    return True


cdef bint _has_minutes(str line):
    """DURATION_LETTERS ("min") in line.casefold(): on a line of ASCII characters, without the folded copy."""
    cdef Py_ssize_t k, n = len(line)
    cdef Py_UCS4 a, b, c
    if not PyUnicode_IS_ASCII(line):
        return u"min" in line.casefold()
    for k in range(n - 2):
        a, b, c = line[k], line[k + 1], line[k + 2]
        if (a == u"m" or a == u"M") and (b == u"i" or b == u"I") and (c == u"n" or c == u"N"):
            return True
    return False


cdef inline str _label(str line):
    return line.rstrip(":").strip().casefold()


cdef bint _plain(str word):
    cdef Py_UCS4 c
    for c in word:
        if not _plain_char(c):
            return False
    return True


cdef bint _closed_after(str tail, Py_UCS4 close):
    cdef Py_ssize_t k = len(tail) - 1, n = len(tail), j
    while k >= 0 and tail[k] != close:
        k -= 1
    if k < 0:
        return False
    for j in range(k + 1, n):
        if _plain_char(tail[j]):
            return False
    return True


cdef bint _opens_with(str tail, str bracket, dict heads):
    cdef str piece
    cdef object found
    if u"" in heads:
        return bracket in tail
    for piece in tail.split(bracket)[1:]:
        piece = piece.lstrip().casefold()
        found = heads.get(piece[:1])
        if found is not None and piece.startswith(<tuple>found):
            return True
    return False


cdef bint _credit_tail(str tail, tuple label_ends, dict agency_heads):
    cdef str piece
    cdef list pieces
    cdef Py_ssize_t k
    if u"©" in tail or u"(c)" in tail or u"(C)" in tail or _odd(tail):
        return True
    if _closed_after(tail, u")") and _opens_with(tail, u"(", agency_heads):
        return True
    if _closed_after(tail, u"]") and _opens_with(tail, u"[", agency_heads):
        return True
    if u":" not in tail:
        return False
    pieces = tail.casefold().split(u":")
    for k in range(len(pieces) - 1):
        piece = <str>pieces[k]
        if piece.rstrip().endswith(label_ends):
            return True
    return False


cdef bint _credit_start(str line, tuple seq):
    return u"©" in line or u"(c)" in line or u"(C)" in line or _odd(line) or (len(seq) > 0 and not _plain(<str>seq[0]))


cdef inline bint _ascii_digit(Py_UCS4 c):
    return c >= u"0" and c <= u"9"


cdef bint _may_count(str line, tuple seq, object ends, bint edges):
    cdef Py_ssize_t n = len(line), k
    cdef str last
    cdef object tails
    if not edges and n > 0 and _ascii_digit(line[0]) and _ascii_digit(line[n - 1]):
        return False
    if ends is None or not PyUnicode_IS_ASCII(line):
        return True
    if len(seq) == 0:
        return False
    last = <str>seq[len(seq) - 1]
    n = len(last)
    if n == 0:
        return False
    tails = (<dict>ends).get(last[n - 1])
    if tails is not None and last.endswith(<tuple>tails):
        return True
    if last[n - 1] == u"k" or last[n - 1] == u"m":
        n -= 1
    while n > 0 and _ascii_digit(last[n - 1]):
        n -= 1
    if n == 0:
        return True
    tails = (<dict>ends).get(last[n - 1])
    return tails is not None and last[:n].endswith(<tuple>tails)


cdef bint _date_words(str line, frozenset allowed, frozenset months):
    cdef Py_ssize_t n = len(line), p = 0, start
    cdef Py_UCS4 c
    cdef bint named = False
    cdef str word
    if _odd(line):
        return True
    while p < n:
        c = line[p]
        if not Py_UNICODE_ISALNUM(c) or Py_UNICODE_ISDECIMAL(c):  # (REST_WORD: a word character, no decimal digit, no "_")
            p += 1
            continue
        start = p
        while p < n and Py_UNICODE_ISALNUM(line[p]) and not Py_UNICODE_ISDECIMAL(line[p]):
            p += 1
        word = line[start:p].casefold()
        if (start == 0 or not Py_UNICODE_ISDECIMAL(line[start - 1])) and word not in allowed:
            return False
        named = named or word in months
    return named or u"-" in line or u"." in line or u"/" in line or not PyUnicode_IS_ASCII(line)


def furniture_candidates(
    list nonblank, list lines, list seqs, list counts, list removals, rewritten, frozenset starts, held, bint marked, Py_ssize_t longest
):
    cdef list found = []
    cdef Py_ssize_t i, e
    cdef tuple seq
    cdef str first, line
    cdef Py_UCS4 c
    cdef bint any_rewritten = len(rewritten) > 0, any_held = len(held) > 0
    for index in nonblank:
        i = <Py_ssize_t>index
        if removals[i] is not None or <Py_ssize_t>counts[i] > longest:
            continue
        seq = <tuple>seqs[i]
        first = <str>seq[0] if len(seq) > 0 else u""
        if first in starts or (len(first) > 0 and Py_UNICODE_ISDIGIT(PyUnicode_READ_CHAR(first, 0))) or (any_held and index in held):
            found.append(index)
            continue
        line = <str>lines[i]
        e = len(line)
        c = 0
        while e > 0:  # (the last character but spaces and dots)
            c = PyUnicode_READ_CHAR(line, e - 1)
            if c != u" " and c != u".":
                break
            e -= 1
        if e > 0 and (c == u")" or c == u"]"):
            found.append(index)
        elif (marked and u"©" in line) or (any_rewritten and index in rewritten):
            found.append(index)
    return found


SLIDE_SEPARATOR_STARTS = "/ovsdzOVSDZſ"


def slide_lines(list indices, list lines):
    cdef list found = []
    cdef str line
    cdef Py_ssize_t n, p, q, k
    cdef Py_UCS4 c
    for index in indices:
        line = <str>lines[<Py_ssize_t>index]
        n = len(line)
        p = -1
        for k in range(n if n < 4 else 4):
            if Py_UNICODE_ISDECIMAL(line[k]):
                p = k
                break
        if p < 0:
            continue
        q = p
        while q < n and Py_UNICODE_ISDECIMAL(line[q]):
            q += 1
        if q - p > 3:
            continue
        while q < n and Py_UNICODE_ISSPACE(line[q]):
            q += 1
        if q < n:
            c = line[q]
            if c == u"/" or c == u"o" or c == u"v" or c == u"s" or c == u"d" or c == u"z" or c == u"O" or c == u"V" or c == u"S" or c == u"D" or c == u"Z" or c == u"ſ":
                found.append(index)
    return found


cdef bint _next_hinted(list lines, Py_ssize_t i):
    cdef Py_ssize_t j, stop = i + 3 if i + 3 < len(lines) else len(lines)
    cdef str line
    for j in range(i + 1, stop):
        line = <str>lines[j]
        if not (len(line) == 0 or line.isspace()):
            return _date_hint(line) is not None
    return False


cdef inline str _tail(str line):
    """line[-CREDIT_TAIL:] (without a negative index: the module does not wrap them around)."""
    return line[len(line) - CREDIT_TAIL :] if len(line) > CREDIT_TAIL else line


def furniture_visits(
    list candidates,
    list shapes,
    list lines,
    list seqs,
    list counts,
    keys,
    rewritten,
    timed,
    captioned,
    tuple words,
    Py_ssize_t short,
    bint credits,
    bint wordless_start,
):
    cdef dict firsts
    cdef frozenset label_words, enlarge, titled, date_words, months
    cdef object counter_words, index, counter_ends
    cdef bint counter_edges
    cdef tuple label_ends, seq
    cdef dict agency_heads
    cdef list visits = []
    cdef Py_ssize_t n, i, count, shape, bits
    cdef str line, first, whole
    cdef Py_ssize_t b, e
    cdef bint opening
    cdef bint any_rewritten = len(rewritten) > 0
    firsts, label_words, enlarge, titled, counter_words, label_ends, agency_heads, date_words, months, counter_ends, counter_edges = words
    for n in range(len(candidates)):
        index = candidates[n]
        if any_rewritten and index in rewritten:
            visits.append((n, S_ANY))
            continue
        i = <Py_ssize_t>index
        shape = <Py_ssize_t>shapes[n]
        seq = <tuple>seqs[i]
        first = <str>seq[0] if len(seq) > 0 else u""
        bits = <Py_ssize_t>firsts.get(first, 0)
        count = <Py_ssize_t>counts[i]
        whole = <str>lines[i]
        e = len(whole)
        b = 0
        while b < e and Py_UNICODE_ISSPACE(whole[b]):
            b += 1
        while e > b and Py_UNICODE_ISSPACE(whole[e - 1]):
            e -= 1
        line = whole if b == 0 and e == len(whole) else whole[b:e]  # (whole.strip())
        # (line[:1] in "©(", true of an empty line too)
        opening = e == b or whole[b] == u"©" or whole[b] == u"("
        if count > short:  # only a caption that ends in its credit
            if credits and (shape & C_CREDIT_MARK or index in captioned) and count <= 3 * short:
                if index in captioned or _credit_tail(_tail(line), label_ends, agency_heads):
                    visits.append((n, S_CREDIT))
            continue
        if len(seq) == 0 and not wordless_start and not shape and not opening and not (count <= 6 and keys[index] in enlarge):
            if not (count <= 3 and _label(line) in label_words):
                continue
        if count <= 3 and bits & C_LABEL and _label(line) in label_words:
            visits.append((n, S_LABEL))
        elif count <= 3 and bits & C_FILLER and not shape & C_DIGIT and _next_hinted(lines, i):
            visits.append((n, S_FILLER))
        elif count <= 6 and keys[index] in enlarge:
            visits.append((n, S_ENLARGE))
        elif (bits & C_COUNTER or _is_digits(first)) and (
            (
                count <= 6
                and _may_count(line, seq, counter_ends, counter_edges)
                and (not PyUnicode_IS_ASCII(line) or counter_words.search(keys[index]) is not None)
            )
            or (count >= 3 and (not titled.isdisjoint(seq) or _odd(line)))
        ):
            visits.append((n, S_COUNTER))
        elif (count <= 8 and (bits & C_READING or _is_digits(first)) and (_has_minutes(line) or _odd(line))) or (
            index in timed and len(seq) <= 10 and not (e > b and whole[e - 1] == u".")
        ):
            visits.append((n, S_READING))
        elif credits and count <= 6 and bits & C_SLIDE:
            visits.append((n, S_SLIDE))
        elif (
            credits
            and (shape & C_CREDIT_MARK or index in captioned or bits & C_CREDIT_START or opening)
            and (
                bits & C_CREDIT_FIRST
                or (opening and _credit_start(line, seq))
                or bits & C_AGENCY
                or index in captioned
                or (count <= 3 * short and _credit_tail(_tail(line), label_ends, agency_heads))
            )
        ):
            visits.append((n, S_CREDIT))
        elif shape & C_DATE and e - b <= DATE_CHARS and _date_words(line, date_words, months):
            visits.append((n, S_DATE))
        elif bits & C_BYLINE:
            visits.append((n, S_BYLINE))
    return visits
