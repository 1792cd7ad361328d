#!/usr/bin/env bash
# Check the frozen app after `bash packaging/build.sh`: it must behave exactly like the source install.
#
#   bash packaging/ci-frozen-check.sh [REPO_ROOT]
#
# 1. `winnow --version` answers the same as the source install; the app loads the compiled kernel;
# 2. `winnow clean seeds --format jsonl`, the same on a few HTML pages and on a web archive of them through
#    resiliparse give byte-identical JSONL; what the app leaves out (Dask, Parquet) is refused with a
#    message, not a traceback; (where strace works) cleaning HTML opens no network connection;
# 3. the data files the engine reads at run time are in the bundle;
# 4. (Linux) every bundled library finds its dependencies, apart from the desktop's own system libraries;
# 5. `winnow --smoke-test` passes off screen with nothing on stderr (it also opens the Duplicates and Corpus views).
# Exits non-zero with a message naming the first difference.
set -uo pipefail

REPO="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" && pwd)"
cd "$REPO" || exit 1
FROZEN="$REPO/dist/winnow/winnow"
SOURCE="$REPO/.venv/bin/winnow"
[[ -e "$SOURCE" || ! -e "$REPO/.venv/Scripts/winnow.exe" ]] || SOURCE="$REPO/.venv/Scripts/winnow.exe"  # Windows venv
[[ -e "$FROZEN" || ! -e "$FROZEN.exe" ]] || FROZEN="$FROZEN.exe"
export QT_QPA_PLATFORM=offscreen
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

fail() { echo "ci-frozen-check: FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ci-frozen-check: ok: $*"; }

[[ -x "$FROZEN" ]] || { echo "ci-frozen-check: no frozen app at $FROZEN; run 'bash packaging/build.sh' first" >&2; exit 1; }
[[ -x "$SOURCE" ]] || { echo "ci-frozen-check: no source install at $SOURCE" >&2; exit 1; }

# 1. --version
frozen_version="$("$FROZEN" --version 2>&1)" || fail "'winnow --version' exited with status $?: $frozen_version"
source_version="$("$SOURCE" --version 2>&1)"
if [[ "$frozen_version" == "$source_version" ]]; then pass "--version: $frozen_version"
else fail "--version differs: frozen '$frozen_version', source '$source_version'"; fi

# 2. the same JSONL, byte for byte, from the frozen app and from source
same_export() {  # name, inputs...
    local name="$1"; shift
    if ! "$FROZEN" clean "$@" --format jsonl --output "$WORK/$name-frozen.jsonl" >"$WORK/$name-frozen.log" 2>&1; then
        fail "frozen 'winnow clean $*' failed:"; cat "$WORK/$name-frozen.log" >&2; return
    fi
    if ! "$SOURCE" clean "$@" --format jsonl --output "$WORK/$name-source.jsonl" >"$WORK/$name-source.log" 2>&1; then
        fail "source 'winnow clean $*' failed:"; cat "$WORK/$name-source.log" >&2; return
    fi
    if cmp -s "$WORK/$name-frozen.jsonl" "$WORK/$name-source.jsonl"; then
        pass "clean $* -> identical JSONL ($(wc -l <"$WORK/$name-frozen.jsonl") documents)"
    else
        fail "clean $*: the frozen JSONL differs from the source install's:"
        diff <(tr ',' '\n' <"$WORK/$name-source.jsonl") <(tr ',' '\n' <"$WORK/$name-frozen.jsonl") | head -20 >&2
    fi
}
same_export seeds seeds

# the compiled kernel (winnow.kernel) is in the bundle, and the frozen app runs it, not the pure-Python twin
if WINNOW_REQUIRE_COMPILED_KERNEL=1 "$FROZEN" clean seeds --format jsonl --output "$WORK/kernel.jsonl" >"$WORK/kernel.log" 2>&1; then
    pass "the compiled kernel is loaded"
else
    fail "the frozen app does not load the compiled kernel:"; tail -3 "$WORK/kernel.log" >&2
fi

# HTML goes through trafilatura, jusText, courlan/tld and htmldate: the data files a frozen app most often misses
mkdir -p "$WORK/html"
cat >"$WORK/html/article.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour bridge reopens | The Coast Gazette</title>
<meta name="author" content="Jane Smith"><meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://news.example.co.uk/2024/03/05/harbour-bridge"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour bridge reopens after two years of repairs</h1>
<p>The harbour bridge reopened on Tuesday morning after a two-year restoration that replaced every cable and most of the deck.</p>
<p>Engineers said the new deck should last at least eighty years, and that traffic limits would be lifted once the last inspections are complete next month.</p>
<div class="ad">ADVERTISEMENT</div>
<p>Local shop owners, who lost much of their passing trade during the works, welcomed the reopening and planned a street party for the weekend.</p>
</article><footer>Accept cookies? <a href="/privacy">Privacy</a> Subscribe to our newsletter</footer></body></html>
HTML
cat >"$WORK/html/seite.html" <<'HTML'
<html lang="de"><head><meta http-equiv="content-type" content="text/html; charset=iso-8859-1"><title>Neue Radwege</title></head>
<body><div id="content"><h1>Stadt plant neue Radwege</h1><p>Die Stadt will in den nächsten drei Jahren zwanzig Kilometer neue Radwege bauen und dafür mehrere Parkplätze in der Innenstadt umwidmen.</p>
<p>Der Gemeinderat stimmte dem Vorhaben am Mittwoch mit großer Mehrheit zu; die ersten Bauarbeiten sollen im Frühjahr beginnen.</p></div>
<ul class="related"><li><a href="/a">Weitere Nachrichten</a></li><li><a href="/b">Mehr zum Thema</a></li></ul></body></html>
HTML
iconv -f utf-8 -t iso-8859-1 "$WORK/html/seite.html" >"$WORK/html/seite.tmp" 2>/dev/null && mv "$WORK/html/seite.tmp" "$WORK/html/seite.html"
same_export html "$WORK/html"

