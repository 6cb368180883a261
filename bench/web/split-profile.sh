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
#    headless Chromium (bench/web/split-profile.mjs): scenario A, the first frame and one more (and
#    Aen, the same with the browser's language English: the app still starts in Chinese, see
#    split-profile.mjs);
#    scenario B, the first minute of a visit (split-profile.mjs says what it does: the start screen
#    hovered, clicked, tabbed, the language switched; a county assessment created, figures typed, the
#    results screen opened);
#    scenario C, B's page reloaded (the returning visit: it opens on B's results screen), its first
#    frame and one more. Profiles: OUT/A.prof, OUT/Aen.prof, OUT/B.prof, OUT/C.prof.
# 3. `wasm-split qcity.wasm.orig --profile=X.prof -o1 X.primary.wasm -o2 X.deferred.wasm` for each,
#    (and for the merged profiles A+C, B+C, B+Aen), and prints raw and gzip -9 sizes, with the data
#    section's share (wasm-split moves functions only). Outputs have no name section (no -g).
# --check: also serves the split pairs of A and B (OUT/dist-A/, OUT/dist-B/) and replays B's input
#    and C's reload in each (no test hooks): the page must run, and it says at which step the deferred
#    module was loaded and what that took. (emcc 3.1.6's loader cannot fetch a wasm synchronously on
#    a page's main thread; the check gives the page its own Module.loadSplitModule, see below.)
# --names: also relinks with --profiling-funcs, profiles and splits that build, and prints what each
#    primary and deferred module holds by part (bench/web/wasm_sizes.py). About 6 minutes more.
# --write-deferred FILE: with --names, writes the functions B+Aen's profile never ran (a first visit's
#    first minute, and a first frame with an English browser), one name a line as Binaryen prints it, to FILE: the list the web build
#    moves to qcity.deferred.wasm (src/platform/web/deferred-functions.txt; CMakeLists.txt). A
#    function it does not name (new or renamed code) stays in qcity.wasm. (A returning visit, with
#    work saved, loads both halves before its first frame: web/qcity-shell.js. So C is measured, not
#    kept.) The links here leave the web build's own split flags out: they profile the whole wasm.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build/web"
OUT="$ROOT/build/split"
LINK=1
CHECK=0
NAMES=0
DEFER_OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --build) BUILD="$(cd "$2" && pwd)"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --no-link) LINK=0; shift ;;
    --check) CHECK=1; shift ;;
    --names) NAMES=1; shift ;;
    --write-deferred) DEFER_OUT="$(realpath -m "$2")"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo pipefail/{/^set/!p}' "$0"; exit 0 ;;
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
  # (The shipped build's own split flags, if it is split, taken out first: this link is the whole wasm.)
  cmd="$(sed -e 's| -sSPLIT_MODULE=1||; s| --profiling-funcs||' -e "s| -o dist/qcity.js | -sSPLIT_MODULE=1 -o $OUT/link/qcity.js |" "$linktxt")"
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
# (A split build's deferred half out, and the page told the wasm is whole.)
rm -f "$OUT/dist-profile/qcity.deferred.wasm"
sed -i '/QCITY_SPLIT/d' "$OUT/dist-profile/qcity-version.js"
cp "$OUT/link/qcity.js" "$OUT/link/qcity.wasm" "$OUT/dist-profile/"
say "scenario A (and Aen: the browser's language en-US)"
xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-profile" --scenario A --out "$OUT/A.prof"
xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-profile" --scenario A --locale en-US --out "$OUT/Aen.prof"
say "scenario B (and C, the reload after it)"
xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-profile" --scenario B --out "$OUT/B.prof" --out-return "$OUT/C.prof"

