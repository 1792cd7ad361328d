"""The frozen app's stand-in for scipy, which it leaves out (~70 MB).

datasketch imports scipy when it is imported, but uses it only where Winnow never goes: `scipy.integrate.quad`
to choose an LSH index's (bands, rows) when none are given (Winnow gives them: winnow.corpus.lsh_bands), and
`scipy.sparse` for sparse input to WeightedMinHashGenerator. Anything that really needs scipy gets an ImportError
or the error below, never a wrong answer.
"""

__version__ = "0+winnow.standin"
