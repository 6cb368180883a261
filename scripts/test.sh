#!/usr/bin/env bash
# Sets up everything and runs every test: native unit tests (plain and under ASan+UBSan), a short
# run of every fuzz target, the web build, and the browser end-to-end tests in headless chromium.
#   scripts/test.sh [--skip-sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."
SANITIZE=1
for a in "$@"; do
  case "$a" in
    --skip-sanitize) SANITIZE=0 ;;
    *) echo "test.sh: unknown option $a" >&2; exit 2 ;;
  esac
done
# Each step says how long the one before it took (CI has a budget: see the README).
T0=$SECONDS; T=$SECONDS
step() { printf '\n=== %s   (previous step %ds, total %ds)\n' "$*" $((SECONDS - T)) $((SECONDS - T0)); T=$SECONDS; }
trap 'printf "\n=== end   (last step %ds, total %ds)\n" $((SECONDS - T)) $((SECONDS - T0))' EXIT

step "set-up"
./emsdk-setup.sh
source build/env.sh

step "native build + unit tests"
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native

if [ "$SANITIZE" = 1 ]; then
  # One clang tree under ASan + UBSan holds the unit tests and the libFuzzer targets (one build of
  # the core instead of two: CI's time budget).
  step "unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  cmake --preset sanitize >/dev/null
  cmake --build --preset sanitize
  ctest --preset sanitize

  step "fuzzing: every libFuzzer target for a short run (the long run: scripts/fuzz.sh --seconds 3600)"
  scripts/fuzz.sh --preset sanitize --jobs "${QCITY_FUZZ_JOBS:-2}" --seed "${QCITY_FUZZ_SEED:-1}" --seconds "${QCITY_FUZZ_SECONDS:-10}"
fi

step "web build"
cmake --preset web >/dev/null
cmake --build --preset web

step "browser tests (headless chromium; firefox-esr under Xvfb)"
cd tests/browser
# Two files at a time (QCITY_BROWSER_JOBS): a file spends much of its time waiting (for frames, page
# loads, its browser's start), and each file has its own server (a free port) and browser profile.
# (node --test sorts the files itself: they start in name order, each as soon as one ends.)
JOBS="${QCITY_BROWSER_JOBS:-2}"
if command -v xvfb-run >/dev/null 2>&1 && [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1280x900x24" node --test --test-concurrency="$JOBS" ./*.test.mjs
  exit 0
fi
node --test --test-concurrency="$JOBS" ./*.test.mjs
