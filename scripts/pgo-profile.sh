#!/usr/bin/env bash
# Regenerates .cargo/factcheck.profdata, the profile `.cargo/config.toml` builds with
# (`-Cprofile-use`): an instrumented build checks a training set, and llvm-profdata merges what
# it counted. Run it after changing hot code (a stale profile still builds; functions whose
# code changed lose their profile and are optimised as without one).
#
# The training set is not the benchmark corpus: a seeded synthetic corpus of another seed
# (news-like text with every hedge and unit, see examples/gen_corpus.rs), every fixture in
# every report format, the claims listing, and a corpus against a 100,000-figure dataset.
#
# Needs an llvm-profdata that reads the raw profiles of rustc's LLVM (`rustc -vV`): LLVM 19
# or later (Debian: `apt-get install llvm-19`). Set LLVM_PROFDATA to choose one.
set -euo pipefail
cd "$(dirname "$0")/.."

profdata=${LLVM_PROFDATA:-}
if [ -z "$profdata" ]; then
  for candidate in llvm-profdata-22 llvm-profdata-21 llvm-profdata-20 llvm-profdata-19 \
    /usr/lib/llvm-22/bin/llvm-profdata /usr/lib/llvm-21/bin/llvm-profdata \
    /usr/lib/llvm-20/bin/llvm-profdata /usr/lib/llvm-19/bin/llvm-profdata; do
    if command -v "$candidate" >/dev/null 2>&1; then profdata=$candidate; break; fi
  done
fi
if [ -z "$profdata" ]; then
  echo "pgo-profile.sh: no llvm-profdata 19 or later found; set LLVM_PROFDATA" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target=${PGO_TARGET_DIR:-target/pgo-generate}

# The generator, built as usual. It is an example, so it brings in the dev-dependencies, whose
# features would change the dependencies' code under the instrumented build: built apart.
cargo build --release --locked --example gen_corpus
gen=target/release/examples/gen_corpus
"$gen" --seed 7 --mb 8 --files 80 "$work/corpus" 2>/dev/null
"$gen" --seed 7 --dataset 100000 "$work/figures.json" 2>/dev/null
"$gen" --seed 8 --mb 1 --files 10 --about "$work/figures.json" "$work/about" 2>/dev/null

# The instrumented build: RUSTFLAGS and no wrapper, so no profile is used while counting.
RUSTC_WRAPPER= RUSTFLAGS="-Cprofile-generate=$work/raw" CARGO_TARGET_DIR="$target" \
  cargo build --release --locked --bin factcheck
bin="$target/release/factcheck"

# Each run: exit 0, 1 (contradicted claims) or 2 (the fixtures hold bad inputs on purpose) is
# a run that counted; anything else (a panic's 101, a signal) stops the script rather than
# leave a profile of half a run.
counted() {
  local code=0
  "$@" >/dev/null 2>&1 || code=$?
  if [ "$code" -gt 2 ]; then
    echo "pgo-profile.sh: exit $code from: $*" >&2
    exit 2
  fi
}
export LLVM_PROFILE_FILE="$work/raw/factcheck-%p-%m.profraw"
counted "$bin" --format jsonl --threads 1 "$work/corpus"
counted "$bin" --format jsonl --threads 2 "$work/corpus"
counted "$bin" claims --format jsonl --threads 1 "$work/corpus"
counted "$bin" --format jsonl --threads 1 -d "$work/figures.json" "$work/about"
for format in human json sarif github jsonl; do
  counted "$bin" --format "$format" fixtures/
done
counted "$bin" fixtures/articles/deepseek.txt

"$profdata" merge --sparse -o .cargo/factcheck.profdata "$work"/raw/*.profraw
ls -l .cargo/factcheck.profdata
# Cargo rebuilds when the profile changes (rustc lists it in its dep-info), but not when it
# first appears.
cargo clean --release -p factcheck
