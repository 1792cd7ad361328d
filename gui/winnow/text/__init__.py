"""Text utilities shared by the rules: words, stopwords, a cheap language guess, dates, phrase lexicons."""
