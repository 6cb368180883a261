#!/usr/bin/env bash
# CLI throughput benchmark: evaluate 3,000 generated enterprise files and roll up the 11 county
# files, against parsing the same files with nlohmann/json alone (qcity_bench_parse).
# Reports files/s and the ratio CLI / raw parse (goal: judging adds at most 25 %).
#   bench/run.sh [--runs 5]       (needs the native build: cmake --preset native && cmake --build --preset native)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=5
[ "${1:-}" = "--runs" ] && RUNS="$2"
BIN=${QCITY_BIN:-build/native}   # QCITY_BIN: another native build (bench/web/run.mjs --cli-before)
OUT=bench/out/files
[ -x "$BIN/qcity" ] && [ -x "$BIN/qcity_bench_parse" ] || { echo "build the native preset first" >&2; exit 2; }
rm -rf "$OUT"
python3 bench/gen_files.py "$OUT" --enterprises 3000

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# time_cmd CMD...: median wall seconds over RUNS runs (stdout discarded)
time_cmd() {
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | median
}

ENT=("$OUT"/enterprise/*.json)
CTY=("$OUT"/county/*.json)
bytes=$(cat "${ENT[@]}" | wc -c)
echo "files: ${#ENT[@]} enterprise ($((bytes / 1024)) KiB), ${#CTY[@]} county"

t_parse=$(time_cmd "$BIN/qcity_bench_parse" raw "${ENT[@]}")
t_judge=$(time_cmd "$BIN/qcity_bench_parse" judge "${ENT[@]}")
t_eval=$(time_cmd "$BIN/qcity" evaluate --format json "${ENT[@]}")
t_eval_text=$(time_cmd "$BIN/qcity" evaluate "${ENT[@]}")
t_cparse=$(time_cmd "$BIN/qcity_bench_parse" raw "${CTY[@]}")
t_roll=$(time_cmd "$BIN/qcity" rollup --format json "${CTY[@]}")

awk -v n="${#ENT[@]}" -v p="$t_parse" -v j="$t_judge" -v e="$t_eval" -v et="$t_eval_text" -v cp="$t_cparse" -v r="$t_roll" -v c="${#CTY[@]}" 'BEGIN {
  printf "evaluate (json), 3000 enterprise files: %.3f s  %8.0f files/s\n", e, n / e
  printf "evaluate (text), 3000 enterprise files: %.3f s  %8.0f files/s\n", et, n / et
  printf "read + judge (no output), same files:   %.3f s  %8.0f files/s\n", j, n / j
  printf "raw nlohmann parse, same files:         %.3f s  %8.0f files/s\n", p, n / p
  printf "ratio judge / raw parse:                %.2f  (judging adds %+.0f %%; goal: at most +25 %%)\n", j / p, (j / p - 1) * 100
  printf "ratio CLI evaluate(json) / raw parse:   %.2f  (with writing the JSON report)\n", e / p
  printf "rollup (json), 11 county files:         %.4f s (raw parse %.4f s; both mostly process start-up)\n", r, cp
}'

# Instruction counts (valgrind's callgrind): repeatable on a shared machine, where wall times are not.
if command -v valgrind >/dev/null 2>&1; then
  ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected :/ {print $4}'; }
  i_raw=$(ir "$BIN/qcity_bench_parse" raw "${ENT[@]}")
  i_judge=$(ir "$BIN/qcity_bench_parse" judge "${ENT[@]}")
  awk -v r="$i_raw" -v j="$i_judge" 'BEGIN {
    printf "instructions raw parse: %d M, read + judge: %d M, ratio %.2f (judging adds %+.0f %%)\n", r / 1e6, j / 1e6, j / r, (j / r - 1) * 100 }'
fi
