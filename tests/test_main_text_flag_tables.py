"""The main-text detector's page-wide shortcuts: the block-flag tables (one `bytes.translate` pass answering a bit test
for every block) say what testing each block's flags would, and the copyright look-up, made once, is the same answer
every time it is asked."""

from winnow.kernel.blocks_py import COMMENTS, END, INSIDE, IS_REMOVED, JUNK, LEAD
from winnow.rules.boilerplate import HAS_COMMENTS, HAS_END, HAS_JUNK, LEAD_AS_INSIDE, LEAD_NOT_INSIDE, WITH_REMOVED, Blocks


def test_each_table_answers_as_the_flags_bits_do():
    for f in range(256):
        assert HAS_END[f] == (1 if f & END else 0)
        assert HAS_JUNK[f] == (1 if f & JUNK else 0)
        assert HAS_COMMENTS[f] == (1 if f & COMMENTS else 0)
        assert LEAD_NOT_INSIDE[f] == (1 if f & LEAD and not f & INSIDE else 0)
        assert LEAD_AS_INSIDE[f] == (f | INSIDE if f & LEAD else f)
        assert (bytes([f]).translate(None, WITH_REMOVED) == b"") == bool(f & IS_REMOVED)


def test_a_page_pass_finds_the_blocks_a_block_by_block_test_finds():
    flags = bytearray([0, END, JUNK | END, COMMENTS, LEAD, LEAD | INSIDE, IS_REMOVED | JUNK, 255])
    assert [n for n, hit in enumerate(flags.translate(HAS_END)) if hit] == [1, 2, 7]
    assert [n for n, hit in enumerate(flags.translate(HAS_JUNK)) if hit] == [2, 6, 7]
    assert 1 in flags.translate(LEAD_NOT_INSIDE)
    assert 1 not in bytearray([LEAD | INSIDE, 0, END]).translate(LEAD_NOT_INSIDE)
    assert flags.translate(None, WITH_REMOVED) != b""  # some block not removed
    assert bytearray([IS_REMOVED, IS_REMOVED | END]).translate(None, WITH_REMOVED) == b""  # every block removed


def blocks_of(texts: list[str]) -> Blocks:
    return Blocks([[n] for n in range(len(texts))], texts, {}, {}, {}, [0] * len(texts), bytearray(len(texts)))


def test_copyright_is_found_in_the_blocks_holding_the_sign_and_asked_again_the_same():
    blocks = blocks_of(["Startseite", "© 2024 Beispiel GmbH", "Ein Satz ohne Zeichen.", "Texte et photos ©", "Fin"])
    first = blocks.copyright()
    assert list(first) == [0, 1, 0, 1, 0]
    assert blocks.copyright() == first


def test_no_copyright_sign_no_block_holding_one():
    assert list(blocks_of(["Home", "Contact us", "A sentence of the article."]).copyright()) == [0, 0, 0]
