"""Family 7: contact lines ("Email: …", "Tel.: …"), and optional masking of e-mail addresses and phone numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from winnow.core.model import Family
from winnow.rules.base import Context, Param, Rule
from winnow.rules.shared import analysis
from winnow.text.lexicon import Lexicons, alternation

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)
# an international number, or a national one starting with 0 / a bracketed area code, with 7 to 15 digits
PHONE = re.compile(r"(?<![\w+])(?:\+|00)[1-9][\d\s()./-]{6,18}\d(?!\w)|(?<![\w.,/])(?:\(0\d{1,5}\)|0\d{1,5})[\s./-]?\d[\d\s/-]{4,14}\d(?![\w.,]\d)")


@dataclass(frozen=True)
class ContactLabels:
    """The contact lexicon's labels as patterns, built once per Lexicons (`lexicons.derived(ContactLabels.build)`)."""

    first_words: frozenset[str]  # the first word of each label (case-folded): a line starting otherwise is no contact line
    prefix: re.Pattern[str]  # a label, perhaps "(mobile)", perhaps a colon
    contact_word: re.Pattern[str]  # "Kontakt", "Contact": a label that introduces details even without an address

    @classmethod
    def build(cls, lexicons: Lexicons) -> ContactLabels:
        contact = lexicons.get("contact")
        labels = contact.alternation("labels")
        return cls(
            contact.first_words("labels"),
            re.compile(rf"^\W*(?:{labels})(?!\w)\s*(?:\([^)]*\))?\s*([:.]?)\s*", re.IGNORECASE),
            re.compile(rf"^\W*(?:{alternation(contact.items('contact_words'))})\b", re.IGNORECASE),
        )


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def find_phones(text: str) -> list[re.Match[str]]:
    return [m for m in PHONE.finditer(text) if 7 <= _digits(m.group(0)) <= 15]


def is_contact_line(line: str, labels: ContactLabels) -> bool:
    """A labelled contact detail: 'Email: x@y.z', 'Tel.: +49 30 1234567', 'Kontakt: Redaktion, …'."""
    label = labels.prefix.match(line)
    if not label or len(line.split()) > 25:
        return False
    rest = line[label.end() :]
    if EMAIL.search(rest) or find_phones(rest):
        return True
    # "Kontakt: Redaktion Berlin" - a label with a colon introduces contact details even without an address
    return label.group(1) == ":" and bool(rest.strip()) and bool(labels.contact_word.match(line))


SPLIT_LABEL_WORDS = 8  # "Contact Mark Di Stefano at", "Kontakt zur Pressestelle:"


def split_contact_detail(ctx: Context, i: int, labels: ContactLabels) -> int | None:
    """The next line when line i is a contact label whose address a link put on that line alone ("Contact Jane Doe at" /
    "jane.doe@example.com"): a short line starting with a label, no sentence, then a line that is only an address."""
    line = ctx.lines[i].strip()
    if not labels.prefix.match(line) or len(line.split()) > SPLIT_LABEL_WORDS or line[-1:] in ".!?":
        return None
    after = next((j for j in range(i + 1, min(i + 3, len(ctx.lines))) if ctx.lines[j].strip()), None)
    if after is None or not ctx.is_live(after):
        return None
    text = ctx.lines[after].strip().strip("<>().,;")
    return after if EMAIL.fullmatch(text) or (find_phones(text) and _digits(text) >= len(text.replace(" ", "")) - 4) else None


def mask(text: str) -> str:
    text = EMAIL.sub("[email]", text)
    for m in reversed(find_phones(text)):
        text = text[: m.start()] + "[phone]" + text[m.end() :]
    return text


class ContactDetails(Rule):
    id = "contact.details"
    family = Family.CONTACT
    name = "Contact details and personal data"
    description = "Drops contact lines (“Email: …”, “Tel.: …”, “Kontakt: …”); can mask e-mail addresses and phone numbers in kept lines."
    params = (
        Param("drop_lines", "Drop contact lines", True, "Drop lines that only give a labelled e-mail address, phone or fax number."),
        Param(
            "mask_pii",
            "Mask e-mail addresses and phone numbers",
            False,
            "Replace e-mail addresses with [email] and phone numbers with [phone] in the lines that are kept.",
        ),
    )

    def apply(self, ctx: Context) -> None:
        if self["drop_lines"]:
            info = analysis(ctx)
            labels = ctx.lexicons.derived(ContactLabels.build)
            removals = ctx.removals
            for i in info.lines_starting(labels.first_words):  # the label is the first word: only lines starting with one are tried
                if removals[i] is None and is_contact_line(ctx.lines[i], labels):
                    ctx.drop(i, self, "contact details")
                elif removals[i] is None and (detail := split_contact_detail(ctx, i, labels)) is not None:
                    ctx.drop(i, self, "contact details")
                    ctx.drop(detail, self, "contact details")
        if self["mask_pii"]:
            for i in ctx.live():
                line = ctx.lines[i]
                if "@" in line or _digits(line) >= 7:
                    masked = mask(line)
                    if masked != line:
                        ctx.rewrite(i, masked)
