#!/usr/bin/env bash
# Runs one AFL++ target for a while: fuzz/run.sh TARGET [SECONDS]   (default 600)
# Needs `cargo install cargo-afl` (stable Rust is enough). Findings land in fuzz/out/TARGET/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: fuzz/run.sh reader|markdown|html|dataset|config|decode [SECONDS]}
seconds=${2:-600}
cd "$here"
[ -d corpus/$target ] || ./seed.sh
cargo afl build --release --bin "$target"
case $target in
  reader) dict=(-x dict/article.dict) ;;
  markdown|html) dict=(-x dict/article.dict -x dict/markup.dict) ;;
  dataset) dict=(-x dict/dataset.dict) ;;
  config) dict=(-x dict/config.dict) ;;
  *) dict=() ;;
esac
# A shared machine: no CPU binding, no governor check; a panic aborts (a crash for AFL++).
export AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
       AFL_NO_UI=1
mkdir -p out
exec nice -n 10 cargo afl fuzz -V "$seconds" -t 2000 "${dict[@]}" \
     -i "corpus/$target" -o "out/$target" "target/release/$target"
