#!/usr/bin/env bash
# How small the first download's wasm could be if it held only the code a scenario runs: Binaryen's
# profile-guided wasm-split on qcity.wasm (a measurement; nothing shipped changes).
#
#   source build/env.sh && bench/web/split-profile.sh [--build build/web] [--out build/split] [--no-link] [--check] [--names]
#
# 1. Relinks qcity_web's objects (the link command CMake wrote, build/web/CMakeFiles/qcity_web.dir/
#    link.txt, after a web build) with -sSPLIT_MODULE=1 into OUT/link/: emcc keeps the wasm it would
#    have shipped as qcity.wasm.orig and writes qcity.wasm instrumented by `wasm-split --instrument`
#    (every function records when it first ran; the export __write_profile writes that down), and a
#    qcity.js that can load a qcity.deferred.wasm. build/web/dist is not touched. (--no-link: reuse
#    OUT/link/ from an earlier run.)
# 2. Serves a copy of build/web/dist with the instrumented pair (OUT/dist-profile/) and drives it in
#    headless Chromium (bench/web/split-profile.mjs): scenario A, the first frame and one more;
#    scenario B, then a county assessment created, four figures typed, the results screen opened;
#    scenario C, B's page reloaded (the returning visit: it opens on B's results screen), its first
#    frame and one more. Profiles: OUT/A.prof, OUT/B.prof, OUT/C.prof.
# 3. `wasm-split qcity.wasm.orig --profile=X.prof -o1 X.primary.wasm -o2 X.deferred.wasm` for each,
#    (and for the merged profiles A+C, B+C), and prints raw and gzip -9 sizes, with the data
#    section's share (wasm-split moves functions only). Outputs have no name section (no -g).
# --check: also serves the split pairs of A and B (OUT/dist-A/, OUT/dist-B/) and replays B's input
#    and C's reload in each (no test hooks): the page must run, and it says at which step the deferred
#    module was loaded and what that took. (emcc 3.1.6's loader cannot fetch a wasm synchronously on
#    a page's main thread; the check gives the page its own Module.loadSplitModule, see below.)
# --names: also relinks with --profiling-funcs, profiles and splits that build, and prints what each
#    primary and deferred module holds by part (bench/web/wasm_sizes.py). About 6 minutes more.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build/web"
OUT="$ROOT/build/split"
LINK=1
CHECK=0
NAMES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$(cd "$2" && pwd)"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-link) LINK=0; shift ;;
    --check) CHECK=1; shift ;;
    --names) NAMES=1; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "split-profile.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
say() { printf '[split] %s\n' "$*"; }

# 1. The instrumented link.
if [ "$LINK" = 1 ]; then
  linktxt="$BUILD/CMakeFiles/qcity_web.dir/link.txt"
  [ -f "$linktxt" ] || { echo "no $linktxt: build the web preset first (cmake --build --preset web)" >&2; exit 1; }
  grep -q -- ' -o dist/qcity.js ' "$linktxt" || { echo "unexpected link command in $linktxt" >&2; exit 1; }
  rm -rf "$OUT/link"; mkdir -p "$OUT/link"
  cmd="$(sed "s| -o dist/qcity.js | -sSPLIT_MODULE=1 -o $OUT/link/qcity.js |" "$linktxt")"
  say "relinking with -sSPLIT_MODULE=1 into $OUT/link (LTO: several minutes)"
  start=$(date +%s)
  (cd "$BUILD" && eval "$cmd")
  say "linked in $(( $(date +%s) - start )) s"
fi
for f in qcity.js qcity.wasm qcity.wasm.orig; do
  [ -f "$OUT/link/$f" ] || { echo "missing $OUT/link/$f" >&2; exit 1; }
done
if cmp -s "$OUT/link/qcity.wasm.orig" "$BUILD/dist/qcity.wasm"; then
  say "qcity.wasm.orig is byte for byte the shipped build/web/dist/qcity.wasm"
