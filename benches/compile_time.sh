#!/usr/bin/env bash
# Compile time and peak memory of each generated crate, its dependencies prebuilt (issue 15,
# item 7): for each crate under generated/, `cargo clean -p` then `cargo build -p` in the dev
# profile with default features and CARGO_INCREMENTAL=0, timed by GNU time (wall seconds and
# the largest resident set of any process of the build, i.e. rustc; and the CPU seconds,
# user + system, of cargo and rustc, which a loaded machine moves far less than wall time).
# Prints one line per crate, then the totals and the seconds per operation (wall and CPU). Also the lines of generated Rust per
# operation (src/operation/*.rs besides mod.rs, plus the shared files, over the operations).
#
#   benches/compile_time.sh            # every crate
#   benches/compile_time.sh aliyun-ecs # one crate
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
crates=("$@")
if [ ${#crates[@]} -eq 0 ]; then
    for dir in generated/*/; do crates+=("$(basename "$dir")"); done
fi
# Dependencies (the runtime, the credentials crate, everything below them) built once, outside
# the timing: every crate measured is built first, so each timed build compiles that crate alone.
packages=()
for crate in "${crates[@]}"; do
    packages+=(-p "$(sed -n 's/^name = "\(.*\)"/\1/p' "generated/$crate/Cargo.toml" | head -1)")
done
cargo build -q "${packages[@]}"
out=$(mktemp)
total_secs=0
total_cpu=0
total_ops=0
total_lines=0
printf '%-20s %5s %8s %7s %8s %9s %8s %9s\n' crate ops seconds s/op cpu_s cpu_s/op peak_MB lines/op
for crate in "${crates[@]}"; do
    dir="generated/$crate"
    package=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1)
    ops=$(find "$dir/src/operation" -name '*.rs' ! -name mod.rs | wc -l)
    lines=$(find "$dir/src" -name '*.rs' -exec cat {} + | wc -l)
    cargo clean -q -p "$package"
    /usr/bin/time -f '%e %M %U %S' -o "$out" cargo build -q -p "$package"
    read -r secs kb user sys < "$out"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    cpu_per_op=$(awk -v c="$cpu" -v n="$ops" 'BEGIN { printf "%.3f", (n > 0 ? c / n : 0) }')
    per_op=$(awk -v s="$secs" -v n="$ops" 'BEGIN { printf "%.3f", (n > 0 ? s / n : 0) }')
    lines_per_op=$(awk -v l="$lines" -v n="$ops" 'BEGIN { printf "%.0f", (n > 0 ? l / n : 0) }')
    printf '%-20s %5d %8.2f %7s %8.2f %9s %8d %9s\n' "$crate" "$ops" "$secs" "$per_op" "$cpu" "$cpu_per_op" $((kb / 1024)) "$lines_per_op"
    total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { print a + b }')
    total_secs=$(awk -v a="$total_secs" -v b="$secs" 'BEGIN { print a + b }')
    total_ops=$((total_ops + ops))
    total_lines=$((total_lines + lines))
done
rm -f "$out"
awk -v s="$total_secs" -v c="$total_cpu" -v n="$total_ops" -v l="$total_lines" \
    'BEGIN { printf "%-20s %5d %8.2f %7.3f %8.2f %9.3f %8s %9.0f\n", "all", n, s, (n > 0 ? s / n : 0), c, (n > 0 ? c / n : 0), "", (n > 0 ? l / n : 0) }'
