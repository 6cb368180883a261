#!/usr/bin/env bash
# Before and after side by side, one command: builds a "before" commit in its own git worktree
# (web preset + native CLI) and this tree (web preset, the peer page, native CLI), then runs
# bench/web/run.mjs on both in one run. Prints the goals table in Markdown for bench/README.md.
#   bench/web/compare.sh [BEFORE_COMMIT] [run.mjs options, e.g. --runs 7]
#   (default BEFORE_COMMIT: ed2c122, main before issue 13; the worktree: /tmp/qcity-before-<commit>,
#    or $QCITY_BEFORE_DIR; needs ./emsdk-setup.sh done and xvfb-run; QCITY_COMPARE_BEFORE_ONLY=1:
#    build the before tree and stop)
# The before tree gets its own third_party/: this tree's zlib and pugixml (the same versions), and
# the Dear ImGui its emsdk-setup.sh names (ed2c122: 1.90.1; third_party/ now holds 1.92.2b), fetched
# once into build/before-imgui-<version>/ (ignored by git) the way emsdk-setup.sh fetches Dear ImGui:
# Debian's source package (trixie has imgui 1.90.1+ds-1; a deb-src entry from this machine's own apt
# URIs, /etc/apt/sources.list.d/qcity-trixie-src.sources, written by emsdk-setup.sh), else the GitHub
# tag v<version>. Never into third_party/, never committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BEFORE=${1:-ed2c122}
[ $# -gt 0 ] && shift
DIR=${QCITY_BEFORE_DIR:-/tmp/qcity-before-$BEFORE}
source build/env.sh
[ -d "$DIR" ] || git worktree add --detach "$DIR" "$BEFORE"

# The Dear ImGui the before commit was built with (its emsdk-setup.sh's IMGUI_VERSION / IMGUI_DEB_VERSION).
IMGUI_VERSION=$(git show "$BEFORE:emsdk-setup.sh" | sed -n 's/^IMGUI_VERSION="\(.*\)"/\1/p' | head -n1)
IMGUI_DEB_VERSION=$(git show "$BEFORE:emsdk-setup.sh" | sed -n 's/^IMGUI_DEB_VERSION="\(.*\)"/\1/p' | head -n1)
IMGUI_DIR="$ROOT/build/before-imgui-$IMGUI_VERSION"
imgui_ok() { grep -q "#define IMGUI_VERSION *\"$IMGUI_VERSION\"" "$IMGUI_DIR/imgui.h" 2>/dev/null \
             && [ -f "$IMGUI_DIR/backends/imgui_impl_glfw.cpp" ] && [ -f "$IMGUI_DIR/backends/imgui_impl_opengl3.cpp" ]; }
fetch_imgui_debian() {
  command -v apt-get >/dev/null && [ -n "$IMGUI_DEB_VERSION" ] || return 1
  ls /etc/apt/sources.list.d/qcity-*-src.sources >/dev/null 2>&1 || return 1  # emsdk-setup.sh writes them
  local work; work=$(mktemp -d)
  ( cd "$work" && apt-get source -qq "imgui=$IMGUI_DEB_VERSION" >/dev/null 2>&1 ) || { rm -rf "$work"; return 1; }
  local d; d=$(find "$work" -maxdepth 1 -type d -name 'imgui-*' | head -n1)
  [ -n "$d" ] || { rm -rf "$work"; return 1; }
  rm -rf "$IMGUI_DIR"; mkdir -p "$(dirname "$IMGUI_DIR")"; mv "$d" "$IMGUI_DIR"; rm -rf "$work"
  echo "compare.sh: Dear ImGui $IMGUI_VERSION from Debian source package imgui $IMGUI_DEB_VERSION" >&2
}
fetch_imgui_github() {
  rm -rf "$IMGUI_DIR"; mkdir -p "$(dirname "$IMGUI_DIR")"
  git -c advice.detachedHead=false clone -q --depth 1 --branch "v$IMGUI_VERSION" https://github.com/ocornut/imgui.git "$IMGUI_DIR"
}
if [ -n "$IMGUI_VERSION" ] && ! imgui_ok; then
  fetch_imgui_debian || fetch_imgui_github || { echo "compare.sh: could not fetch Dear ImGui $IMGUI_VERSION" >&2; exit 1; }
  imgui_ok || { echo "compare.sh: $IMGUI_DIR is not Dear ImGui $IMGUI_VERSION" >&2; exit 1; }
fi
# The before tree's third_party/: a folder of links (an older run may have left one link to ours).
[ -L "$DIR/third_party" ] && rm "$DIR/third_party"
mkdir -p "$DIR/third_party"
for dep in "$ROOT"/third_party/*; do
  name=$(basename "$dep")
  [ "$name" = imgui ] && [ -n "$IMGUI_VERSION" ] && continue
  ln -sfn "$(readlink -f "$dep")" "$DIR/third_party/$name"
done
[ -n "$IMGUI_VERSION" ] && ln -sfn "$IMGUI_DIR" "$DIR/third_party/imgui"

(cd "$DIR" && cmake --preset web >/dev/null && cmake --build --preset web \
  && cmake --preset native >/dev/null && cmake --build --preset native --target qcity qcity_bench_parse) | grep -v "^\[" || true
[ "${QCITY_COMPARE_BEFORE_ONLY:-0}" = 1 ] && exit 0  # the before tree built (e.g. while this one is being changed)
cmake --preset web >/dev/null && cmake --build --preset web && cmake --build --preset web --target qcity_peer
cmake --preset native >/dev/null && cmake --build --preset native --target qcity qcity_bench_parse
xvfb-run -a -s "-screen 0 1280x900x24" node bench/web/run.mjs --before "$DIR/build/web/dist" --after build/web/dist \
  --cli-before "$DIR/build/native" --cli-after build/native "$@"