else
  say "NOTE: qcity.wasm.orig differs from build/web/dist/qcity.wasm ($(stat -c %s "$OUT/link/qcity.wasm.orig") vs $(stat -c %s "$BUILD/dist/qcity.wasm") bytes)"
fi

# 2. The profiles.
rm -rf "$OUT/dist-profile"
cp -a "$BUILD/dist" "$OUT/dist-profile"
rm -f "$OUT/dist-profile/qcity.html"
cp "$OUT/link/qcity.js" "$OUT/link/qcity.wasm" "$OUT/dist-profile/"
say "scenario A"
xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-profile" --scenario A --out "$OUT/A.prof"
say "scenario B (and C, the reload after it)"
xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-profile" --scenario B --out "$OUT/B.prof" --out-return "$OUT/C.prof"

# 3. The splits, and their sizes. A+C: what every first frame runs (a first visit's and a returning
# one's); B+C: a first session and the visit after it.
wasm-split --merge-profiles "$OUT/A.prof" "$OUT/C.prof" -o "$OUT/A+C.prof"
wasm-split --merge-profiles "$OUT/B.prof" "$OUT/C.prof" -o "$OUT/B+C.prof"
for s in A B C A+C B+C; do
  # --export-prefix=%: the primary's new exports (what the deferred module imports) get short names,
  # as Emscripten's documentation of SPLIT_MODULE does it. No -g: neither output has a name section.
  wasm-split "$OUT/link/qcity.wasm.orig" --enable-mutable-globals --export-prefix=% \
    --profile="$OUT/$s.prof" -o1 "$OUT/$s.primary.wasm" -o2 "$OUT/$s.deferred.wasm"
done
python3 - "$OUT" "$ROOT/bench/web" <<'PY'
import sys, os, subprocess
out = sys.argv[1]
sys.path.insert(0, sys.argv[2])
from wasm_sizes import leb  # (wasm's LEB128 numbers)
def parts(path):
    b = open(path, 'rb').read()
    i = 8; secs = {}; customs = []; nfuncs = 0
    while i < len(b):
        sid = b[i]; size, j = leb(b, i + 1)
        body = b[j:j + size]
        if sid == 0:
            l, k = leb(body, 0); customs.append(body[k:k + l].decode())
        if sid == 10: nfuncs = leb(body, 0)[0]
        secs[sid] = secs.get(sid, b'') + body
        i = j + size
    return b, secs, customs, nfuncs
gz = lambda d: len(subprocess.run(['gzip', '-9', '-c'], input=d, capture_output=True, check=True).stdout)
kib = lambda n: f'{n / 1024:.1f}'
rows = [('unsplit (qcity.wasm.orig)', 'link/qcity.wasm.orig')]
for s in ['A', 'B', 'C', 'A+C', 'B+C']:
    rows += [(f'{s} primary', f'{s}.primary.wasm'), (f'{s} deferred', f'{s}.deferred.wasm')]
print()
print('| wasm | functions | raw KiB | gzip -9 KiB | code section raw / gzip alone | data section raw / gzip alone | custom sections |')
print('|---|---:|---:|---:|---:|---:|---|')
for name, f in rows:
    b, secs, customs, nf = parts(os.path.join(out, f))
    code, data = secs.get(10, b''), secs.get(11, b'')
    print(f'| {name} | {nf} | {kib(len(b))} | {kib(gz(b))} | {kib(len(code))} / {kib(gz(code))} | {kib(len(data))} / {kib(gz(data)) if data else "—"} | {", ".join(customs) or "none"} |')
PY

