// Runs queries through the static search client over an exported index, for
// tests/search_parity.rs: the client as the site ships it (minified), from SCRIPTS_DIR.
// Usage: node search_parity.js IDX_DIR QUERIES.json SCRIPTS_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, queriesFile, scripts] = process.argv.slice(2);
const script = (name) => require(path.join(scripts, 'search-' + name + '.js'));
const { createEngine } = require(path.join(scripts, 'search.js'));
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const read = async (name) => new Uint8Array(fs.readFileSync(path.join(dir, name)));

(async () => {
  const out = [];
  // One engine for every query, as a page keeps it, and a fresh one for each query to see
  // which of the scripts fetched on demand (the stemmer, the corrector) that query alone needs.
  const fetched = [];
  const engine = createEngine(async (name) => { fetched.push(name); return read(name); }, script);
  for (const q of queries) {
    const before = fetched.length;
    const r = await engine.rank(q.text, q.filters, q.verbatim, 10);
    const terms = r.clauses.flatMap((c) => (c.term !== undefined ? [c.term] : c.phrase.map((t) => t[1])));
    const top = await engine.docs(r.ranked.slice(0, 10).map((x) => x.doc));
    const sections = (await engine.sections(terms, top)).map((s, i) => (s ? top[i].url + '#' + s.anchor : null));
    const loaded = [];
    const fresh = createEngine(read, (name) => { loaded.push(name); return script(name); });
    await fresh.rank(q.text, q.filters, q.verbatim, 10);
    out.push({
      sections,
      clauses: r.clauses,
      corrected: r.corrected,
      top: r.ranked.slice(0, 10).map((x) => [x.doc, x.score]),
      total: r.total,
      head: !!r.head,
      prefixHead: !!r.prefixHead,
      files: fetched.slice(before),
      loaded: loaded.sort(),
      marked: [...await engine.wordsOf(terms)].sort(),
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
