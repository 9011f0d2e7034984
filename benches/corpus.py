#!/usr/bin/env python3
"""Deterministic benchmark corpus for ithub (and the same corpus as a Hugo site).

    python3 benches/corpus.py --n 10000 --out DIR --seed 1 [--hugo]

writes DIR/content/, an ithub hub: the shipped hub.yaml, the six zones and the
site pages, plus N generated case studies (content/case-studies/cs-00001.md ...),
each with realistic front matter (per docs/content-format.md) and a 600-1,500
word body with headings, lists, a table, links to other case studies and to the
zones, and now and then a fenced code block.

With --hugo it also writes DIR/hugo/: the same N case studies as a Hugo site with
taxonomies board, zone, component and topic, pagination of 20, and minimal
layouts that do the same work as ithub's theme (single page with fields, body,
outcomes and related case studies; paginated list, taxonomy and term pages; a
home page with the newest six).

Python 3.11, standard library only. The same --seed and --n give the same bytes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ZONES = ["data", "quality-improvement", "leadership", "facilitation",
         "evidence-evaluation", "case-studies"]
ZONE_NAMES = {
    "data": "Data", "quality-improvement": "Quality Improvement",
    "leadership": "Leadership", "facilitation": "Facilitation",
    "evidence-evaluation": "Evidence and Evaluation", "case-studies": "Case studies",
}
# Headings every generated case study has, so links with anchors always resolve.
H_DID, H_HAPPENED, H_LEARNED, H_QUESTIONS = (
    "What they did", "What happened", "What they learned", "Questions for your cluster")


# --------------------------------------------------------------------------
# hub.yaml: a tiny reader for the vocabularies (stdlib has no YAML parser).
# It understands exactly the shape docs/content-format.md gives for hub.yaml:
# top-level `name:` sections holding lists of `- key: ...` mappings.
# --------------------------------------------------------------------------
def read_vocab(hub_yaml: Path) -> dict[str, list[dict[str, str]]]:
    vocab: dict[str, list[dict[str, str]]] = {}
    section = None
    item: dict[str, str] | None = None
    for raw in hub_yaml.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            section = None
            item = None
            m = re.match(r"^([a-z_]+):\s*$", line)
            if m:
                section = m.group(1)
                vocab[section] = []
            continue
        if section is None:
            continue
        m = re.match(r"^\s*-\s+([a-z_]+):\s*(.*)$", line)
        if m:
            item = {m.group(1): unquote(m.group(2))}
            vocab[section].append(item)
            continue
        m = re.match(r"^\s+([a-z_]+):\s*(.*)$", line)
        if m and item is not None:
            item[m.group(1)] = unquote(m.group(2))
    for need in ("boards", "hscps", "components", "topics"):
        if not vocab.get(need):
            sys.exit(f"corpus.py: no `{need}` vocabulary found in {hub_yaml}")
    return vocab


def unquote(v: str) -> str:
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def yq(s: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------
# Words about primary care and quality improvement.
# --------------------------------------------------------------------------
SUBJECTS = [
    "the cluster", "the practices", "the cluster quality lead", "each practice quality lead",
    "the practice managers", "the wider practice team", "the LIST analyst", "the HSCP lead",
    "the community pharmacist", "the advanced nurse practitioner", "the practice nurses",
    "the cluster group", "the improvement team", "the locality manager", "the GP partners",
    "the pharmacotherapy team", "the receptionists", "the care navigators",
    "the mental health nurse", "the physiotherapist", "the district nursing team",
    "the link worker", "the board's QI adviser", "the cluster administrator",
]
VERBS = [
    "agreed", "tested", "reviewed", "mapped", "measured", "shared", "compared", "piloted",
    "discussed", "redesigned", "audited", "introduced", "simplified", "supported", "planned",
    "tracked", "standardised", "explored", "documented", "prioritised", "co-designed",
    "spread", "refined", "challenged", "collected", "presented", "analysed", "streamlined",
]
OBJECTS = [
    "a shared search for high-risk medicines", "the referral pathway", "a run chart of weekly demand",
    "the repeat prescribing process", "a plan-do-study-act cycle", "the anticipatory care plans",
    "the frailty register", "a practice-level dashboard", "the cluster improvement plan",
    "a patient questionnaire", "the call-handling script", "the process map",
    "the monitoring of lithium and methotrexate", "the care home ward rounds",
    "the antibiotic prescribing data", "a driver diagram", "the appointment mix",
    "the measurement plan", "the terms of reference", "a learning event",
    "the discharge letters", "the workflow for test results", "the house-bound review list",
    "the asthma review template", "the diabetic foot checks", "the atrial fibrillation register",
    "the palliative care register", "the unscheduled care figures", "the prescribing indicators",
    "a short survey of staff", "the cluster profile dataset", "the out-of-hours handover notes",
    "the polypharmacy reviews", "the pain clinic referral criteria", "the long-term conditions recall",
]
CLAUSES = [
    "over six months", "with support from the HSCP", "using SPIRE searches",
    "at the monthly cluster meeting", "across all the practices", "during protected learning time",
    "before the winter period", "with the local pharmacy team", "as part of the cluster plan",
    "with help from the LIST analyst", "in two test practices first", "after a significant event review",
    "alongside patients and carers", "using the model for improvement", "with the community team",
    "through a series of short tests of change", "within existing resources", "over three cycles",
    "in partnership with secondary care", "with the board's quality improvement team",
]
FINDINGS = [
    "the rate of", "the number of", "the proportion of", "the time taken for",
    "the variation in", "the backlog of", "the waiting time for", "the uptake of",
]
MEASURES = [
    "unplanned admissions", "high-risk prescriptions without monitoring", "repeat prescriptions",
    "antibiotic items per 1,000 patients", "referrals to out-patient clinics", "anticipatory care plans",
    "care home visits", "medication reviews completed", "patients coded as frail",
    "urgent appointments", "A&E attendances", "home visits", "emergency admissions",
    "patients with an up-to-date asthma plan", "patients on four or more medicines",
    "test results filed within two days", "missed appointments", "annual diabetes reviews",
]
ADJECTIVES = [
    "clear", "simple", "shared", "practical", "reliable", "timely", "consistent", "useful",
    "local", "small", "visible", "realistic", "sustainable", "measurable", "protected",
]
LEARNINGS = [
    "small tests of change built confidence faster than a single big launch",
    "protected time mattered more than extra funding",
    "data was only useful once someone helped to interpret it",
    "involving receptionists early made the new process stick",
    "a named contact in the HSCP removed many delays",
    "sharing results between practices created healthy challenge",
    "the first measure chosen was too hard to collect every week",
    "patients valued a clear explanation more than speed",
    "a short written plan kept the cluster focused",
    "agreeing what not to do freed time for the priority",
    "run charts showed change sooner than quarterly reports",
    "peer support between quality leads kept momentum going",
    "starting in one practice made spreading easier",
    "the wider team had ideas the GPs had not considered",
]
QUESTIONS = [
    "Which data would tell your cluster whether this change is an improvement?",
    "Who in your wider team could lead a first test of change?",
    "How does your cluster share learning between practices?",
    "What support does your HSCP offer for this kind of work?",
    "How would you know if the change had unintended effects?",
    "Which patients would notice the difference first?",
    "How could you keep the change going when people move on?",
    "What would a realistic first measure be for your cluster?",
]
LOCALITIES = [
    "North", "South", "East", "West", "Central", "North West", "South East", "Coastal",
    "Rural", "City", "Valley", "Island", "Highland", "Lowland", "Riverside", "Harbour",
]
OWNERS = [
    "Healthcare Improvement Scotland", "Improving Together hub team",
    "Board primary care team", "HSCP primary care improvement team",
    "Cluster quality lead network",
]
TITLE_VERBS = [
    "reduce", "improve", "review", "share", "measure", "redesign", "test", "simplify",
    "streamline", "rethink", "map", "strengthen",
]
TITLE_OBJECTS = [
    "high-risk prescribing", "care home visits", "repeat prescribing", "antibiotic use",
    "referral pathways", "anticipatory care planning", "frailty identification",
    "asthma reviews", "diabetes recall", "test result handling", "unscheduled care",
    "polypharmacy reviews", "palliative care registers", "urgent appointment demand",
    "cluster data use", "practice learning events", "medicines monitoring",
    "chronic pain prescribing", "access for refugees and asylum seekers", "atrial fibrillation care",
]
UNITS = ["patients", "items", "visits", "referrals", "reviews", "admissions", "appointments", "%"]
CODE_BLOCKS = [
    ("text", "Search: patients on methotrexate\n  AND no FBC in the last 12 weeks\n  AND not coded as deceased\nRun: monthly, first Monday"),
    ("sql", "SELECT practice, COUNT(*) AS due\nFROM reviews\nWHERE due_date < CURRENT_DATE\nGROUP BY practice\nORDER BY due DESC;"),
    ("python", "import csv\n\nwith open('weekly.csv') as f:\n    rows = list(csv.DictReader(f))\nmedian = sorted(int(r['count']) for r in rows)[len(rows) // 2]\nprint('median per week:', median)"),
    ("yaml", "measure: unplanned admissions\nfrequency: weekly\nsource: practice system\nowner: practice manager"),
    ("", "Week  Practice A  Practice B  Practice C\n1     12          9           15\n2     11          10          13\n3     9           8           12"),
]


class Gen:
    def __init__(self, n: int, seed: int, vocab: dict):
        self.n = n
        self.rng = random.Random(seed)
        self.vocab = vocab
        self.width = max(5, len(str(n)))
        self.boards = [b["key"] for b in vocab["boards"]]
        self.board_name = {b["key"]: b.get("name", b["key"]) for b in vocab["boards"]}
        self.hscps_of: dict[str, list[dict]] = {b: [] for b in self.boards}
        for h in vocab["hscps"]:
            if h.get("board") in self.hscps_of:
                self.hscps_of[h["board"]].append(h)
        self.components = [c["key"] for c in vocab["components"]]
        self.topics = [t["key"] for t in vocab["topics"]]
        self.topic_name = {t["key"]: t.get("name", t["key"]) for t in vocab["topics"]}
        self.sources = [s["key"] for s in vocab.get("sources", [])]

    def slug(self, i: int) -> str:
        return f"cs-{i:0{self.width}d}"

    # ---- text ------------------------------------------------------------
    def sentence(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.45:
            s = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(CLAUSES)}"
        elif k < 0.7:
            s = (f"{r.choice(FINDINGS)} {r.choice(MEASURES)} went from {r.randint(20, 90)} "
                 f"to {r.randint(5, 60)} {r.choice(CLAUSES)}")
        elif k < 0.85:
            a1, a2 = r.sample(ADJECTIVES, 2)
            s = (f"a {a1} and {a2} approach meant "
                 f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}")
        else:
            s = f"{r.choice(SUBJECTS)} found that {r.choice(LEARNINGS)}"
        return s[0].upper() + s[1:] + "."

    def paragraph(self, lo: int = 3, hi: int = 6) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def bullets(self, lo: int = 3, hi: int = 6, ordered: bool = False) -> str:
        r = self.rng
        items = []
        for j in range(r.randint(lo, hi)):
            t = f"{r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(CLAUSES)}"
            items.append(f"{j + 1}. {t}" if ordered else f"- {t}")
        return "\n".join(items)

    def table(self) -> str:
        r = self.rng
        rows = ["| Practice | Before | After | Change |", "| --- | ---: | ---: | ---: |"]
        for p in range(r.randint(3, 6)):
            b = r.randint(20, 120)
            a = max(0, b - r.randint(-10, 40))
            rows.append(f"| Practice {chr(65 + p)} | {b} | {a} | {a - b:+d} |")
        return "\n".join(rows)

    def link_case(self, i: int, anchor: bool) -> str:
        j = self.rng.randint(1, self.n)
        if j == i:
            j = i % self.n + 1
        if j == i:  # n == 1
            return f"[{self.rng.choice(TITLE_OBJECTS)}](../zones/case-studies.md)"
        frag = f"#{slugify(H_LEARNED)}" if anchor else ""
        text = "what they learned" if anchor else f"a related case study on {self.rng.choice(TITLE_OBJECTS)}"
        return f"[{text}]({self.slug(j)}.md{frag})"

    def link_zone(self) -> str:
        z = self.rng.choice(ZONES)
        return f"the [{ZONE_NAMES[z]} zone](../zones/{z}.md)"

    def linked_paragraph(self, i: int) -> str:
        r = self.rng
        return (f"{self.paragraph(2, 4)} See {self.link_case(i, r.random() < 0.3)} and "
                f"{self.link_zone()} for more. {self.paragraph(1, 3)} A similar approach is "
                f"described in {self.link_case(i, False)}.")

    def body(self, i: int) -> str:
        """600-1,500 words: ## and ### headings in order, lists, a table, links, code."""
        r = self.rng
        target = r.randint(MIN_WORDS, MAX_WORDS)
        code_at = r.randrange(3) if r.random() < 0.15 else -1
        parts: list[str] = []

        def words(ps: list[str]) -> int:
            # Words a reader reads: tokens with a letter (not table rules, numbers, bullets).
            return sum(1 for p in ps for w in p.split() if WORD_RE.search(w))

        parts += [f"## {H_DID}", self.paragraph(), self.bullets()]
        parts += ["### How they started", self.paragraph()]
        if code_at == 0:
            parts += self.code()
        parts += [f"## {H_HAPPENED}", self.paragraph(), self.table(), self.paragraph(2, 4)]
        if code_at == 1:
            parts += self.code()
        parts += [f"## {H_LEARNED}", self.linked_paragraph(i), self.bullets(2, 4, ordered=True)]
        if code_at == 2:
            parts += self.code()
        questions = [f"## {H_QUESTIONS}",
                     "\n".join(f"- {q}" for q in r.sample(QUESTIONS, r.randint(2, 4)))]
        # Fill to the target length with further ### subsections under "What they learned",
        # never past MAX_WORDS.
        have = words(parts) + words(questions)
        k = 0
        while have < target:
            k += 1
            h = LEARN_HEADINGS[(k - 1) % len(LEARN_HEADINGS)]
            if k > len(LEARN_HEADINGS):
                h += f", part {(k - 1) // len(LEARN_HEADINGS) + 1}"
            chunk = [f"### {h}", self.paragraph(2, 5)]
            if k % 3 == 0:
                chunk.append(self.bullets(2, 4))
            if k % 4 == 0:
                chunk.append(self.linked_paragraph(i))
            n = words(chunk)
            if have + n > MAX_WORDS:
                break
            parts += chunk
            have += n
        parts += questions
        return "\n\n".join(parts) + "\n"

    def code(self) -> list[str]:
        lang, src = self.rng.choice(CODE_BLOCKS)
        return ["The search they used looked like this:", f"```{lang}\n{src}\n```"]

    # ---- one case study --------------------------------------------------
    def case_study(self, i: int) -> dict:
        r = self.rng
        board = r.choice(self.boards)
        hscps = self.hscps_of[board]
        hscp = r.choice(hscps) if hscps and r.random() < 0.85 else None
        place = (hscp["name"].replace(" Health and Social Care Partnership", "") if hscp
                 else self.board_name[board].replace("NHS ", ""))
        cluster = f"{place} {r.choice(LOCALITIES)} cluster"
        topic_obj = r.choice(TITLE_OBJECTS)
        title = f"{cluster} {r.choice(['works to', 'sets out to', 'finds ways to'])} {r.choice(TITLE_VERBS)} {topic_obj}"
        summary = (f"{cluster} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(CLAUSES)}. "
                   f"{self.sentence()}")
        if len(summary) > 300:
            summary = summary[:296].rsplit(" ", 1)[0] + "."
        zones = ["case-studies"] + sorted(r.sample(ZONES[:5], r.randint(0, 2)),
                                          key=ZONES.index)
        comps = sorted(r.sample(self.components, r.randint(1, 3)), key=self.components.index)
        topics = sorted(r.sample(self.topics, r.randint(0, 3)), key=self.topics.index)
        start = dt.date(2017, 1, 1).toordinal()
        end = dt.date(2026, 12, 31).toordinal()
        published = dt.date.fromordinal(r.randint(start, end))
        updated = (dt.date.fromordinal(published.toordinal() + r.randint(30, 700))
                   if r.random() < 0.3 else None)
        review_by = (published.replace(year=published.year + r.choice([3, 5]), day=1)
                     if r.random() < 0.8 else None)
        owner = r.choice(OWNERS) if r.random() < 0.7 else None
        outcomes = []
        if r.random() < 0.35:
            for _ in range(r.randint(1, 3)):
                before = r.randint(10, 200)
                outcomes.append({
                    "measure": r.choice(MEASURES).capitalize(),
                    "before": before,
                    "after": max(0, before - r.randint(-10, before // 2 + 1)),
                    "unit": r.choice(UNITS),
                    "period": f"{published.year - 1}-{str(published.year)[2:]}",
                })
        sources = (sorted(r.sample(self.sources, r.randint(1, min(2, len(self.sources)))),
                          key=self.sources.index) if self.sources else [])
        body = self.body(i)
        return dict(slug=self.slug(i), title=title, summary=summary, cluster=cluster,
                    board=board, hscp=hscp["key"] if hscp else None, zones=zones,
                    components=comps, topics=topics, published=published, updated=updated,
                    review_by=review_by, owner=owner, outcomes=outcomes, sources=sources,
                    body=body)


MIN_WORDS, MAX_WORDS = 600, 1500
WORD_RE = re.compile(r"[A-Za-z]")
LEARN_HEADINGS = ["Keeping it going", "Working with the wider team", "Using the data",
                  "What patients said", "Spreading the change", "What they would do differently",
                  "Support that helped", "Time and resources", "Involving patients",
                  "Measuring the change", "Governance and reporting", "Links with the HSCP",
                  "Training and coaching", "Next steps"]


def slugify(text: str) -> str:
    """Heading ids as docs/content-format.md describes them."""
    t = re.sub(r"[^\w\s-]", "", text.lower())
    return re.sub(r"\s+", "-", t.strip())


def ithub_file(cs: dict) -> str:
    fm = [
        "---",
        f"title: {yq(cs['title'])}",
        f"summary: {yq(cs['summary'])}",
        f"cluster: {yq(cs['cluster'])}",
        f"board: {cs['board']}",
    ]
    if cs["hscp"]:
        fm.append(f"hscp: {cs['hscp']}")
    fm += [
        f"zones: [{', '.join(cs['zones'])}]",
        f"components: [{', '.join(cs['components'])}]",
    ]
    if cs["topics"]:
        fm.append(f"topics: [{', '.join(cs['topics'])}]")
    fm.append(f"published: {cs['published'].isoformat()}")
    if cs["updated"]:
        fm.append(f"updated: {cs['updated'].isoformat()}")
    if cs["review_by"]:
        fm.append(f"review_by: {cs['review_by'].isoformat()}")
    if cs["owner"]:
        fm.append(f"owner: {yq(cs['owner'])}")
    if cs["outcomes"]:
        fm.append("outcomes:")
        for o in cs["outcomes"]:
            fm += [f"  - measure: {yq(o['measure'])}", f"    before: {o['before']}",
                   f"    after: {o['after']}", f"    unit: {yq(o['unit'])}",
                   f"    period: {yq(o['period'])}"]
    if cs["sources"]:
        fm.append(f"sources: [{', '.join(cs['sources'])}]")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + cs["body"]


# --------------------------------------------------------------------------
# Copying the shipped zones and pages, dropping links to content the corpus
# leaves out (induction packs, baskets, roadmaps, the real case studies).
# --------------------------------------------------------------------------
LINK_RE = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")


def copy_doc(src: Path, dst: Path, content_src: Path, content_dst_rels: set[str]) -> None:
    text = src.read_text(encoding="utf-8")
    rel_dir = src.parent.relative_to(content_src)

    def fix(m: re.Match) -> str:
        bang, label, target = m.groups()
        if bang or re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("#", "/")):
            return m.group(0)
        path = target.split("#", 1)[0]
        if not path.endswith(".md"):
            return m.group(0)
        resolved = os.path.normpath(os.path.join(str(rel_dir), path)).replace(os.sep, "/")
        return m.group(0) if resolved in content_dst_rels else label

    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(LINK_RE.sub(fix, text), encoding="utf-8")


def write_ithub(out: Path, content_src: Path, gen: Gen, studies) -> None:
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "case-studies").mkdir(parents=True)
    shutil.copyfile(content_src / "hub.yaml", content / "hub.yaml")
    copied = [content_src / "zones" / f"{z}.md" for z in ZONES]
    copied += sorted((content_src / "pages").glob("*.md"))
    rels = {str(p.relative_to(content_src)).replace(os.sep, "/") for p in copied}
    for p in copied:
        copy_doc(p, content / p.relative_to(content_src), content_src, rels)
    if (content_src / "static").is_dir():
        shutil.copytree(content_src / "static", content / "static")
    for cs in studies:
        (content / "case-studies" / f"{cs['slug']}.md").write_text(ithub_file(cs), encoding="utf-8")