# Optional: what each primary holds, by part. The same scenarios on a build relinked with
# --profiling-funcs (names kept: the same code, but its functions in another order, so it needs its
# own profiles), split with -g, read by bench/web/wasm_sizes.py. (Only the code section's figures
# are comparable: -g also gives the primary's new exports long names.)
if [ "$NAMES" = 1 ]; then
  N="$OUT/names"
  if [ "$LINK" = 1 ] || [ ! -f "$N/qcity.wasm" ]; then
    rm -rf "$N"; mkdir -p "$N"
    cmd="$(sed "s| -o dist/qcity.js | --profiling-funcs -o $N/qcity.js |" "$BUILD/CMakeFiles/qcity_web.dir/link.txt")"
    say "relinking with --profiling-funcs into $N"
    (cd "$BUILD" && eval "$cmd")
  fi
  wasm-split --instrument -g "$N/qcity.wasm" -o "$N/qcity.instr.wasm"
  rm -rf "$OUT/dist-names"
  cp -a "$OUT/dist-profile" "$OUT/dist-names"
  cp "$N/qcity.js" "$OUT/dist-names/qcity.js"
  cp "$N/qcity.instr.wasm" "$OUT/dist-names/qcity.wasm"
  xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-names" --scenario A --out "$N/A.prof"
  xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-names" --scenario B --out "$N/B.prof" --out-return "$N/C.prof" | grep -v '^B: same state'
  for s in A B C; do
    wasm-split "$N/qcity.wasm" -g --enable-mutable-globals --export-prefix=% --profile="$N/$s.prof" -o1 "$N/$s.primary.wasm" -o2 "$N/$s.deferred.wasm"
    echo "== $s primary, by part"
    python3 "$ROOT/bench/web/wasm_sizes.py" "$N/$s.primary.wasm" --top 12
    echo "== $s deferred, by part"
    python3 "$ROOT/bench/web/wasm_sizes.py" "$N/$s.deferred.wasm" --top 12
  done
fi

# 4. Optional: the split pairs of A and B, run (B's input replayed, then C's reload).
if [ "$CHECK" = 1 ]; then
  for s in A B; do
    d="$OUT/dist-$s"
    rm -rf "$d"
    cp -a "$OUT/dist-profile" "$d"
    cp "$OUT/$s.primary.wasm" "$d/qcity.wasm"
    cp "$OUT/$s.deferred.wasm" "$d/qcity.deferred.wasm"
    # emcc 3.1.6's default loadSplitModule reads the deferred wasm with readBinary, which a page's
    # main thread does not have (only a worker's synchronous XHR): it aborts. A page that ships a
    # split needs its own; this one is the old synchronous-XHR trick (bytes as x-user-defined text),
    # compiled and instantiated synchronously (Chromium allows that on the main thread up to 8 MB).
    python3 - "$d/index.html" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding='utf-8').read()
loader = '''<script>
window.qcitySplitLoader = function (file, imports) {
  var t0 = performance.now();
  var x = new XMLHttpRequest();
  x.open('GET', file, false);
  x.overrideMimeType('text/plain; charset=x-user-defined');
  x.send(null);
  var t = x.responseText, b = new Uint8Array(t.length);
  for (var i = 0; i < t.length; i++) b[i] = t.charCodeAt(i) & 0xff;
  var t1 = performance.now();
  var m = new WebAssembly.Module(b);
  var r = [new WebAssembly.Instance(m, imports), m];
  console.log('qcity split: ' + file + ' (' + b.length + ' B) fetched in ' + (t1 - t0).toFixed(0) + ' ms, compiled and instantiated in ' + (performance.now() - t1).toFixed(0) + ' ms, ' + (window.Module.qcity.frame || 0) + ' frames after the start');
  return r;
};
</script>
'''
i = s.index('<script')
open(p, 'w', encoding='utf-8').write(s[:i] + loader + s[i:])
PY
    # The shell builds window.Module itself: hand the loader to it there.
    sed -i 's|window.Module = {|window.Module = { loadSplitModule: window.qcitySplitLoader,|' "$d/qcity-shell.js"
    grep -q 'loadSplitModule: window.qcitySplitLoader' "$d/qcity-shell.js" || { echo "could not hand the loader to the shell" >&2; exit 1; }
    say "check: scenario B in the split pair of $s ($d)"
    xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$d" --check --actions "$OUT/B.prof.actions.json"
  done
fi
