#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/fuzz_*.cpp): the readers of user files — assessment JSON,
# figures CSV, catalog, award and scoring files, and whatever else has a target there — and a
# structure-aware target that sends valid files with fuzzed values through evaluation, roll-up and
# the report. Built by the "fuzz" preset (clang, ASan + UBSan). Prints runs and crashes per target
# and writes them to build/<preset>/summary.md (build/fuzz by default); exits 1 when any target found a crash.
#
#   scripts/fuzz.sh                     every target for 15 s (the short run in scripts/test.sh)
#   scripts/fuzz.sh --seconds 3600      the long run: an hour per target
#   scripts/fuzz.sh --seconds 600 fuzz_assessment fuzz_structured
#   scripts/fuzz.sh --seed 1            libFuzzer's random seed fixed (CI: a failure reproduces with the same
#                                       seed; without it each run explores afresh)
#   scripts/fuzz.sh --save-corpus       also merge what the run found into tests/fuzz/corpus/ (minimised)
#   scripts/fuzz.sh --preset sanitize   the targets of the sanitize tree (-O1; CI builds it once for the
#                                       unit tests and the fuzzers)
#   scripts/fuzz.sh --jobs 2            two targets at a time (libFuzzer uses one core per target; each
#                                       still gets its full --seconds; CI: the machine's 2 cores)
#
# Seeds: tests/fuzz/corpus/<target>/ (committed) plus the test fixtures and shipped assets. A crash
# leaves its input in build/<preset>/findings/; reproduce with build/<preset>/<target> <that file>.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=15
SAVE=0
PRESET=fuzz
TARGETS=()
SEED_ARGS=()
JOBS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --save-corpus) SAVE=1; shift ;;
    --preset) PRESET="$2"; shift 2 ;;  # another clang tree with QCITY_FUZZ (scripts/test.sh: "sanitize")
    --seed) SEED_ARGS=(-seed="$2"); shift 2 ;;
    --jobs) JOBS="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    fuzz_*) TARGETS+=("$1"); shift ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f build/env.sh ] && source build/env.sh

cmake --preset "$PRESET" >/dev/null
cmake --build --preset "$PRESET"
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in tests/fuzz/fuzz_*.cpp; do TARGETS+=("$(basename "$f" .cpp)"); done
fi

