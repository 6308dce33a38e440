#!/usr/bin/env bash
# The side-by-side baseline of BENCHMARKS.md: quantulum3 (a Python quantity extractor) on the
# same synthetic corpus as factcheck, in MB/s.
#
#   scripts/quantulum-baseline.sh [CORPUS_DIR_OR_FILE] [MAX_KB]
#
# Creates a throwaway virtualenv under /tmp (needs PyPI), installs quantulum3, and parses the
# input's text (at most MAX_KB kilobytes, default 256: quantulum3 reads news at a few tens of
# KB/s, so the whole 100 MB corpus would take hours; the rate is what is compared). Without an
# argument it writes a 4 MB corpus with the repository's generator first.
set -euo pipefail
cd "$(dirname "$0")/.."
input="${1:-}"
max_kb="${2:-256}"
venv="${QUANTULUM_VENV:-/tmp/factcheck-quantulum-venv}"
if [ -z "$input" ]; then
  input=/tmp/factcheck-quantulum-corpus
  rm -rf "$input"
  cargo run --quiet --release --example gen_corpus -- --mb 4 --files 1300 "$input"
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  # quantulum3 imports pkg_resources, which setuptools 81+ no longer ships.
  "$venv/bin/pip" install --quiet quantulum3 'setuptools<81'
fi
"$venv/bin/python" - "$input" "$max_kb" <<'PY'
import os, sys, time
from quantulum3 import parser

path, max_kb = sys.argv[1], int(sys.argv[2])
files = []
if os.path.isdir(path):
    for root, _, names in os.walk(path):
        files += [os.path.join(root, n) for n in names if n.endswith(".txt")]
else:
    files = [path]
files.sort()
texts, total = [], 0
for f in files:
    t = open(f, encoding="utf-8").read()
    t = t[: max(0, max_kb * 1024 - total)]
    if not t:
        break
    texts.append(t)
    total += len(t.encode("utf-8"))
parser.parse("warm-up: $5 million")  # loads the unit tables; not timed
quantities = 0
start = time.perf_counter()
for t in texts:
    # Paragraph by paragraph, as quantulum3 is meant to be used on prose.
    for para in t.split("\n\n"):
        if para.strip():
            quantities += len(parser.parse(para))
took = time.perf_counter() - start
print(f"quantulum3: {total / 1e6:.3f} MB in {len(texts)} files, {quantities} quantities, "
      f"{took:.1f} s, {total / 1e6 / took:.4f} MB/s")
PY
