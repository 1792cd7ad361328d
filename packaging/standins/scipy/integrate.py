"""Stand-in for scipy.integrate in the frozen app (see scipy/__init__.py): import succeeds, integration does not."""


def quad(*args, **kwargs):
    raise RuntimeError(
        "scipy is not part of the frozen Winnow app; pass MinHashLSH its (bands, rows) with params= (winnow.corpus.lsh_bands.band_shape computes them)"
    )
