#!/usr/bin/env bash
# Compile time and peak memory of each generated crate, its dependencies prebuilt (issue 15,
# item 7): for each crate under generated/, `cargo clean -p` then `cargo build -p` in the dev
# profile with default features and CARGO_INCREMENTAL=0, timed by GNU time (wall seconds and
# the largest resident set of any process of the build, i.e. rustc; and the CPU seconds,
# user + system, of cargo and rustc, which a loaded machine moves far less than wall time).
# Prints one line per crate, then the totals and the seconds per operation (wall and CPU). Also the lines of generated Rust per
# operation (src/operation/*.rs besides mod.rs, plus the shared files, over the operations).
#
# Beside each crate, the floor its figure is read against (what any crate in its place costs,
# whatever is generated), in CPU seconds: `noop_s`, cargo's own part (`cargo build -p` again,
# with nothing to do: lock file, resolution, fingerprints of every unit below), and `empty_s`,
# the crate's very rustc command (as `cargo build -v` prints it) on an empty crate that only
# loads the same dependencies (`use yun_runtime as _;` for each `--extern`). `above/op` is the
# crate's CPU seconds above noop_s + empty_s, per operation: what its generated code costs.
# A one-operation crate's figure is mostly its floor.
#
#   benches/compile_time.sh            # every crate
#   benches/compile_time.sh aliyun-ecs # one crate
#   TIME_PASSES=1 benches/compile_time.sh aliyun-cms  # also rustc's `-Z time-passes` total
#                                                     # (RUSTC_BOOTSTRAP=1) of crate and empty crate
#   benches/compile_time.sh --standalone [crate ...]  # as a user's project builds them
#
# `--standalone` measures the same way in a user's context instead of this 30-member workspace:
# a project of its own, `$CARGO_TARGET_DIR/compile-time-standalone` (default
# `target/compile-time-standalone`, kept between runs so its dependencies stay built, its own
# target dir inside), that depends on each crate measured by path, with cargo's default dev
# profile (a new project's: full debuginfo, where the workspace's profile says line tables
# only) and a copy of this workspace's `Cargo.lock` (the same versions, and the `idna_adapter`
# pin, which an application's own lock file would not have: its fresh resolution brings
# ICU4X back). The first run builds the dependencies (about 1 min of CPU, 450 MB). Measured
# 2026-11-30 on aliyun-cms (benches/README.md, "the one-operation crates in a user's project"):
# rustc's instructions +3 % (the full debuginfo), cargo's no-op −8 %, so the crate's CPU
# seconds come out within the noise of the default measure: cargo's no-op follows the crate's
# own dependency graph, not the size of the workspace around it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_INCREMENTAL=0
standalone=
if [ "${1:-}" = --standalone ]; then
    standalone=1
    shift
fi
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
# The workspace's cargo, or with --standalone the user's project's: `"${cargo[@]}" build
# … "${manifest[@]}"` (an array, so that /usr/bin/time can run it).
cargo=(cargo)
manifest=()
if [ -n "$standalone" ]; then
    root=$(pwd)
    user="$(realpath -m "${CARGO_TARGET_DIR:-target}")/compile-time-standalone"
    mkdir -p "$user/src"
    {
        printf '[package]\nname = "compile-time-user"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n'
        for crate in "${crates[@]}"; do
            printf '%s = { path = "%s" }\n' "$(sed -n 's/^name = "\(.*\)"/\1/p' "generated/$crate/Cargo.toml" | head -1)" "$root/generated/$crate"
        done
        printf '\n[workspace]\n'
    } > "$user/Cargo.toml"
    : > "$user/src/lib.rs"
    cp Cargo.lock "$user/Cargo.lock"
    cargo=(env CARGO_TARGET_DIR="$user/target" cargo)
    manifest=(--manifest-path "$user/Cargo.toml")
