#!/usr/bin/env bash
# Where the sandbox spends its extra time: one `profile_decode` workload profiled with perf
# twice, sandboxed (wasm functions named through wasmtime's perf map) and native (the same C
# built for the host), joined by function name. Prints, per function, the time of each build
# per iteration, their ratio and the sandbox's extra time, largest first, so a performance
# change starts from the functions that hold the gap. Both runs do the same iterations, so
# their sample counts compare directly; set-up work (generating the test image) shows in both
# at about 1x. Functions inlined differently in the two builds show on one side only; zlib-ng's
# `zng_` prefix is dropped so its functions meet stock zlib's (the PNG native backend's).
#
#   scripts/compare_profiles.sh font 2000        # a 60-glyph line at 12 px, 2,000 times
#   scripts/compare_profiles.sh jpeg 40          # a 4 MP JPEG, 40 times
#   CORDON_FONT_PX=48 scripts/compare_profiles.sh font 500
#
# Arguments are profile_decode's (see examples/profile_decode.rs); as there, the first number
# other than the chroma mode `420` is the iteration count (default 20). Needs `perf` (Debian: linux-perf) and permission to
# profile (kernel.perf_event_paranoid <= 2). ROWS (default 30) sets how many functions are
# listed. Samples are taken every 250 us of CPU time (the cpu-clock event with a fixed period,
# so the conversion to time does not depend on the rate the kernel allows).
set -euo pipefail
cd "$(dirname "$0")/.."

[ $# -gt 0 ] || { sed -n '2,19p' "$0"; exit 2; }
command -v perf > /dev/null || { echo "perf is not installed (Debian: linux-perf)" >&2; exit 1; }
iterations=20
for arg in "$@"; do
    if [[ $arg =~ ^[0-9]+$ && $arg != 420 ]]; then
        iterations=$arg
        break
    fi
done

cargo build --release --quiet --features profiling,native --example profile_decode
bin=target/release/examples/profile_decode
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
period_ns=250000

sandboxed=$("$bin" "$@")
native=$("$bin" "$@" native)
echo "sandboxed: ${sandboxed##*$'\n'}"
echo "native:    ${native##*$'\n'}"
CORDON_PROFILE=perfmap perf record -q -e cpu-clock -c "$period_ns" -o "$work/sandboxed.data" \
    "$bin" "$@" > /dev/null
perf record -q -e cpu-clock -c "$period_ns" -o "$work/native.data" "$bin" "$@" native > /dev/null

# "samples<TAB>symbol" per function, user-space code only.
samples() {
    perf report -i "$1" --no-children --sort symbol -n -q 2> /dev/null |
        awk '$3 == "[.]" { name = $4; sub(/^zng_/, "", name); for (i = 5; i <= NF && $i != "-"; i++) name = name " " $i;
                           print $2 "\t" name }'
}
samples "$work/sandboxed.data" > "$work/sandboxed.txt"
samples "$work/native.data" > "$work/native.txt"

# Same-named rows (statics of different files, a zng_ function and its stock twin) add up.
awk -F'\t' -v us=$((period_ns / 1000)) -v iterations="$iterations" -v rows="${ROWS:-30}" '
    FNR == NR { native[$2] += $1; next }
    { sandboxed[$2] += $1 }
    END {
        for (f in native) if (!(f in sandboxed)) sandboxed[f] = 0
        n = 0
        for (f in sandboxed) {
            s = sandboxed[f] * us / iterations; v = (f in native) ? native[f] * us / iterations : 0
            key[++n] = f; extra[f] = s - v; ts[f] = s; tn[f] = v
            total_s += s; total_n += v
        }
        # largest extra time first (insertion sort: a few hundred functions)
        for (i = 2; i <= n; i++) {
            k = key[i]
            for (j = i - 1; j >= 1 && extra[key[j]] < extra[k]; j--) key[j + 1] = key[j]
            key[j + 1] = k
        }
        printf "\n%-44s %12s %12s %7s %12s\n", "function (us per iteration)", "sandboxed", "native", "ratio", "extra"
        for (i = 1; i <= n && i <= rows; i++) {
            f = key[i]
            ratio = tn[f] > 0 ? sprintf("%6.2fx", ts[f] / tn[f]) : "     -"
            printf "%-44.44s %12.2f %12.2f %7s %12.2f\n", f, ts[f], tn[f], ratio, extra[f]
        }
        printf "%-44s %12.2f %12.2f %6.2fx %12.2f\n", "all sampled user code", total_s, total_n,
               (total_n > 0 ? total_s / total_n : 0), total_s - total_n
    }' "$work/native.txt" "$work/sandboxed.txt"
