#!/usr/bin/env bash
# Build the double-clickable Winnow: dist/winnow/ with the `winnow` executable (window + command line).
#
#   bash packaging/build.sh            # build dist/winnow/
#   bash packaging/build.sh --tarball  # also pack dist/winnow-<version>-<os>-<arch>.tar.gz
#
# Uses .venv's Python (override with PYTHON=...); installs PyInstaller into it if it is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
DEFAULT_PYTHON=.venv/bin/python
[[ -e "$DEFAULT_PYTHON" || ! -e .venv/Scripts/python.exe ]] || DEFAULT_PYTHON=.venv/Scripts/python.exe  # Windows venv
PYTHON="${PYTHON:-$DEFAULT_PYTHON}"
TARBALL=no
for arg in "$@"; do
    case "$arg" in
        --tarball) TARBALL=yes ;;
        *) echo "build.sh: unknown option '$arg' (use --tarball)" >&2; exit 2 ;;
    esac
done

[[ -x "$PYTHON" ]] || { echo "build.sh: no Python at $PYTHON; create .venv and install the project first" >&2; exit 1; }
if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: installing PyInstaller (the project's [build] extra) into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
    "$PYTHON" -m pip install --quiet "pyinstaller>=6.10"
fi

started=$(date +%s)
"$PYTHON" -m PyInstaller packaging/winnow.spec --noconfirm --clean --log-level WARN --distpath dist --workpath build
elapsed=$(( $(date +%s) - started ))
[[ -x dist/winnow/winnow || -x dist/winnow/winnow.exe ]] || { echo "build.sh: the build produced no executable" >&2; exit 1; }
echo "build.sh: built dist/winnow/ ($(du -sh dist/winnow | cut -f1)) in ${elapsed} s"

if [[ "$TARBALL" == yes ]]; then
    version="$("$PYTHON" -c 'import winnow; print(winnow.__version__)')"
    platform="$(uname -s | tr '[:upper:]' '[:lower:]')-$(uname -m)"
    archive="dist/winnow-$version-$platform.tar.gz"
    tar -C dist -czf "$archive" winnow
    echo "build.sh: packed $archive ($(du -h "$archive" | cut -f1))"
fi
