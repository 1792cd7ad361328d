#!/usr/bin/env bash
# Install the built app (dist/winnow/, from packaging/build.sh) for the current user on Linux, or remove it.
#
#   bash packaging/install.sh              # install into ~/.local
#   bash packaging/install.sh --uninstall  # remove what an install put there
#
# Where it goes (PREFIX defaults to ~/.local; DESTDIR, empty by default, is prepended to every path written,
# for staging a package; links and the desktop entry still name the final PREFIX paths):
#   PREFIX/lib/winnow/                                   the app folder
#   PREFIX/bin/winnow                                    symlink to PREFIX/lib/winnow/winnow
#   PREFIX/share/applications/io.github.winnow.Winnow.desktop
#   PREFIX/share/icons/hicolor/<N>x<N>/apps/io.github.winnow.Winnow.png  and  .../scalable/apps/...svg
# WINNOW_DIST overrides the folder installed from (default: dist/winnow next to this script's parent).
set -euo pipefail

APP_ID=io.github.winnow.Winnow
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
PREFIX="${PREFIX:-$HOME/.local}"
DESTDIR="${DESTDIR:-}"
DIST="${WINNOW_DIST:-$REPO/dist/winnow}"
ICON_SIZES=(16 24 32 48 64 128 256 512)

ROOT="$DESTDIR$PREFIX"
APP_DIR="$ROOT/lib/winnow"
BIN_LINK="$ROOT/bin/winnow"
DESKTOP_FILE="$ROOT/share/applications/$APP_ID.desktop"
ICON_ROOT="$ROOT/share/icons/hicolor"

die() { echo "install.sh: $*" >&2; exit 1; }

refresh_caches() {
    # only for a live install: a staged one (DESTDIR) is refreshed by whoever deploys it
    [[ -z "$DESTDIR" ]] || return 0
    if command -v update-desktop-database >/dev/null; then
        update-desktop-database -q "$ROOT/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null && [[ -f "$ICON_ROOT/index.theme" ]]; then
        gtk-update-icon-cache -q -t -f "$ICON_ROOT" 2>/dev/null || true
    fi
}

desktop_exec() {
    # the absolute path works even where ~/.local/bin is not on the desktop session's PATH; a path that would
    # need quoting in a desktop entry falls back to the bare name
    local target="$PREFIX/bin/winnow"
    if [[ "$target" =~ ^[A-Za-z0-9_./+-]+$ ]]; then echo "$target"; else echo winnow; fi
}

install_app() {
    [[ "$(uname -s)" == Linux ]] || die "this installs a Linux build; see packaging/README.md for Windows and macOS"
    [[ -x "$DIST/winnow" ]] || die "no built app at $DIST; run 'bash packaging/build.sh' first"

    # copy into a fresh folder beside the old one, then swap, so a failed copy never leaves half an app
    mkdir -p "$ROOT/lib" "$ROOT/bin"
    rm -rf "$APP_DIR.new"
    cp -a "$DIST" "$APP_DIR.new"
    rm -rf "$APP_DIR"
    mv "$APP_DIR.new" "$APP_DIR"
    ln -sfn "$PREFIX/lib/winnow/winnow" "$BIN_LINK"

    mkdir -p "$(dirname "$DESKTOP_FILE")"
    local exec_path
    exec_path="$(desktop_exec)"
    sed -e "s|^Exec=winnow |Exec=$exec_path |" -e "s|^TryExec=winnow$|TryExec=$exec_path|" \
        "$HERE/$APP_ID.desktop" > "$DESKTOP_FILE"

    local size
    for size in "${ICON_SIZES[@]}"; do
        install -D -m 644 "$REPO/resources/icons/winnow-$size.png" "$ICON_ROOT/${size}x${size}/apps/$APP_ID.png"
    done
    install -D -m 644 "$REPO/resources/icons/winnow.svg" "$ICON_ROOT/scalable/apps/$APP_ID.svg"
    refresh_caches
    echo "Installed Winnow in $APP_DIR; run 'winnow' (linked from $BIN_LINK) or find it in the applications menu."
}

uninstall_app() {
    rm -rf "$APP_DIR" "$APP_DIR.new"
    # remove the command only if it is our link, never someone else's winnow
    if [[ -L "$BIN_LINK" && "$(readlink "$BIN_LINK")" == "$PREFIX/lib/winnow/winnow" ]]; then
        rm -f "$BIN_LINK"
    fi
    rm -f "$DESKTOP_FILE"
    local size
    for size in "${ICON_SIZES[@]}"; do
        rm -f "$ICON_ROOT/${size}x${size}/apps/$APP_ID.png"
        rmdir "$ICON_ROOT/${size}x${size}/apps" "$ICON_ROOT/${size}x${size}" 2>/dev/null || true
    done
    rm -f "$ICON_ROOT/scalable/apps/$APP_ID.svg"
    rmdir "$ICON_ROOT/scalable/apps" "$ICON_ROOT/scalable" 2>/dev/null || true
    refresh_caches
    echo "Removed Winnow from $ROOT."
}

case "${1:-}" in
    "") install_app ;;
    --uninstall | uninstall) uninstall_app ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown option '$1' (use --uninstall or --help)" ;;
esac
