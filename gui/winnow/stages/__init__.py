"""The stages a document goes through, in order (`winnow.pipeline.Cleaner` runs them):

read (winnow.readers) -> extract (winnow.readers.html: the HTML page's main content)
-> analyse (stages.analyse: title, date, author, url, site, language, the body's words; once per document)
-> line rules (winnow.rules: each returns decisions, drop line i for a reason)
-> document rules (stages.document_rules: drop the whole document, for a reason)
-> keep-exceptions and hand overrides (stages.overrides) -> export (winnow.export)
"""