OUT=build/$PRESET
mkdir -p "$OUT/findings"
# Seeds from outside the committed corpus: fixtures and the shipped data files.
seed_extra() {  # seed_extra target dir
  local t="$1" d="$2" f
  case "$t" in
    fuzz_assessment|fuzz_backup)
      cp tests/browser/fixtures/*.json "$d"/ 2>/dev/null || true ;;
    fuzz_file_bytes)  # any file a person may import: JSON, CSV, tab-separated text (UTF-8, GBK, UTF-16)
      cp tests/browser/fixtures/*.json tests/fuzz/corpus/fuzz_figures_csv/* "$d"/ 2>/dev/null || true
      iconv -f UTF-8 -t GB18030 tests/fuzz/corpus/fuzz_figures_csv/dongtai-filled.csv > "$d/dongtai-gbk.csv" 2>/dev/null || true
      iconv -f UTF-8 -t UTF-16 tests/fuzz/corpus/fuzz_figures_csv/dongtai-filled-tabs.tsv > "$d/dongtai-utf16.txt" 2>/dev/null || true ;;
    fuzz_catalog)
      cp assets/catalog/*.json "$d"/ ;;
    fuzz_xlsx)  # a workbook written by another program (openpyxl), with the template's layout
      if [ -f tests/fuzz/corpus/fuzz_figures_csv/dongtai-filled.csv ] && "${QCITY_PYTHON:-/usr/bin/python3}" -c 'import openpyxl' 2>/dev/null; then
        "${QCITY_PYTHON:-/usr/bin/python3}" - "$d/dongtai-openpyxl.xlsx" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
for row in csv.reader(open('tests/fuzz/corpus/fuzz_figures_csv/dongtai-filled.csv', encoding='utf-8-sig')):
    ws.append([int(c) if c.isdigit() else c for c in row])
wb.save(sys.argv[1])
PY
      fi ;;
    fuzz_award)  # the first byte picks the loader: even = award, odd = scoring model
      for f in assets/awards/*.json; do { printf '\x00'; cat "$f"; } > "$d/$(basename "$f")"; done
      for f in assets/scoring/*.json; do { printf '\x01'; cat "$f"; } > "$d/$(basename "$f")"; done ;;
  esac
}

# One target: seeds, the run, its summary row in $OUT/$t.row; returns libFuzzer's exit status.
fuzz_one() {
  local t="$1" bin="$OUT/$1" seeds="$OUT/seeds/$1" corpus="$OUT/corpus/$1" log="$OUT/$1.log" rc dict=()
  rm -rf "$seeds"; mkdir -p "$seeds" "$corpus"
  [ -d "tests/fuzz/corpus/$t" ] && cp -r "tests/fuzz/corpus/$t/." "$seeds"/
  seed_extra "$t" "$seeds"
  case "$t" in fuzz_assessment|fuzz_catalog|fuzz_award|fuzz_file_bytes|fuzz_backup) dict=(-dict=tests/fuzz/json.dict) ;; esac
  set +e
  # Files up to 64 KB; a run that takes 10 s or 2 GB is a finding too (a hang, a memory bomb).
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 ${SEED_ARGS[@]+"${SEED_ARGS[@]}"} -artifact_prefix="$OUT/findings/$t-" ${dict[@]+"${dict[@]}"} "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  set -e
  echo "$rc" > "$OUT/$t.rc"
}

# Reports one finished target (in the order given, whatever order they finished in).
report_one() {
  local t="$1" log="$OUT/$1.log" corpus="$OUT/corpus/$1" rc runs size crashes=0
  rc="$(cat "$OUT/$t.rc")"
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n1 || true)"
  size="$(ls "$corpus" | wc -l)"
  echo "=== $t: ${SECONDS_EACH}s"
  if [ "$rc" != 0 ]; then
    crashes=1; FAILED=1
    echo "!!! $t found a crash (exit $rc); the input is in $OUT/findings/, the log in $log:"
    grep -E "ERROR|SUMMARY|FUZZ_CHECK|runtime error|Test unit written" "$log" | head -n 12
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$t" "$SECONDS_EACH" "${runs:-?}" "$size" "$crashes" >> "$OUT/summary.md"
  echo "    runs: ${runs:-?}, corpus: $size, crashes: $crashes"
  if [ "$SAVE" = 1 ] && [ "$rc" = 0 ]; then
    mkdir -p "tests/fuzz/corpus/$t"
    "$OUT/$t" -merge=1 -max_len=65536 "tests/fuzz/corpus/$t" "$corpus" >/dev/null 2>&1 || true
  fi
}

for t in "${TARGETS[@]}"; do
  [ -x "$OUT/$t" ] || { echo "fuzz.sh: no target $t" >&2; exit 2; }
done
printf '| target | seconds | runs | corpus | crashes |\n|---|---:|---:|---:|---:|\n' > "$OUT/summary.md"
FAILED=0
# JOBS targets at a time, in batches (each runs --seconds, so a batch ends together); reported in order.
for ((i = 0; i < ${#TARGETS[@]}; i += JOBS)); do
  batch=("${TARGETS[@]:i:JOBS}")
  [ "${#batch[@]}" -gt 1 ] && echo "=== running ${batch[*]}: ${SECONDS_EACH}s each, side by side"
  pids=()
  for t in "${batch[@]}"; do fuzz_one "$t" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  for t in "${batch[@]}"; do report_one "$t"; done
done
echo
cat "$OUT/summary.md"
exit "$FAILED"
