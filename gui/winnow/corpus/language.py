"""Language of a cleaned text with a confidence, by py3langid (the identifier trafilatura uses)."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 1200  # a few sentences give a confident guess; py3langid costs about 1 ms per 300 characters


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability), or (None, None) for a text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None, None
    language, probability = _identifier().classify(sample)
    return language, round(float(probability), 4)
