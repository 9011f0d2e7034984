#!/usr/bin/env bash
# Remakes the seed corpora from the fixture hub and a few real content files. Run from the
# repository root: bash fuzz/seeds/make.sh
#
# item: the first byte picks the file of ithub::fuzzing::ITEM_FILES the rest replaces, so each
# file is seeded into the slot of its own kind (the indices below follow that list).
# query: one request per file, its text on the first line, then facet=value and limit=N lines.
set -euo pipefail

item=fuzz/seeds/item
query=fuzz/seeds/query
rm -rf "$item" "$query"
mkdir -p "$item" "$query"

slot() {
  case "$1" in
    */case-studies/*) echo 0 ;;
    */pages/*) echo 1 ;;
    */zones/*) echo 2 ;;
    */induction/*/index.md) echo 3 ;;
    */induction/*) echo 4 ;;
    */baskets/*) echo 5 ;;
    */roadmaps/*) echo 6 ;;
  esac
}

seed() { # FILE [SLOT]
  local s=${2:-$(slot "$1")} name
  name=$(echo "$1" | tr '/' '_')
  { printf "\\x$(printf %02x "$s")"; cat "$1"; } > "$item/$s-$name"
}

for f in tests/fixtures/hub/*/*.md tests/fixtures/hub/induction/*/*.md; do seed "$f"; done
# A new case study as well as an edited one.
seed tests/fixtures/hub/case-studies/beta.md 7
# Real content of most kinds (against the fixture's vocabularies, so some keys are unknown); not
# the 20 kB roadmap, which would raise the longest input libFuzzer tries to its size.
for f in content/case-studies/west-lothian-mission-statement.md content/pages/privacy.md \
  content/zones/leadership.md content/induction/pql/index.md content/induction/pql/05-data.md \
  content/baskets/wales-2019-20.md; do
  seed "$f"
done

n=0
while IFS= read -r q; do
  n=$((n + 1))
  printf '%b' "$q" > "$query/$n"
done <<'QUERIES'
diabetes
diabetes review 
presc
frail
d
Alpha cluster
reviews\nboard=lothian
dia\nzone=data\nlimit=1
quality improvement\nkind=case-study
data\ntopic=diabetes\ncomponent=data\nlimit=100
"reviews" AND -frailty +care
café naïve ÆØÅ 糖尿病
"protected time" cql
"open phrase
diabtes shetlnd 
frialty\nverbatim=1
ooh out of hours
"" "a" "b c
QUERIES
