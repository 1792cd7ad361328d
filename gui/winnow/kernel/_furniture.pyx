# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Compiled twin of `furniture_py.py` (see `winnow.kernel`): the same functions, the same results, in a C loop over the
page-furniture rule's candidates. Edit both files together; `tests/test_kernel_furniture.py` runs both."""

cimport cython
from cpython.unicode cimport Py_UNICODE_ISALPHA, Py_UNICODE_ISDECIMAL, Py_UNICODE_ISSPACE

from winnow.kernel.facts_py import DATE_HINT

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
CREDIT_TAIL = 120
DATE_CHARS = 80
FOLDING_ODD = "İı"
DURATION_LETTERS = "min"

cdef object _date_hint = DATE_HINT.search


cdef inline bint _plain_char(Py_UCS4 c):
    return Py_UNICODE_ISALPHA(c) or Py_UNICODE_ISDECIMAL(c) or c == u"_"


cdef inline bint _odd(str text):
    cdef Py_UCS4 c
    if text.isascii():
        return False
    for c in text:
        if c == u"İ" or c == u"ı":
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


cdef bint _opens_with(str tail, str bracket, tuple heads):
    cdef str piece
    for piece in tail.split(bracket)[1:]:
        if piece.lstrip().casefold().startswith(heads):
            return True
    return False


cdef bint _credit_tail(str tail, tuple label_ends, tuple agency_heads):
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
    cdef frozenset label_firsts, label_words, fillers, enlarge, counter_firsts, reading_firsts, slide_firsts
    cdef frozenset credit_starts, credit_firsts, agency_firsts, byline_firsts, titled
    cdef object counter_words
    cdef tuple label_ends, agency_heads, seq
    cdef list visits = []
    cdef Py_ssize_t n, i, count, shape
    cdef str line, first, start
    (
        label_firsts,
        label_words,
        fillers,
        enlarge,
        counter_firsts,
        reading_firsts,
        slide_firsts,
        credit_starts,
        credit_firsts,
        agency_firsts,
        byline_firsts,
        titled,
        counter_words,
        label_ends,
        agency_heads,
    ) = words
    for n in range(len(candidates)):
        i = <Py_ssize_t>candidates[n]
        if i in rewritten:
            visits.append(n)
            continue
        shape = <Py_ssize_t>shapes[n]
        seq = <tuple>seqs[i]
        first = <str>seq[0] if len(seq) > 0 else u""
        count = <Py_ssize_t>counts[i]
        line = (<str>lines[i]).strip()
        start = line[:1]
        if count > short:  # only a caption that ends in its credit
            if credits and (shape & SHAPE_CREDIT_MARK or i in captioned) and count <= 3 * short:
                if i in captioned or _credit_tail(_tail(line), label_ends, agency_heads):
                    visits.append(n)
            continue
        if len(seq) == 0 and not wordless_start and not shape and start not in u"©(" and not (count <= 6 and keys[i] in enlarge):
            if not (count <= 3 and _label(line) in label_words):
                continue
        if count <= 3 and first in label_firsts and _label(line) in label_words:
            visits.append(n)
        elif count <= 3 and first in fillers and not shape & SHAPE_DIGIT and _next_hinted(lines, i):
            visits.append(n)
        elif count <= 6 and keys[i] in enlarge:
            visits.append(n)
        elif (first.isdigit() or first in counter_firsts) and (
            (count <= 6 and (not line.isascii() or counter_words.search(keys[i]) is not None))
            or (count >= 3 and (not titled.isdisjoint(seq) or _odd(line)))
        ):
            visits.append(n)
        elif (count <= 8 and (first.isdigit() or first in reading_firsts) and (DURATION_LETTERS in line.casefold() or _odd(line))) or (
            i in timed and len(seq) <= 10 and not line.endswith(u".")
        ):
            visits.append(n)
        elif credits and count <= 6 and first in slide_firsts:
            visits.append(n)
        elif (
            credits
            and (shape & SHAPE_CREDIT_MARK or i in captioned or first in credit_starts or start in u"©(")
            and (
                first in credit_firsts
                or (start in u"©(" and _credit_start(line, seq))
                or first in agency_firsts
                or i in captioned
                or (count <= 3 * short and _credit_tail(_tail(line), label_ends, agency_heads))
            )
        ):
            visits.append(n)
        elif shape & SHAPE_DATE and len(line) <= DATE_CHARS:
            visits.append(n)
        elif first in byline_firsts:
            visits.append(n)
    return visits
