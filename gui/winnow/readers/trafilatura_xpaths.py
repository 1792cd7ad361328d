"""trafilatura's XPath expressions with their regex tests guarded: the same elements, far fewer calls into Python.

trafilatura finds boilerplate by XPath expressions that test attributes by regular expression (EXSLT's
`re:test(@class, '…')`). lxml runs each such test in Python, on every element the expression visits, whether or
not the element has the attribute: one without it is tested against the empty string. On the dev sets those calls
are about a tenth of trafilatura's time. Guarded, `(@class and re:test(@class, '…'))`, libxml2 makes the call only
where the attribute is present (XPath's `and` leaves its right side unevaluated when its left is false). The
selection is the same whenever the pattern cannot match the empty string, which is checked for each test: one
that can is left as it is. Their steps `.//x[…]` become `descendant::x[…]` where that selects the same (below).

The guarded expressions are compiled without lxml's "smart strings" (each attribute value handed to a regex test
would otherwise carry a reference to its element, made for the call): they select elements, which it does not touch.

`install(inside)` puts a `GuardedXPath` in place of each such expression in trafilatura's lists (the lists its
modules import, changed in place): it evaluates the guarded expression while `inside()` is true (Winnow's own
extraction), trafilatura's own everywhere else, so a call of trafilatura itself runs exactly as it always did.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lxml import etree

EXSLT_REGEX = "http://exslt.org/regular-expressions"

# EXSLT's test of one attribute or a union of them against a quoted pattern, flags optional (XPath literals have
# no escapes: the pattern is the text between the quotes)
_REGEX_TEST = re.compile(r"re:test\((?P<attributes>@[\w-]+(?:\s*\|\s*@[\w-]+)*)\s*,\s*'(?P<pattern>[^']*)'\s*(?:,\s*'(?P<flags>[^']*)'\s*)?\)")

_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")


def guarded_path(path: str) -> str:
    """`path` with each regex test of attributes made only when one of them is present, and its steps `.//x[…]` as
    `descendant::x[…]` where that selects the same (see above)."""
    return _as_descendants(_REGEX_TEST.sub(_guarded_test, path))


# `.//x[p]` is `./descendant-or-self::node()/child::x[p]`: libxml2 collects every node of the subtree, then each one's
# children, then merges the sets (it takes the short way only for a step without predicates). `descendant::x[p]`
# selects the same elements, in a tenth less time, when `p` does not depend on the element's position among its
# siblings: a predicate that is a number ([1]) or uses one (position(), count(…), arithmetic). A step is rewritten
# only when none of its predicates holds a digit, an operator or a function that could make or use a number.
_DESCENDANT_STEP = re.compile(r"(?<![\w.\-)\]@:/])\.//(?=(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*)\s*\[)")
_NAME_TEST = re.compile(r"\s*(?:[A-Za-z_][\w.-]*:)?(?:[A-Za-z_][\w.-]*|\*)\s*")
_NUMERIC = re.compile(
    r"[\d$+*<>]|(?<![\w.-])-|-(?![\w.-])|(?<![:/@\w-])(?:div|mod)(?![\w.-])|\b(?:position|last|count|sum|string-length|number|floor|ceiling|round)\s*\("
)


def _as_descendants(path: str) -> str:
    pieces, done = [], 0
    for found in _DESCENDANT_STEP.finditer(path):
        predicates = _predicates(path, _NAME_TEST.match(path, found.end()).end())  # type: ignore[union-attr]
        if predicates and not any(_NUMERIC.search(_LITERAL.sub("''", predicate)) for predicate in predicates):
            pieces += [path[done : found.start()], "descendant::"]
            done = found.end()
    return "".join(pieces) + path[done:]


def _predicates(path: str, at: int) -> list[str]:
    """The predicates `[…]` that start at `at` in `path`, one after another ([] when one is not closed)."""
    found = []
    while at < len(path) and path[at] == "[":
        depth, quote, i = 0, "", at
        while i < len(path):
            char = path[i]
            if quote:
                quote = "" if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        else:
            return []
        found.append(path[at + 1 : i])
        at = i + 1
        while at < len(path) and path[at].isspace():
            at += 1
    return found


def _guarded_test(match: re.Match) -> str:
    try:  # compiled as lxml's EXSLT compiles it
        pattern = re.compile(match["pattern"], re.IGNORECASE if "i" in (match["flags"] or "") else 0)
    except re.error:
        return match[0]
    if pattern.search("") is not None:  # holds for a missing attribute: a guard would change the selection
        return match[0]
    attributes = [name.strip() for name in match["attributes"].split("|")]
    present = attributes[0] if len(attributes) == 1 else f"({' or '.join(attributes)})"
    return f"({present} and {match[0]})"


class GuardedXPath:
    """One of trafilatura's expressions: its guarded form while `inside()` is true, its own otherwise."""

    __slots__ = ("own", "guarded", "inside")

    def __init__(self, own: etree.XPath, guarded: etree.XPath, inside: Callable[[], bool]) -> None:
        self.own, self.guarded, self.inside = own, guarded, inside

    def __call__(self, tree: Any, **variables: Any) -> Any:
        return (self.guarded if self.inside() else self.own)(tree, **variables)

    @property
    def path(self) -> str:
        return self.own.path

    def __repr__(self) -> str:
        return f"GuardedXPath({self.own.path!r})"


def install(inside: Callable[[], bool]) -> int:
    """Guard the expressions of trafilatura's lists of XPath expressions (once a process); returns how many."""
    from trafilatura import xpaths

    count = 0
    for expressions in vars(xpaths).values():
        if not isinstance(expressions, list):
            continue
        for i, own in enumerate(expressions):
            if isinstance(own, etree.XPath) and (guarded := _guarded(own)) is not None:
                expressions[i] = GuardedXPath(own, guarded, inside)
                count += 1
    return count


_PREFIX = re.compile(r"(?<![\w:.-])([A-Za-z_][\w.-]*):(?!:)")  # a namespace prefix (not an axis's "::")


def _guarded(own: etree.XPath) -> etree.XPath | None:
    """The guarded form of `own`, or None when nothing in it changes or it uses a namespace other than EXSLT's."""
    path = guarded_path(own.path)
    if path == own.path or not set(_PREFIX.findall(_LITERAL.sub("", path))) <= {"re"}:
        return None
    try:
        return etree.XPath(path, namespaces={"re": EXSLT_REGEX}, smart_strings=False)
    except etree.XPathError:  # not expected of a well-formed expression: trafilatura's own, then
        return None
