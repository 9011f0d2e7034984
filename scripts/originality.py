#!/usr/bin/env python3
"""Compare the hub's content with its source documents and report borrowed wording.

Usage: scripts/originality.py SEEDS_DIR [CONTENT_DIR]

Reports, per content file:
  * runs of 12 or more identical consecutive words shared with a source (15+ are flagged);
  * sentences of 8 or more words whose words are, in order, at least 85 % one source sentence.

Exits 1 when the hub's limits (issue 14) are broken: any run of 15 or more words, or more than
three 85 % sentences. Titles of cited documents are left aside: the `sources` in hub.yaml, every
`title` in a `resources` list, and titles set in italics in the text (`*Title*`, at most 25
words). So are web addresses, and quotations in typographic quotes (“…”, at most 40 words),
which the text must attribute.

This is an editorial tool, not part of `bash tests/run.sh`: a fresh clone has no seeds.
"""

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

RUN_REPORT = 12
RUN_LIMIT = 15
SENT_RATIO = 0.85
SENT_MIN_WORDS = 8
SENT_LIMIT = 3
QUOTE_MAX_WORDS = 40

WORD = re.compile(r"[a-z0-9£%]+(?:['’][a-z]+)?")
QUOTE = re.compile(r"“([^”]*)”")
ITALIC = re.compile(r"(?<![*\w])\*([^*\n]+)\*(?![*\w])")
TITLE_MAX_WORDS = 25


def words(text):
    return WORD.findall(text.lower().replace("’", "'"))


def sentences(text):
    """Split prose into sentences: at . ! ? followed by space, and at line breaks (list items)."""
    out = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+\.|#+|>)\s*", "", line)
        for s in re.split(r"(?<=[.!?])\s+", line):
            if s.strip():
                out.append(s)
    return out


def strings(node):
    """Every string value in parsed front matter, web addresses aside."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            if k != "url":
                yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def front_matter(path):
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        return yaml.safe_load(raw) or {}
    if raw.startswith("---"):
        return yaml.safe_load(raw.split("---", 2)[1]) or {}
    return {}


def cited_titles(node):
    """Titles of cited documents: every `title` inside a `resources` list, at any depth."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "resources" and isinstance(v, list):
                yield from (r["title"] for r in v if isinstance(r, dict) and "title" in r)
            else:
                yield from cited_titles(v)
    elif isinstance(node, list):
        for v in node:
            yield from cited_titles(v)


def content_text(path):
    """The reader-visible text of a content file: front-matter strings, then the body."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix in (".yaml", ".yml"):
        return "\n".join(strings(yaml.safe_load(raw)))
    if raw.startswith("---"):
        _, fm, body = raw.split("---", 2)
        meta = yaml.safe_load(fm) or {}
        return "\n".join(list(strings(meta)) + [body])
    return raw


def strip_markup(text):
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not prose
    text = re.sub(r"<?https?://\S+", " ¶ ", text)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text)
    return text


def exempt_spans(text, titles):
    """Replace titles of cited documents and short quotations by a marker the runs cannot cross."""
    def quote(m):
        return " ¶ " if len(words(m.group(1))) <= QUOTE_MAX_WORDS else m.group(0)

    text = QUOTE.sub(quote, text)
    text = ITALIC.sub(lambda m: " ¶ " if len(words(m.group(1))) <= TITLE_MAX_WORDS else m.group(0), text)
    low = text.lower()
    for t in sorted(titles, key=len, reverse=True):
        tw = words(t)
        if len(tw) < 4:
            continue
        pattern = r"[^a-z0-9£%]+".join(re.escape(w) for w in tw)
        low = re.sub(pattern, " ¶ ", low)
    return low


def ngrams(ws, n):
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def runs(cw, grams, n=RUN_REPORT):
    """Maximal stretches of `cw` whose every n-word window occurs in the source."""
    hits = [tuple(cw[i : i + n]) in grams for i in range(len(cw) - n + 1)]
    out, i = [], 0
    while i < len(hits):
        if hits[i]:
            j = i
            while j + 1 < len(hits) and hits[j + 1]:
                j += 1
            out.append((i, j + n))
            i = j + 1
        else:
            i += 1
    return out


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def tokens_with_breaks(text):
    """Words, with '¶' markers kept as breaks so no run spans an exempt passage."""
    out = []
    for part in re.split(r"¶", text):
        out.extend(words(part))
        out.append("¶")
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    seeds = Path(sys.argv[1])
    content = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).parent.parent / "content"
    hub = yaml.safe_load((content / "hub.yaml").read_text(encoding="utf-8"))
    titles = [s["title"] for s in hub.get("sources", [])]
    files = sorted(
        p for p in content.rglob("*") if p.is_file() and p.suffix in (".md", ".yaml", ".yml")
    )
    for p in files:
        titles.extend(cited_titles(front_matter(p)))

    src = {}
    for p in sorted(seeds.glob("*.txt")):
        t = p.read_text(encoding="utf-8")
        src[p.name] = (ngrams(words(t), RUN_REPORT), [words(s) for s in sentences(t)])
    index = defaultdict(set)
    for name, (_, sents) in src.items():
        for k, sw in enumerate(sents):
            for w in set(sw):
                index[w].add((name, k))

    n12 = n15 = 0
    per_source = Counter()
    close = []
    for path in files:
        rel = path.relative_to(content)
        text = exempt_spans(strip_markup(content_text(path)), titles)
        cw = tokens_with_breaks(text)
        for name, (grams, _) in src.items():
            for a, b in runs(cw, grams):
                n = b - a
                n12 += 1
                n15 += n >= RUN_LIMIT
                per_source[name] += 1
                flag = "RUN15" if n >= RUN_LIMIT else "run12"
                print(f"{flag} {rel} ~ {name} ({n} words): {' '.join(cw[a:b])}")
        for s in sentences(text):
            sw = [w for w in words(s)]
            if len(sw) < SENT_MIN_WORDS:
                continue
            need = SENT_RATIO * len(sw)
            hits = Counter()
            for w in set(sw):
                hits.update(index.get(w, ()))
            best = (0.0, None)
            for (name, k), c in hits.items():
                if c < need * len(set(sw)) / len(sw):
                    continue
                r = lcs(sw, src[name][1][k]) / len(sw)
                if r > best[0]:
                    best = (r, (name, k))
            if best[0] >= SENT_RATIO:
                name, k = best[1]
                close.append((rel, name, best[0], " ".join(sw)))
    for rel, name, r, s in close:
        print(f"SENT85 {rel} ~ {name} ({r:.0%}): {s}")
    print()
    print(f"runs of {RUN_REPORT}+ words: {n12}; of {RUN_LIMIT}+ words: {n15}")
    for name, c in sorted(per_source.items()):
        print(f"  {name}: {c} runs of {RUN_REPORT}+")
    print(f"sentences >= {SENT_RATIO:.0%} one source sentence: {len(close)}")
    ok = n15 == 0 and len(close) <= SENT_LIMIT
    print("within limits" if ok else f"LIMITS BROKEN (no run of {RUN_LIMIT}+, at most {SENT_LIMIT} such sentences)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
