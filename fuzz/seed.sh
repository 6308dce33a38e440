#!/usr/bin/env bash
# Builds fuzz/corpus/<target>/ from the repository's fixtures (the corpus is generated, not
# committed). Usage: fuzz/seed.sh   (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus=$here/corpus
rm -rf "$corpus"
mkdir -p "$corpus"/{reader,markdown,html,dataset,config,decode}
fx=$root/fixtures

cp "$fx"/articles/*.txt "$fx"/claims/*.txt "$fx"/drafts/notes.txt "$corpus/reader/"
cp "$fx"/drafts/markdown/*.md "$fx"/drafts/archive/*.md "$corpus/markdown/"
cp "$fx"/articles/deepseek.txt "$corpus/markdown/deepseek.md"
cp "$fx"/drafts/html/*.htm* "$fx"/net/article.html "$corpus/html/"

# Datasets: the invalid ones, the small valid ones, and the first figures of the built-in one
# (the whole of it is past the targets' 64 KiB input cut).
cp "$fx"/datasets/invalid/*.json "$corpus/dataset/"
cp "$fx"/drafts/dataset.json "$corpus/dataset/drafts.json"
cp "$fx"/net/figures.json "$corpus/dataset/net.json"
python3 - "$fx/datasets/ai-industry.json" "$corpus/dataset" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for n in (1, 4):
    small = dict(d, figures=d["figures"][:n])
    json.dump(small, open(f"{sys.argv[2]}/builtin-{n}.json", "w"), indent=2, ensure_ascii=False)
PY

cp "$fx"/drafts/factcheck.toml "$corpus/config/drafts.toml"
printf 'datasets = ["data/a.json", "https://x.org/b.json"]\nno_default_dataset = true\nfail_on = "unverified"\nformat = "sarif"\nignore = ["archive/", "*.draft.md", "!keep.md"]\n' > "$corpus/config/full.toml"
printf 'format = "json"\n  fail-on = "never"\n' > "$corpus/config/unknown-key.toml"
printf 'ignore = ["ok", "a{b"]\n' > "$corpus/config/bad-glob.toml"

printf 'It cost $5.6 million.\n' > "$corpus/decode/utf8.txt"
printf '\xef\xbb\xbfIt cost $5.6 million.\r\n' > "$corpus/decode/bom.txt"
printf '\xff\xfeI\x00t\x00 \x005\x00%%\x00' > "$corpus/decode/utf16le.txt"
printf '\xfe\xff\x00I\x00t\x00 \x005\x00%%' > "$corpus/decode/utf16be.txt"
printf 'caf\xe9 5%%\n' > "$corpus/decode/latin1.txt"
printf 'a\x00b' > "$corpus/decode/nul.bin"
echo "seeded: $(find "$corpus" -type f | wc -l) files in $corpus"