# --------------------------------------------------------------------------
# Hugo
# --------------------------------------------------------------------------
def hugo_version() -> tuple[int, int] | None:
    try:
        out = subprocess.run(["hugo", "version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"v(\d+)\.(\d+)", out)
    return (int(m.group(1)), int(m.group(2))) if m else None


def hugo_body(body: str) -> str:
    """ithub's relative .md links become the plain URLs Hugo publishes them at."""
    def fix(m: re.Match) -> str:
        bang, label, target = m.groups()
        path, _, frag = target.partition("#")
        frag = f"#{frag}" if frag else ""
        if path.startswith("../zones/") and path.endswith(".md"):
            # Hugo's equivalent of a zone page is the zone's term page.
            return f"{bang}[{label}](/zone/{path[len('../zones/'):-3]}/{frag})"
        if re.fullmatch(r"cs-\d+\.md", path):
            return f"{bang}[{label}](/case-studies/{path[:-3]}/{frag})"
        return m.group(0)
    return LINK_RE.sub(fix, body)


def hugo_file(cs: dict) -> str:
    fm = [
        "---",
        f"title: {yq(cs['title'])}",
        f"description: {yq(cs['summary'])}",
        f"date: {cs['published'].isoformat()}",
        f"slug: {cs['slug']}",
        f"cluster: {yq(cs['cluster'])}",
    ]
    if cs["hscp"]:
        fm.append(f"hscp: {cs['hscp']}")
    fm.append(f"board: [{cs['board']}]")
    fm.append(f"zone: [{', '.join(cs['zones'])}]")
    fm.append(f"component: [{', '.join(cs['components'])}]")
    if cs["topics"]:
        fm.append(f"topic: [{', '.join(cs['topics'])}]")
    if cs["updated"]:
        fm.append(f"lastmod: {cs['updated'].isoformat()}")
    if cs["review_by"]:
        fm.append(f"review_by: {cs['review_by'].isoformat()}")
    if cs["owner"]:
        fm.append(f"owner: {yq(cs['owner'])}")
    if cs["outcomes"]:
        fm.append("outcomes:")
        for o in cs["outcomes"]:
            fm += [f"  - measure: {yq(o['measure'])}", f"    before: {o['before']}",
                   f"    after: {o['after']}", f"    unit: {yq(o['unit'])}",
                   f"    period: {yq(o['period'])}"]
    if cs["sources"]:
        fm.append(f"sources: [{', '.join(cs['sources'])}]")
    fm.append("---")
    return "\n".join(fm) + "\n\n" + hugo_body(cs["body"])


HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main"><ul>
{{ range $k, $v := site.Data.vocab.zones }}<li><a href="{{ printf "zone/%s/" $k | relURL }}">{{ $v }}</a></li>{{ end }}
<li><a href="{{ "/case-studies/" | relURL }}">Case studies</a></li>
</ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",
    "partials/card.html": """<li class="card"><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p>{{ .Description }}</p>
<p class="meta">{{ .Params.cluster }} · {{ range .Params.board }}{{ index site.Data.vocab.boards . }}{{ end }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p></li>
""",
    "partials/tags.html": """{{ $tax := .tax }}{{ $names := .names }}<ul class="tags">{{ range .list }}<li><a href="{{ printf "%s/%s/" $tax (urlize .) | relURL }}" data-pagefind-filter="{{ $tax }}">{{ index $names . }}</a></li>{{ end }}</ul>""",
    "partials/pager.html": """{{ $p := .Paginator }}{{ if gt $p.TotalPages 1 }}<nav class="pagination" aria-label="Pages"><ul>
{{ if $p.HasPrev }}<li><a href="{{ $p.Prev.URL }}" rel="prev">Previous</a></li>{{ end }}
{{ range $p.Pagers }}<li><a href="{{ .URL }}"{{ if eq . $p }} aria-current="page"{{ end }}>{{ .PageNumber }}</a></li>{{ end }}
{{ if $p.HasNext }}<li><a href="{{ $p.Next.URL }}" rel="next">Next</a></li>{{ end }}
</ul></nav>{{ end }}""",
    "_default/single.html": """{{ define "main" }}
<article class="case-study" data-pagefind-body>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<dl class="facts">
<dt>Cluster</dt><dd>{{ .Params.cluster }}</dd>
<dt>Board</dt><dd>{{ partial "tags.html" (dict "tax" "board" "list" .Params.board "names" site.Data.vocab.boards) }}</dd>
{{ with .Params.hscp }}<dt>Partnership</dt><dd>{{ index site.Data.vocab.hscps . }}</dd>{{ end }}
<dt>Published</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time></dd>
<dt>Zones</dt><dd>{{ partial "tags.html" (dict "tax" "zone" "list" .Params.zone "names" site.Data.vocab.zones) }}</dd>
<dt>Components</dt><dd>{{ partial "tags.html" (dict "tax" "component" "list" .Params.component "names" site.Data.vocab.components) }}</dd>
{{ with .Params.topic }}<dt>Topics</dt><dd>{{ partial "tags.html" (dict "tax" "topic" "list" . "names" site.Data.vocab.topics) }}</dd>{{ end }}
</dl>
{{ with .Params.review_by }}{{ if lt (time .) now }}<p class="notice">This case study may be out of date.</p>{{ end }}{{ end }}
<div class="prose">{{ .Content }}</div>
{{ with .Params.outcomes }}
<h2 id="outcomes">Outcomes</h2>
<table class="outcomes"><caption>Outcomes measured</caption>
<thead><tr><th scope="col">Measure</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Period</th></tr></thead>
<tbody>{{ range . }}<tr><th scope="row">{{ .measure }}</th><td>{{ .before }} {{ .unit }}</td><td>{{ .after }} {{ .unit }}</td><td>{{ .period }}</td></tr>{{ end }}</tbody>
</table>
{{ end }}
{{ with .Params.sources }}<p class="sources">Sources: {{ range . }}{{ index site.Data.vocab.sources . }}; {{ end }}</p>{{ end }}
</article>
{{ if not site.Params.norelated }}
{{ $related := first 3 (site.RegularPages.Related .) }}
{{ with $related }}<h2 id="related">Related case studies</h2><ul class="cards">{{ range . }}{{ partial "card.html" . }}{{ end }}</ul>{{ end }}
{{ end }}
{{ end }}
""",
    "_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages.ByDate.Reverse }}
<p class="count">{{ len .Pages }} case studies{{ if gt $p.TotalPages 1 }}, page {{ $p.PageNumber }} of {{ $p.TotalPages }}{{ end }}.</p>
<nav class="facets" aria-label="Filter case studies">
{{ range $tax, $names := dict "board" site.Data.vocab.boards "zone" site.Data.vocab.zones "component" site.Data.vocab.components "topic" site.Data.vocab.topics }}
<details class="facet"><summary>{{ $tax }}</summary><ul>
{{ range $k, $terms := index site.Taxonomies (printf "%s" $tax) }}<li><a href="{{ printf "%s/%s/" $tax $k | relURL }}">{{ index $names $k }} ({{ len $terms }})</a></li>{{ end }}
</ul></details>
{{ end }}
</nav>
<ul class="cards">{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ partial "pager.html" . }}
{{ end }}
""",
    "_default/taxonomy.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "_default/term.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages.ByDate.Reverse }}
<p class="count">{{ len .Pages }} case studies{{ if gt $p.TotalPages 1 }}, page {{ $p.PageNumber }} of {{ $p.TotalPages }}{{ end }}.</p>
<ul class="cards">{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}</ul>
{{ partial "pager.html" . }}
{{ end }}
""",
    "index.html": """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
<form action="{{ "search/" | relURL }}" role="search"><label for="q">Search</label> <input id="q" name="q" type="search"></form>
<h2>Zones</h2>
<ul>{{ range $k, $v := site.Data.vocab.zones }}<li><a href="{{ printf "zone/%s/" $k | relURL }}">{{ $v }}</a></li>{{ end }}</ul>
<h2>Newest case studies</h2>
<ul class="cards">{{ range first 6 (where site.RegularPages "Section" "case-studies").ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</ul>
{{ end }}
""",
}


