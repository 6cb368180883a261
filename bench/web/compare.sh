#!/usr/bin/env bash
# Before and after side by side, one command: builds a "before" commit in its own git worktree
# (web preset + native CLI) and this tree (web preset, the peer page, native CLI), then runs
# bench/web/run.mjs on both in one run. Prints the goals table in Markdown for bench/README.md.
#   bench/web/compare.sh [BEFORE_COMMIT] [run.mjs options, e.g. --runs 7]
#   (default BEFORE_COMMIT: ed2c122, main before issue 13; the worktree: /tmp/qcity-before-<commit>,
#    or $QCITY_BEFORE_DIR; needs ./emsdk-setup.sh done and xvfb-run)
set -euo pipefail
cd "$(dirname "$0")/../.."
BEFORE=${1:-ed2c122}
[ $# -gt 0 ] && shift
DIR=${QCITY_BEFORE_DIR:-/tmp/qcity-before-$BEFORE}
source build/env.sh
[ -d "$DIR" ] || git worktree add --detach "$DIR" "$BEFORE"
[ -e "$DIR/third_party" ] || ln -s "$(readlink -f third_party)" "$DIR/third_party"
(cd "$DIR" && cmake --preset web >/dev/null && cmake --build --preset web \
  && cmake --preset native >/dev/null && cmake --build --preset native --target qcity qcity_bench_parse) | grep -v "^\[" || true
cmake --preset web >/dev/null && cmake --build --preset web && cmake --build --preset web --target qcity_peer
cmake --preset native >/dev/null && cmake --build --preset native --target qcity qcity_bench_parse
xvfb-run -a -s "-screen 0 1280x900x24" node bench/web/run.mjs --before "$DIR/build/web/dist" --after build/web/dist \
  --cli-before "$DIR/build/native" --cli-after build/native "$@"
