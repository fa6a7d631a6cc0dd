#!/bin/sh
# Runs one fuzz target for a bounded time with the settings the README's figures use:
#   ./run.sh spec_loader 300        # target, seconds (default 300)
# Seeds corpus/<target>/ from seeds/<target>/ (if any) and, for spec_loader, the spec corpora
# under tests/fixtures/specs/; allows 64 KiB inputs, reports inputs
# slower than 1 s, keeps going after a crash (-fork=1 -ignore_crashes=1) so one run can find
# several, and writes crashes and slow inputs under artifacts/<target>/.
set -eu
cd "$(dirname "$0")"
target=$1
seconds=${2:-300}
# The structured target's bytes are a spec model: let it use long inputs from the start.
extra=""
if [ "$target" = spec_structured ]; then extra="-len_control=0"; fi
mkdir -p "corpus/$target" "artifacts/$target"
if [ -d "seeds/$target" ]; then cp -n "seeds/$target"/* "corpus/$target/" 2>/dev/null || true; fi
# The spec corpora of the tests are seeds too (hostile valid specs, one-problem invalid ones).
if [ "$target" = spec_loader ]; then
  for f in ../tests/fixtures/specs/valid/*.yaml ../tests/fixtures/specs/invalid/*.yaml; do
    [ -f "$f" ] && cp -n "$f" "corpus/$target/$(basename "$(dirname "$f")")-$(basename "$f")" || true
  done
fi
# FUZZ_BIN=<path of a built target> runs that binary instead of `cargo fuzz run` (which
# rebuilds whenever the generator changed).
if [ -n "${FUZZ_BIN:-}" ]; then
  set -- "$FUZZ_BIN" "corpus/$target"
else
  set -- env RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" --
fi
"$@" \
  -max_len=65536 -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
  -report_slow_units=1 -print_final_stats=1 $extra \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -artifact_prefix="artifacts/$target/"
