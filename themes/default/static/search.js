/* Static search client for the hub.
 *
 * Ranks exactly as `ithub search` (tantivy) does: the same analysis (search-stem.js), the same
 * clauses (every term in title, summary and body with their boosts; the last word also as a
 * prefix), tantivy's BM25 in single precision, and the same tie-break (scores equal to five
 * decimals go to the lower document id). The index files are made by src/search/export/.
 *
 * Nothing is fetched until someone searches; a query fetches meta.bin and the fieldnorm file
 * once, then only the term shards holding its words and the document chunks of the results it
 * shows.
 */
(function (root) {
  'use strict';

  const f32 = Math.fround;
  const K1 = f32(1.2);
  const IDF_SCALE = f32(1 + K1);
  const ALNUM_END = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]$/u;
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  /** Compare strings by code point, which is the UTF-8 byte order the index is sorted in. */
  function cmp(a, b) {
    const ia = a[Symbol.iterator]();
    const ib = b[Symbol.iterator]();
    for (;;) {
      const x = ia.next();
      const y = ib.next();
      if (x.done || y.done) return x.done === y.done ? 0 : (x.done ? -1 : 1);
      const d = x.value.codePointAt(0) - y.value.codePointAt(0);
      if (d !== 0) return d;
    }
  }

  async function inflate(bytes) {
    // Hosts that add their own Content-Encoding hand us bytes already inflated.
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function readVarint(buf, pos) {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = buf[pos.i++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
    }
  }

  /** A term shard: term → three postings lists (title, summary, body), each {docs, tfs}. */
  function parseShard(buf) {
    const pos = { i: 0 };
    const count = readVarint(buf, pos);
    const dec = new TextDecoder();
    const terms = new Map();
    let prev = new Uint8Array(0);
    for (let t = 0; t < count; t++) {
      const shared = readVarint(buf, pos);
      const len = readVarint(buf, pos);
      const bytes = new Uint8Array(shared + len);
      bytes.set(prev.subarray(0, shared), 0);
      bytes.set(buf.subarray(pos.i, pos.i + len), shared);
      pos.i += len;
      prev = bytes;
      const lists = [];
      for (let f = 0; f < 3; f++) {
        const df = readVarint(buf, pos);
        const docs = new Uint32Array(df);
        const tfs = new Uint32Array(df);
        let doc = 0;
        for (let k = 0; k < df; k++) {
          doc += readVarint(buf, pos);
          docs[k] = doc;
        }
        for (let k = 0; k < df; k++) tfs[k] = readVarint(buf, pos);
        lists.push({ docs, tfs });
      }
      terms.set(dec.decode(bytes), lists);
    }
    return terms;
  }

  /**
   * The search engine over an exported index. `fetchBytes(name)` returns the raw bytes of a
   * file of the index folder (`meta.bin`, `t3.bin`, ...); `stemmer` is search-stem.js.
   */
  function createEngine(fetchBytes, stemmer) {
    let metaP = null;
    const shardP = new Map();
    const chunkP = new Map();
    const normP = new Map();
    let facetP = null;

    const json = async (name) => JSON.parse(new TextDecoder().decode(await inflate(await fetchBytes(name))));

    function meta() {
      if (!metaP) {
        metaP = json('meta.bin').then((m) => {
          // tantivy's length-norm cache, K1 * (1 - B + B * fieldnorm / average), in f32.
          const B = f32(0.75);
          m.norms = m.tokens.map((total) => {
            const avg = f32(f32(total) / f32(m.n || 1));
            return Float32Array.from(m.fieldnorms, (fieldnorm) => f32(K1 * f32(f32(1 - B) + f32(f32(B * f32(fieldnorm)) / avg))));
          });
          return m;
        });
      }
      return metaP;
    }

    function shard(i) {
      if (!shardP.has(i)) {
        shardP.set(i, fetchBytes('t' + i + '.bin').then(inflate).then(parseShard));
      }
      return shardP.get(i);
    }

    /** Fieldnorm ids of the documents in `n<i>.bin`: one Uint8Array per field. */
    function normFile(m, i) {
      if (!normP.has(i)) {
        normP.set(i, fetchBytes('n' + i + '.bin').then(inflate).then((buf) => {
          const len = Math.min(m.normChunk, m.n - i * m.normChunk);
          return [0, 1, 2].map((f) => buf.subarray(f * len, (f + 1) * len));
        }));
      }
      return normP.get(i);
    }

    /** Index of the shard whose range holds `term`. */
    function shardOf(m, term) {
      let lo = 0;
      let hi = m.shards.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (cmp(m.shards[mid], term) <= 0) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    /** Shards that may hold terms beginning with `prefix`. */
    function shardsOfPrefix(m, prefix) {
      const first = shardOf(m, prefix);
      let last = first;
      while (last + 1 < m.shards.length && m.shards[last + 1].startsWith(prefix)) last++;
      const out = [];
      for (let i = first; i <= last; i++) out.push(i);
      return out;
    }

    async function lookup(m, term) {
      if (!m.shards.length) return undefined;
      return (await shard(shardOf(m, term))).get(term);
    }

    /** The query's terms in clause order, as src/search/query.rs `terms` makes them. */
    async function terms(m, text) {
      const words = stemmer.tokenize(text);
      const prefixLast = ALNUM_END.test(text);
      const out = [];
      const push = (t) => { if (!out.includes(t)) out.push(t); };
      for (let i = 0; i < words.length; i++) {
        const w = words[i];
        if (!(i === words.length - 1 && prefixLast)) { push(stemmer.stem(w)); continue; }
        for (const t of await expand(m, w)) push(t);
      }
      return out;
    }

    async function expand(m, word) {
      const own = stemmer.stem(word);
      const found = new Map();
      const dfSum = (lists) => lists[0].docs.length + lists[1].docs.length + lists[2].docs.length;
      const ownLists = await lookup(m, own);
      if (ownLists && dfSum(ownLists) > 0) found.set(own, dfSum(ownLists));
      if ([...word].length >= m.minPrefix && m.shards.length) {
        for (const i of shardsOfPrefix(m, word)) {
          for (const [t, lists] of await shard(i)) {
            if (t !== own && t.startsWith(word)) found.set(t, dfSum(lists));
          }
        }
      }
      const ownFound = found.delete(own);
      const ranked = [...found].sort((a, b) => (b[1] - a[1]) || cmp(a[0], b[0])).map((e) => e[0]);
      const out = ownFound ? [own, ...ranked] : ranked;
      return out.slice(0, m.maxExpansions);
    }

    function idf(m, df) {
      const fix = m.idfFix[String(df)];
      if (fix !== undefined) return f32(fix);
      const x = f32(f32(f32(m.n - df) + 0.5) / f32(f32(df) + 0.5));
      return f32(Math.log(f32(1 + x)));
    }

    async function facetDocs(m, filters) {
      if (!filters.length) return null;
      if (!facetP) facetP = json('f.bin');
      const facets = await facetP;
      let allowed = null;
      for (const [facet, value] of filters) {
        const deltas = (facets[facet] || {})[value] || [];
        const set = new Set();
        let d = 0;
        for (const x of deltas) { d += x; set.add(d); }
        allowed = allowed ? new Set([...allowed].filter((x) => set.has(x))) : set;
      }
      return allowed;
    }

    /** Every matching document, ranked: [{doc, score}]. */
    async function rank(text, filters) {
      const m = await meta();
      const ts = await terms(m, text);
      if (!ts.length || !m.n) return { terms: ts, ranked: [] };
      const scores = new Map();
      const found = [];
      const files = new Set();
      for (const t of ts) {
        const lists = await lookup(m, t);
        if (!lists) continue;
        found.push(lists);
        for (const p of lists) for (const doc of p.docs) files.add(Math.floor(doc / m.normChunk));
      }
      const normFiles = new Map(await Promise.all([...files].map(async (i) => [i, await normFile(m, i)])));
      for (const lists of found) {
        for (let f = 0; f < 3; f++) {
          const p = lists[f];
          if (!p.docs.length) continue;
          let weight = f32(idf(m, p.docs.length) * IDF_SCALE);
          if (m.boosts[f] !== 1) weight = f32(weight * m.boosts[f]);
          const norm = m.norms[f];
          for (let k = 0; k < p.docs.length; k++) {
            const doc = p.docs[k];
            const ids = normFiles.get(Math.floor(doc / m.normChunk))[f];
            const tf = f32(p.tfs[k]);
            const s = f32(weight * f32(tf / f32(tf + norm[ids[doc % m.normChunk]])));
            scores.set(doc, f32((scores.get(doc) || 0) + s));
          }
        }
      }
      const allowed = await facetDocs(m, filters || []);
      const ranked = [];
      for (const [doc, score] of scores) {
        if (!allowed || allowed.has(doc)) ranked.push({ doc, score, q: Math.round(score * 1e5) });
      }
      ranked.sort((a, b) => (b.q - a.q) || (a.doc - b.doc));
      return { terms: ts, ranked };
    }

    /** Stored fields of documents: {doc, title, url, kind, summary}. */
    async function docs(ids) {
      const m = await meta();
      return Promise.all(ids.map(async (doc) => {
        const c = Math.floor(doc / m.chunk);
        if (!chunkP.has(c)) chunkP.set(c, json('d' + c + '.bin'));
        const row = (await chunkP.get(c))[doc % m.chunk];
        return { doc, title: row[0], url: row[1], kind: row[2], summary: row[3] };
      }));
    }

    return { meta, rank, docs, terms: async (text) => terms(await meta(), text) };
  }

  /** Escaped `text` with <mark> around words matching the query. */
  function highlight(text, terms, prefix, stemmer) {
    const set = new Set(terms);
    return text.replace(/[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+|[^\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu, (part) => {
      const lower = part.toLowerCase();
      const hit = /[\p{Alphabetic}\p{Nd}]/u.test(part) && (set.has(stemmer.stem(lower)) || (prefix && lower.startsWith(prefix)));
      return hit ? '<mark>' + esc(part) + '</mark>' : esc(part);
    });
  }

  /* ---- the search page ---- */

  function attach(doc, stemmer) {
    const results = doc.querySelector('[data-search-results]');
    const form = doc.querySelector('form.search-form');
    if (!results || !form) return;
    const input = form.querySelector('input[name=q]');
    const base = results.getAttribute('data-index');
    const rootPrefix = results.getAttribute('data-root') || './';
    // Ten results a screen: each one costs a document chunk to fetch.
    const limit = 10;
    const engine = createEngine(async (name) => {
      const r = await fetch(base + name);
      if (!r.ok) throw new Error(name + ': ' + r.status);
      return new Uint8Array(await r.arrayBuffer());
    }, stemmer);
    // The filters sit in a disclosure that names how many are active: closed on a narrow
    // screen, so the results come straight after the search box; open on a wide one.
    const filterBox = doc.createElement('details');
    filterBox.className = 'search-filters';
    filterBox.hidden = true;
    const filterSummary = doc.createElement('summary');
    filterBox.appendChild(filterSummary);
    const wide = root.matchMedia ? root.matchMedia('(min-width: 48rem)') : { matches: true };
    filterBox.open = wide.matches;
    form.appendChild(filterBox);
    const params = new URLSearchParams(location.search);
    let filtersBuilt = false;
    let seq = 0;

    async function buildFilters() {
      if (filtersBuilt) return;
      filtersBuilt = true;
      const m = await engine.meta();
      for (const facet of ['kind', 'board', 'zone', 'topic']) {
        const names = m.names[facet] || {};
        const id = 'search-filter-' + facet;
        const label = doc.createElement('label');
        label.htmlFor = id;
        label.textContent = { kind: 'Type', board: 'Board', zone: 'Zone', topic: 'Topic' }[facet];
        const select = doc.createElement('select');
        select.id = id;
        select.name = facet;
        select.add(new Option('Any', ''));
        for (const key of Object.keys(names).sort((a, b) => names[a].localeCompare(names[b]))) {
          select.add(new Option(names[key], key));
        }
        select.value = params.get(facet) || '';
        select.addEventListener('change', () => { countFilters(); run(); });
        const wrap = doc.createElement('div');
        wrap.className = 'search-filter';
        wrap.append(label, select);
        filterBox.appendChild(wrap);
      }
      countFilters();
      filterBox.hidden = false;
    }

    function countFilters() {
      const n = currentFilters().length;
      filterSummary.textContent = 'Filters' + (n ? ' (' + n + ' active)' : ' (none active)');
    }

    function currentFilters() {
      return [...filterBox.querySelectorAll('select')].filter((s) => s.value).map((s) => [s.name, s.value]);
    }

    async function run() {
      const text = input.value;
      const mine = ++seq;
      const filters = filtersBuilt ? currentFilters() : ['kind', 'board', 'zone', 'topic'].filter((f) => params.get(f)).map((f) => [f, params.get(f)]);
      const url = new URL(location.href);
      url.search = '';
      if (text) url.searchParams.set('q', text);
      for (const [f, v] of filters) url.searchParams.set(f, v);
      history.replaceState(null, '', url);
      if (!text.trim()) { results.innerHTML = ''; return; }
      try {
        await buildFilters();
        const { terms, ranked } = await engine.rank(text, filters);
        const top = await engine.docs(ranked.slice(0, limit).map((r) => r.doc));
        if (mine !== seq) return;
        const m = await engine.meta();
        const words = stemmer.tokenize(text);
        const prefix = ALNUM_END.test(text) && words.length ? words[words.length - 1] : '';
        const count = ranked.length === 1 ? '1 result' : ranked.length + ' results';
        let html = '<p class="search-count">' + count + ' for “' + esc(text.trim()) + '”' + (ranked.length > limit ? ', showing the first ' + limit : '') + '.</p>';
        if (top.length) {
          html += '<ol class="search-results">' + top.map((d) => '<li><a href="' + esc(rootPrefix + d.url) + '">' + esc(d.title) + '</a> <span class="search-kind">' + esc((m.names.kind || {})[d.kind] || d.kind) + '</span>' +
            (d.summary ? '<p>' + highlight(d.summary, terms, prefix, stemmer) + '</p>' : '') + '</li>').join('') + '</ol>';
        }
        results.innerHTML = html;
      } catch (e) {
        if (mine === seq) results.innerHTML = '<p>Search is not available right now (' + esc(e.message) + '). You can browse the case studies instead.</p>';
      }
    }

    let timer = 0;
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(); });
    if (params.get('q')) {
      input.value = params.get('q');
      run();
    }
  }

  const api = { createEngine, highlight, cmp };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.IthubSearch = api;
    if (root.document && root.IthubStem) {
      const start = () => attach(root.document, root.IthubStem);
      if (root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', start); else start();
    }
  }
})(typeof self !== 'undefined' ? self : this);
