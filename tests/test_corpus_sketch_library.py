"""datasketch is imported without scipy.integrate (0.6 s of CPU per process), and nothing that needs it breaks."""

import subprocess
import sys
import textwrap


def run_fresh(code: str) -> list[str]:
    """`code` in a fresh interpreter (modules already imported by the test session would hide the effect)."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_a_signature_and_its_minhash_load_datasketch_without_scipy_integrate():
    out = run_fresh(
        """
        import sys
        from winnow.corpus.near_duplicates import DedupSettings, signature
        sig = signature("a", "a.txt", None, " ".join(f"word{i}" for i in range(60)), DedupSettings())
        print("datasketch" in sys.modules, "scipy.integrate" in sys.modules, sig.hashvalues.size)
        """
    )
    assert out == ["True", "False", "128"]


def test_an_index_left_to_choose_its_own_bands_still_gets_scipys_answer():
    out = run_fresh(
        """
        import sys
        from winnow.corpus.sketch_library import import_datasketch
        import_datasketch()
        from datasketch import MinHashLSH
        lsh = MinHashLSH(threshold=0.15, num_perm=128, weights=(0.2, 0.8))  # integrates with scipy's quad
        from winnow.corpus.lsh_bands import band_shape
        print((lsh.b, lsh.r) == band_shape(0.15, 128, weights=(0.2, 0.8)), hasattr(sys.modules["scipy.integrate"], "dblquad"))
        """
    )
    assert out == ["True", "True"]


def test_scipy_integrate_imported_afterwards_is_the_real_module():
    out = run_fresh(
        """
        from winnow.corpus.sketch_library import import_datasketch
        import_datasketch()
        import scipy.integrate
        print(scipy.integrate.quad(lambda x: x, 0, 2)[0], hasattr(scipy.integrate, "solve_ivp"))
        """
    )
    assert out == ["2.0", "True"]