fi
"${cargo[@]}" build -q "${packages[@]}" "${manifest[@]}"
out=$(mktemp)
scratch=$(mktemp -d)
total_secs=0
total_cpu=0
total_ops=0
total_lines=0
total_floor=0
cpu_of() { awk '{ printf "%.3f", $1 + $2 }' "$1"; }
# rustc's `-Z time-passes` total of the command in $1 (seconds of wall time inside rustc).
time_passes() { (eval RUSTC_BOOTSTRAP=1 "$1" -Ztime-passes 2>&1 >/dev/null || true) | awk '/\ttotal$/ { t = $2 } END { sub(";", "", t); print t }'; }
printf '%-20s %5s %8s %7s %8s %9s %8s %9s %7s %8s %9s\n' crate ops seconds s/op cpu_s cpu_s/op peak_MB lines/op noop_s empty_s above/op
for crate in "${crates[@]}"; do
    dir="generated/$crate"
    package=$(sed -n 's/^name = "\(.*\)"/\1/p' "$dir/Cargo.toml" | head -1)
    ops=$(find "$dir/src/operation" -name '*.rs' ! -name mod.rs | wc -l)
    lines=$(find "$dir/src" -name '*.rs' -exec cat {} + | wc -l)
    "${cargo[@]}" clean -q -p "$package" "${manifest[@]}"
    /usr/bin/time -f '%e %M %U %S' -o "$out" "${cargo[@]}" build -v -p "$package" "${manifest[@]}" 2> "$scratch/build.log"
    read -r secs kb user sys < "$out"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    cpu_per_op=$(awk -v c="$cpu" -v n="$ops" 'BEGIN { printf "%.3f", (n > 0 ? c / n : 0) }')
    per_op=$(awk -v s="$secs" -v n="$ops" 'BEGIN { printf "%.3f", (n > 0 ? s / n : 0) }')
    lines_per_op=$(awk -v l="$lines" -v n="$ops" 'BEGIN { printf "%.0f", (n > 0 ? l / n : 0) }')
    # The floor: cargo with nothing to do, and the crate's rustc on an empty crate.
    /usr/bin/time -f '%U %S' -o "$out" "${cargo[@]}" build -q -p "$package" "${manifest[@]}"
    noop=$(cpu_of "$out")
    rustc_cmd=$(sed -n "s/^ *Running \`\(.*--crate-name ${package//-/_} .*\)\`$/\1/p" "$scratch/build.log" | head -1)
    rustc_cmd=$(echo "$rustc_cmd" | sed "s#--out-dir [^ ]*#--out-dir $scratch#")
    sed -n 's/.*--extern \([a-z0-9_]*\)=.*/\1/p' <<< "${rustc_cmd// --extern /$'\n' --extern }" | sed 's/.*/use & as _;/' > "$scratch/empty.rs"
    # The crate's root file, relative in the workspace, absolute with --standalone.
    empty_cmd=$(sed "s# [^ ]*$dir/src/lib.rs # $scratch/empty.rs #" <<< "$rustc_cmd")
    eval /usr/bin/time -f "'%U %S'" -o "$out" "$empty_cmd" > /dev/null 2>&1
    empty=$(cpu_of "$out")
    above=$(awk -v c="$cpu" -v a="$noop" -v b="$empty" -v n="$ops" 'BEGIN { printf "%.3f", (n > 0 ? (c - a - b) / n : 0) }')
    printf '%-20s %5d %8.2f %7s %8.2f %9s %8d %9s %7.2f %8.2f %9s\n' "$crate" "$ops" "$secs" "$per_op" "$cpu" "$cpu_per_op" $((kb / 1024)) "$lines_per_op" "$noop" "$empty" "$above"
    if [ -n "${TIME_PASSES:-}" ]; then
        echo "    rustc -Z time-passes total: crate $(time_passes "$rustc_cmd") s, empty crate $(time_passes "$empty_cmd") s"
    fi
    total_floor=$(awk -v a="$total_floor" -v b="$noop" -v c="$empty" 'BEGIN { print a + b + c }')
    total_cpu=$(awk -v a="$total_cpu" -v b="$cpu" 'BEGIN { print a + b }')
    total_secs=$(awk -v a="$total_secs" -v b="$secs" 'BEGIN { print a + b }')
    total_ops=$((total_ops + ops))
    total_lines=$((total_lines + lines))
done
rm -rf "$out" "$scratch"
awk -v s="$total_secs" -v c="$total_cpu" -v n="$total_ops" -v l="$total_lines" -v f="$total_floor" \
    'BEGIN { printf "%-20s %5d %8.2f %7.3f %8.2f %9.3f %8s %9.0f %16.2f %9.3f\n", "all", n, s, (n > 0 ? s / n : 0), c, (n > 0 ? c / n : 0), "", (n > 0 ? l / n : 0), f, (n > 0 ? (c - f) / n : 0) }'