def write_hugo(out: Path, gen: Gen, studies, vocab: dict, version) -> None:
    hugo = out / "hugo"
    if hugo.exists():
        shutil.rmtree(hugo)
    (hugo / "content" / "case-studies").mkdir(parents=True)
    # Pagination key: [pagination] pagerSize since Hugo 0.128, `paginate` before.
    if version is None or version >= (0, 128):
        pager = "[pagination]\n  pagerSize = 20\n"
        top = ""
    else:
        pager = ""
        top = "paginate = 20\n"
    (hugo / "hugo.toml").write_text(f"""# Generated by benches/corpus.py (Hugo {'.'.join(map(str, version)) if version else 'unknown'}).
baseURL = "https://example.org/"
languageCode = "en-gb"
title = "Improving Together learning hub"
disableKinds = []
enableRobotsTXT = true
# ithub publishes case studies dated in the future too (the corpus runs to 2026-12-31).
buildFuture = true
{top}
[params]
  description = "Case studies, resources and induction packs for Scotland's GP clusters."
  # HUGO_PARAMS_NORELATED=true in the environment turns related pages off (benches/run.sh).
  norelated = false

{pager}
[taxonomies]
  board = "board"
  zone = "zone"
  component = "component"
  topic = "topic"

# ithub writes one Atom feed (the newest 50 case studies) and a sitemap; do the same,
# not a feed per term.
[services.rss]
  limit = 50

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

# Related case studies: shared topics weigh double, then components (as ithub).
[related]
  includeNewer = true
  threshold = 1
  toLower = false
  [[related.indices]]
    name = "topic"
    weight = 200
  [[related.indices]]
    name = "component"
    weight = 100
""", encoding="utf-8")
    data = {
        "boards": {b["key"]: b.get("name", b["key"]) for b in vocab["boards"]},
        "hscps": {h["key"]: h.get("name", h["key"]) for h in vocab["hscps"]},
        "components": {c["key"]: c.get("name", c["key"]) for c in vocab["components"]},
        "topics": {t["key"]: t.get("name", t["key"]) for t in vocab["topics"]},
        "sources": {s["key"]: s.get("title", s["key"]) for s in vocab.get("sources", [])},
        "zones": {z: ZONE_NAMES[z] for z in ZONES},
    }
    (hugo / "data").mkdir()
    (hugo / "data" / "vocab.json").write_text(json.dumps(data, indent=1, sort_keys=True),
                                              encoding="utf-8")
    for rel, text in HUGO_LAYOUTS.items():
        p = hugo / "layouts" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    (hugo / "static").mkdir()
    css = REPO / "themes" / "default" / "static" / "style.css"
    if css.exists():
        shutil.copyfile(css, hugo / "static" / "style.css")
    (hugo / "content" / "case-studies" / "_index.md").write_text(
        "---\ntitle: Case studies\n---\n", encoding="utf-8")
    for cs in studies:
        (hugo / "content" / "case-studies" / f"{cs['slug']}.md").write_text(
            hugo_file(cs), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of case studies")
    ap.add_argument("--out", type=Path, required=True, help="folder to write content/ (and hugo/) in")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", action="store_true", help="also write the corpus as a Hugo site")
    ap.add_argument("--source", type=Path, default=REPO / "content",
                    help="the shipped hub to take hub.yaml, zones and pages from")
    ap.add_argument("--hugo-version", default=None,
                    help="e.g. 0.111 (default: ask `hugo version`) to choose the pagination key")
    a = ap.parse_args()
    if a.n < 1:
        sys.exit("corpus.py: --n must be at least 1")
    vocab = read_vocab(a.source / "hub.yaml")
    gen = Gen(a.n, a.seed, vocab)
    # Generated one by one, in order, from one random.Random(seed): same seed, same bytes.
    studies = [gen.case_study(i) for i in range(1, a.n + 1)]
    a.out.mkdir(parents=True, exist_ok=True)
    write_ithub(a.out, a.source, gen, studies)
    if a.hugo:
        if a.hugo_version:
            version = tuple(int(x) for x in a.hugo_version.split(".")[:2])
        else:
            version = hugo_version()
        write_hugo(a.out, gen, studies, vocab, version)
    words = sum(1 for cs in studies for w in cs["body"].split() if WORD_RE.search(w))
    print(f"corpus.py: {a.n} case studies, {words} body words "
          f"(mean {words // a.n}) in {a.out}/content" + (f" and {a.out}/hugo" if a.hugo else ""),
          file=sys.stderr)


if __name__ == "__main__":
    main()