# the crawl tier: a gzipped web archive of the same pages (warcio) through resiliparse's extractor
mkdir -p "$WORK/warc"
"$(dirname "$(readlink -f "$SOURCE")")/python" - "$WORK/html" "$WORK/warc/crawl.warc.gz" <<'PY'
import io, pathlib, sys
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
with open(sys.argv[2], "wb") as out:
    writer = WARCWriter(out, gzip=True)
    for page in sorted(pathlib.Path(sys.argv[1]).glob("*.html")):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://example.org/{page.stem}", "response", payload=io.BytesIO(page.read_bytes()), http_headers=http)
        writer.write_record(record)
PY
same_export crawl "$WORK/warc/crawl.warc.gz" --extractor resiliparse

# what the desktop app leaves out (Dask, pyarrow) is refused with a message, never a traceback
left_out_or_working() {  # name, then the arguments of `winnow clean`
    local name="$1"; shift
    "$FROZEN" clean "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"
    local status=$?
    if grep -q Traceback "$WORK/$name.err" || ((status != 0 && status != 2)); then
        fail "frozen 'winnow clean $*' crashed (status $status):"; cat "$WORK/$name.err" >&2
    elif grep -q "leaves out" "$WORK/$name.err"; then pass "$name: refused with '$(grep -o '[^:]*leaves out' "$WORK/$name.err" | head -1)'"
    else pass "$name: status $status, no traceback"; fi
}
left_out_or_working dask seeds --dask local --output -
left_out_or_working parquet seeds --output "$WORK/corpus.parquet"

# ... and without reaching for the network (tld downloads its suffix list when the bundled one is missing)
if command -v strace >/dev/null && strace -f -qq -e trace=connect -o "$WORK/trace" true 2>/dev/null; then
    strace -f -qq -e trace=connect -o "$WORK/trace" "$FROZEN" clean "$WORK/html" --format jsonl --output "$WORK/net.jsonl" \
        >/dev/null 2>&1
    if grep -E 'AF_INET6?' "$WORK/trace" >&2; then fail "the frozen app tried to connect to the network (above)"
    else pass "no network connection attempted"; fi
fi

# 3. data files read at run time (a missing one fails silently or, for tld, tries the network)
internal="$REPO/dist/winnow/_internal"
for item in seeds winnow/_resources/default-recipe.toml winnow/_resources/icons/winnow.svg trafilatura/settings.cfg \
    justext/stoplists/English.txt tld/res/effective_tld_names.dat.txt; do
    [[ -e "$internal/$item" ]] || fail "the bundle lacks $item"
done
[[ "$(find "$internal/seeds" -name '*.txt' | wc -l)" -eq "$(find seeds -name '*.txt' | wc -l)" ]] \
    || fail "the bundle's seeds/ differs from the repository's"
if find "$internal" \( -name __pycache__ -o -name 'test_*.py' -o -path '*/tests/*' \) -print -quit | grep -q .; then
    fail "the bundle ships tests or caches: $(find "$internal" \( -name __pycache__ -o -path '*/tests/*' \) | head -3)"
fi

# 4. bundled libraries resolve; only the desktop's own libraries (README: "Linux system libraries") may be missing
if [[ "$(uname -s)" == Linux ]] && command -v ldd >/dev/null; then
    system_libs='^lib(xcb|X|xkbcommon|wayland|GL|EGL|OpenGL|GLX|gbm|drm|vulkan|fontconfig|freetype|dbus-1|gtk-3|gdk-3)'
    # with _internal on the library path, as the bootloader runs the app (wheels' hashed .libs names live there)
    missing="$(find "$internal" -name '*.so*' -type f -print0 | LD_LIBRARY_PATH="$internal" xargs -0 -n 50 ldd 2>/dev/null \
        | awk '/not found/ {print $1}' | sort -u)"
    unexpected="$(grep -Ev "$system_libs" <<<"$missing" | grep . || true)"
    if [[ -n "$unexpected" ]]; then fail "bundled libraries need libraries neither bundled nor system: $unexpected"
    else pass "bundled libraries resolve (system libraries missing here: $(tr '\n' ' ' <<<"${missing:-none}"))"; fi
fi

# 5. the window, end to end
if "$FROZEN" --smoke-test >"$WORK/smoke.out" 2>"$WORK/smoke.err" && [[ ! -s "$WORK/smoke.err" ]]; then
    pass "--smoke-test: $(tail -1 "$WORK/smoke.out")"
else
    fail "--smoke-test failed or wrote to stderr:"; cat "$WORK/smoke.out" "$WORK/smoke.err" >&2
fi

if ((failures)); then echo "ci-frozen-check: $failures check(s) failed" >&2; exit 1; fi
echo "ci-frozen-check: all checks passed"