# 3. The splits, and their sizes. A+C: what every first frame runs (a first visit's and a returning
# one's); B+C: a first session and the visit after it; B+Aen: a first visit's first minute and a
# first frame with an English browser (what the web build keeps: --write-deferred).
wasm-split --merge-profiles "$OUT/A.prof" "$OUT/C.prof" -o "$OUT/A+C.prof"
wasm-split --merge-profiles "$OUT/B.prof" "$OUT/C.prof" -o "$OUT/B+C.prof"
wasm-split --merge-profiles "$OUT/B.prof" "$OUT/Aen.prof" -o "$OUT/B+Aen.prof"
for s in A B C A+C B+C B+Aen; do
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
for s in ['A', 'B', 'C', 'A+C', 'B+C', 'B+Aen']:
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
    cmd="$(sed -e 's| -sSPLIT_MODULE=1||; s| --profiling-funcs||' -e "s| -o dist/qcity.js | --profiling-funcs -o $N/qcity.js |" "$BUILD/CMakeFiles/qcity_web.dir/link.txt")"
    say "relinking with --profiling-funcs into $N"
    (cd "$BUILD" && eval "$cmd")
  fi
  wasm-split --instrument -g "$N/qcity.wasm" -o "$N/qcity.instr.wasm"
  rm -rf "$OUT/dist-names"
  cp -a "$OUT/dist-profile" "$OUT/dist-names"
  cp "$N/qcity.js" "$OUT/dist-names/qcity.js"
  cp "$N/qcity.instr.wasm" "$OUT/dist-names/qcity.wasm"
  xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-names" --scenario A --out "$N/A.prof"
  xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-names" --scenario A --locale en-US --out "$N/Aen.prof"
  xvfb-run -a node "$ROOT/bench/web/split-profile.mjs" --dist "$OUT/dist-names" --scenario B --out "$N/B.prof" --out-return "$N/C.prof" | grep -v '^B: same state'
  if [ -n "$DEFER_OUT" ]; then
    # The functions of the whole wasm that B+Aen's primary does not hold, by the names Binaryen prints
    # (its own escaping, e.g. \28anonymous\20namespace\29: the form --split-funcs reads back).
    wasm-split --merge-profiles "$N/B.prof" "$N/Aen.prof" -o "$N/B+Aen.prof"
    wasm-split "$N/qcity.wasm" -g --enable-mutable-globals --export-prefix=% --profile="$N/B+Aen.prof" -o1 "$N/B+Aen.primary.wasm" -o2 "$N/B+Aen.deferred.wasm"
    # Functions of under 32 bytes of code stay in qcity.wasm whatever the profile says: leaf helpers
    # (a character test, a getter) are where a person's own data takes paths the profile did not (a
    # wrapped English tooltip called line breaking's ascii_letter, 14 B), and all of them are ~8 KB raw.
    # And functions named by src/platform/web/split-keep.txt (what input, data and timing reach).
    python3 - "$N/qcity.wasm" "$N/B+Aen.primary.wasm" "$DEFER_OUT" "$ROOT/bench/web" "$ROOT/src/platform/web/split-keep.txt" <<'PY'
import re, subprocess, sys
sys.path.insert(0, sys.argv[4])
from wasm_sizes import function_bodies
whole, primary, out = sys.argv[1:4]
def fmap(path):  # index -> name as Binaryen prints it (its escaping: what --split-funcs reads back)
    text = subprocess.run(['wasm-opt', path, '--enable-mutable-globals', '--print-function-map'],
                          capture_output=True, text=True, check=True).stdout
    return dict((int(k), v) for k, v in (line.split(':', 1) for line in text.splitlines() if ':' in line))
names = fmap(whole)
kept = set(fmap(primary).values())
imports, bodies = function_bodies(open(whole, 'rb').read())
size = {names[i]: len(bodies[i - imports]) for i in names if i >= imports}
keep = [re.compile(l.strip()) for l in open(sys.argv[5], encoding='utf-8') if l.strip() and not l.startswith('#')]
cold = sorted(n for n in size if n not in kept)
deferred = [n for n in cold if size[n] >= 32 and not any(k.search(n) for k in keep)]
with open(out, 'w') as f:
    f.write('\n'.join(deferred) + '\n')
print(f'[split] {len(deferred)} of {len(size)} functions go to the deferred half ({sum(size[n] for n in deferred)} B of code); '
      f'{len(cold) - len(deferred)} cold ones under 32 B or named by split-keep.txt stay -> {out}')
PY
  fi
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
