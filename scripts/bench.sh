#!/usr/bin/env bash
# The pressx benchmark, in one command:
#
#   scripts/bench.sh [--quick] [SIZE...]      e.g. scripts/bench.sh 200M 2G
#
# For each SIZE (default 200M; K, M, G suffixes, decimal) it builds the release
# binary, generates the deterministic corpus once (cached in
# target/bench-corpus/SIZE, regenerated when the generator, the fixtures or the
# gazetteers change), then runs `pressx extract` over the corpus as one jsonl
# file and as a folder of .txt files, with -j 1 and -j 2, output to /dev/null,
# and reports MB/s of release text end to end (wall clock and per CPU second),
# the speed-up with 2 threads and the peak RSS. Then the time for one small
# document (fixtures/sco-rats-dialogue.txt) from process start to exit, and,
# unless --quick, the criterion benchmarks (per stage, whole pipeline, JSON
# writing, building the resources). It prints a markdown table, also written
# to target/bench-corpus/results.md.
#
# Needs GNU time (/usr/bin/time: `apt-get install time`); uses hyperfine for
# the small-document time when it is installed, else a loop of runs.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
quick=0
sizes=()
for a in "$@"; do
    case "$a" in
        --quick) quick=1 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) sizes+=("$a") ;;
    esac
done
[ ${#sizes[@]} -eq 0 ] && sizes=(200M)

if [ ! -x /usr/bin/time ]; then
    echo "bench.sh: GNU time is missing: apt-get install time" >&2
    exit 2
fi

cargo build --release --quiet --bin pressx --example corpus
pressx="$root/target/release/pressx"
gen="$root/target/release/examples/corpus"
out_dir="$root/target/bench-corpus"
mkdir -p "$out_dir"
results="$out_dir/results.md"

# What the corpus depends on: a change to any of these regenerates it.
fingerprint=$(cat benches/corpus/mod.rs examples/corpus.rs fixtures/*.txt gazetteers/*.tsv \
    gazetteers/sources/organisations-curated.tsv 2>/dev/null | sha256sum | cut -c1-16)

# run LABEL ARGS...: runs pressx with ARGS, stdout to /dev/null; sets
# wall (s), cpu (user+sys s) and rss (KB).
run() {
    local label=$1
    shift
    local t
    t=$(mktemp)
    /usr/bin/time -f "%e %U %S %M" -o "$t" "$pressx" "$@" > /dev/null
    read -r wall user sys rss < "$t"
    rm -f "$t"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
    echo "  $label: ${wall}s wall, ${cpu}s cpu, ${rss} KB peak RSS" >&2
}

mbps() { awk -v b="$1" -v t="$2" 'BEGIN {printf "%.1f", b / 1000000 / t}'; }

rows=()
for size in "${sizes[@]}"; do
    dir="$out_dir/$size"
    if [ "$(cat "$dir/FINGERPRINT" 2>/dev/null)" != "$fingerprint" ] || [ ! -f "$dir/DONE" ]; then
        echo "generating the $size corpus in $dir …" >&2
        rm -rf "$dir"
        "$gen" --size "$size" --out "$dir" >&2
        echo "$fingerprint" > "$dir/FINGERPRINT"
    fi
    bytes=$(awk '/^text_bytes/ {print $2}' "$dir/DONE")
    docs=$(awk '/^documents/ {print $2}' "$dir/DONE")
    echo "$size: $docs documents, $bytes bytes of text" >&2
    # Warm the page cache so the first run is not the only one reading from disk.
    cat "$dir/corpus.jsonl" > /dev/null
    for input in jsonl folder; do
        if [ "$input" = jsonl ]; then
            args=(--input jsonl "$dir/corpus.jsonl")
        else
            args=("$dir/docs")
        fi
        run "$input -j 1" extract -j 1 "${args[@]}"
        w1=$wall c1=$cpu r1=$rss
        run "$input -j 2" extract -j 2 "${args[@]}"
        w2=$wall r2=$rss
        speedup=$(awk -v a="$w1" -v b="$w2" 'BEGIN {printf "%.2f", a / b}')
        rss_max=$(( r1 > r2 ? r1 : r2 ))
        rows+=("| $size $input | $docs | $(mbps "$bytes" "$w1") | $(mbps "$bytes" "$c1") | $(mbps "$bytes" "$w2") | ${speedup}× | $((rss_max / 1024)) MB |")
    done
done

# One small document, process start to exit.
small="$root/fixtures/sco-rats-dialogue.txt"
if command -v hyperfine > /dev/null; then
    hf=$(mktemp)
    hyperfine -N --warmup 5 --runs 100 --export-json "$hf" "$pressx extract $small" > /dev/null 2>&1
    # The median, from the exported JSON (no jq needed).
    small_ms=$(tr ',' '\n' < "$hf" | awk -F: '/"median"/ {printf "%.1f", $2 * 1000; exit}')
    small_cpu=$(tr ',' '\n' < "$hf" | awk -F: '/"user"/ {u = $2} /"system"/ {s = $2} END {printf "%.1f", (u + s) * 1000}')
    rm -f "$hf"
    small_how="hyperfine median of 100"
else
    times=()
    for _ in $(seq 5); do "$pressx" extract "$small" > /dev/null; done
    for _ in $(seq 100); do
        t0=$EPOCHREALTIME
        "$pressx" extract "$small" > /dev/null
        t1=$EPOCHREALTIME
        times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) * 1000}')")
    done
    small_ms=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]}')
    small_how="median of 100 runs"
fi
if [ -z "${small_cpu:-}" ]; then
    small_cpu=$( { /usr/bin/time -f "%U %S" "$pressx" extract "$small" > /dev/null; } 2>&1 | awk '{printf "%.1f", ($1+$2)*1000}')
fi

{
    echo "### End to end (\`pressx extract … > /dev/null\`)"
    echo
    echo "| corpus | documents | -j 1 MB/s | -j 1 MB/s per CPU second | -j 2 MB/s | speed-up | peak RSS |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "One small document ($(wc -c < "$small") bytes), process start to exit: ${small_ms} ms ($small_how; ${small_cpu} ms of CPU, user + system)."
    echo
    echo "Load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
} > "$results"

if [ $quick = 0 ]; then
    crit=$(mktemp)
    cargo bench --quiet --bench pipeline 2>/dev/null | tee "$crit" >&2
    {
        echo
        echo "### Criterion (\`cargo bench --bench pipeline\`; ~2 MB of the same generated text)"
        echo
        echo "| benchmark | time | throughput |"
        echo "| --- | --- | --- |"
        # "name  time: [lo mid hi]" then "thrpt: [lo mid hi]": keep the middles.
        awk '
            /^[^ ]/ { change = 0 }
            NF == 1 && $1 == "change:" { change = 1; next }
            NF == 1 { last = $1; next }
            /time:/ {
                if (change) next
                name = ($1 == "time:") ? last : $1
                split($0, a, /[][]/); split(a[2], t, " "); time = t[3] " " t[4]
                if (name ~ /^resources/) print "| " name " | " time " | |"; else pending = 1
                next
            }
            /thrpt:/ {
                if (change) { change = 0; next }
                if (pending) { split($0, a, /[][]/); split(a[2], t, " "); print "| " name " | " time " | " t[3] " " t[4] " |"; pending = 0 }
            }
' "$crit"
        rm -f "$crit"
    } >> "$results"
fi

cat "$results"
