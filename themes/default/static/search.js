/* Static search client for the hub.
 *
 * Ranks exactly as `ithub search` (tantivy) does: the same analysis (the tokenizer below, then
 * each word's stem as the term shards give it, or search-stem.js for a word the hub does not
 * hold, fetched only then), the same clauses (every term in title, summary and body with
 * their boosts; the last word also as a prefix), tantivy's BM25 in single precision, and the
 * same tie-break (scores equal to five decimals go to the lower document id). The index files
 * are made by src/search/export/.
 *
 * Nothing is fetched until someone searches; a query fetches meta.bin once and, beside it,
 * the shard directory of each first character of its words, then only the term shards holding
 * its words (the shard a word sorts into gives its stem; a phrase, its terms' positions; a
 * misspelt word, the word lists of the lengths near it), a field's fieldnorm file once if a
 * word is in too many documents to carry their field lengths inline, and the rows of the
 * results it shows. Positions and rows are fetched by HTTP range requests.
 */
(function (root) {
  'use strict';

  const f32 = Math.fround;
  const K1 = f32(1.2);
  const IDF_SCALE = f32(1 + K1);
  // Bytes of a mask file between two wanted masks that one range request reads through rather
  // than making another request.
  const MASK_GAP = 256;
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

  /* ---- the tokenizer: tantivy 0.27's `en_stem` before its stemmer (src/search/schema.rs
   * `words_before_stemming`): SimpleTokenizer → RemoveLongFilter::limit(40) → LowerCaser ---- */

  // Rust's char::is_alphanumeric: Alphabetic, or general category Nd / Nl / No.
  const WORD = /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu;
  const ASCII = /^[\x00-\x7f]*$/;
  // RemoveLongFilter drops tokens of 40 UTF-8 bytes or more.
  const MAX_BYTES = 40;

  function utf8Length(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      // A surrogate pair is 4 bytes, 2 per half.
      n += u < 0x80 ? 1 : u < 0x800 ? 2 : u >= 0xd800 && u <= 0xdfff ? 2 : 3;
    }
    return n;
  }

  // tantivy's LowerCaser maps char by char (char::to_lowercase) and, unlike String.toLowerCase,
  // ignores the final-sigma rule: "ΟΔΟΣ" → "οδοσ". Final sigma is the only context-dependent
  // mapping in toLowerCase, so turning every Σ into σ first makes the two agree.
  function lower(t) {
    return ASCII.test(t) ? t.toLowerCase() : t.replace(/\u03a3/g, '\u03c3').toLowerCase();
  }

  /** The words of `text`, lower-cased, each with its position (counting words too long to
   * index, as tantivy does) and place in the text (from, to). */
  function tokens(text) {
    const out = [];
    let m;
    let position = 0;
    text = String(text);
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      // The length limit applies to the token before lower-casing (the filter order above).
      if (utf8Length(m[0]) < MAX_BYTES) {
        out.push({ raw: lower(m[0]), position, from: m.index, to: m.index + m[0].length });
      }
      position++;
    }
    return out;
  }

  async function unpack(bytes, format) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  /** A whole file, gzip'd; hosts that add their own Content-Encoding hand it over inflated. */
  const inflate = (bytes) => (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b ? bytes : unpack(bytes, 'gzip'));
  /** A block read by range (a row, a term's positions): raw deflate. */
  const inflateBlock = (bytes) => unpack(bytes, 'deflate-raw');

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

  /** The next front-coded term at `pos`, after `prev` (its bytes). */
  function frontCoded(buf, pos, prev) {
    const shared = readVarint(buf, pos);
    const len = readVarint(buf, pos);
    const bytes = new Uint8Array(shared + len);
    bytes.set(prev.subarray(0, shared), 0);
    bytes.set(buf.subarray(pos.i, pos.i + len), shared);
    pos.i += len;
    return bytes;
  }

  /** The readers the scripts fetched on demand decode their files with. */
  const reader = { varint: readVarint, frontCoded };

  /**
   * A term shard: term → three postings lists (title, summary, body), each {docs, tfs, and
   * `norms`, the documents' fieldnorm ids, when the list has them inline}; the lists carry
   * `block`, the byte range of the term's positions in its position file, `masksAt`, where
   * its section masks start in its mask file, and `words`, the hub's words whose stem it is.
   * The map's `stems` gives the stem of each word of the hub that sorts into the shard.
   */
  function parseShard(buf) {
    const pos = { i: 0 };
    const count = readVarint(buf, pos);
    let blockAt = readVarint(buf, pos);
    let masksAt = readVarint(buf, pos);
    const dec = new TextDecoder();
    const terms = new Map();
    const stems = new Map();
    let prev = new Uint8Array(0);
    for (let t = 0; t < count; t++) {
      const bytes = frontCoded(buf, pos, prev);
      prev = bytes;
      // Which fields' lists carry their documents' field lengths (bit 0 title, 1 summary,
      // 2 body), and whether the term has section masks (bit 3).
      const flags = readVarint(buf, pos);
      const inline = flags & 7;
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
        const list = { docs, tfs };
        if ((inline >> f) & 1) {
          list.norms = buf.slice(pos.i, pos.i + df);
          pos.i += df;
        }
        lists.push(list);
      }
      // Where the sections holding the term, two bytes for each body document, start in the
      // shard's mask file (read for the results shown); a term in no section has none.
      if (flags & 8) {
        lists.masksAt = masksAt;
        masksAt += 2 * lists[2].docs.length;
      }
      const blockLen = readVarint(buf, pos);
      lists.block = [blockAt, blockAt + blockLen];
      lists.df = lists.map((l) => l.docs.length);
      blockAt += blockLen;
      // The words it stems from: itself if flag bit 4 says so, then the others.
      const term = dec.decode(bytes);
      lists.words = flags & 16 ? [term] : [];
      for (let n = readVarint(buf, pos); n > 0; n--) lists.words.push(dec.decode(frontCoded(buf, pos, bytes)));
      for (const w of lists.words) stems.set(w, term);
      terms.set(term, lists);
    }
    terms.prefixes = readTrailer(buf, pos, stems);
    terms.stems = stems;
    return terms;
  }

  /** A shard's or head's trailer (src/search/export/format.rs `put_trailer`): the words sorting
   * into the shard whose stems are in other shards, into `stems`; and, returned, where in q.bin
   * the heads of the beginnings sorting into it are, by beginning. */
  function readTrailer(buf, pos, stems) {
    const dec = new TextDecoder();
    let word = new Uint8Array(0);
    for (let n = readVarint(buf, pos); n > 0; n--) {
      word = frontCoded(buf, pos, word);
      stems.set(dec.decode(word), dec.decode(frontCoded(buf, pos, word)));
    }
    const prefixes = new Map();
    let p = new Uint8Array(0);
    for (let n = readVarint(buf, pos); n > 0; n--) {
      p = frontCoded(buf, pos, p);
      prefixes.set(dec.decode(p), [readVarint(buf, pos), readVarint(buf, pos)]);
    }
    return prefixes;
  }

  /** The best of `n` documents, each a varint id, an f32 score and a u16 mask, as heads hold
   * them: [{doc, score, mask}]. */
  function readBest(buf, pos) {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const best = [];
    for (let n = readVarint(buf, pos); n > 0; n--) {
      const doc = readVarint(buf, pos);
      best.push({ doc, score: view.getFloat32(pos.i, true), mask: view.getUint16(pos.i + 4, true) });
      pos.i += 6;
    }
    return best;
  }

  /**
   * A prefix head (src/search/export/format/prefix_head.rs): a query of one word being typed,
   * ranked by the export: {terms, count, best: [{doc, score, mask}], words}, where a best
   * document's mask is its best section alone.
   */
  function parsePrefixHead(buf) {
    const pos = { i: 0 };
    const terms = readStrings(buf, pos);
    const count = readVarint(buf, pos);
    const best = readBest(buf, pos);
    return { terms, count, best, words: readStrings(buf, pos) };
  }

  /** A count, then that many strings, each front-coded against the one before. */
  function readStrings(buf, pos) {
    const dec = new TextDecoder();
    const out = [];
    let prev = new Uint8Array(0);
    for (let n = readVarint(buf, pos); n > 0; n--) {
      prev = frontCoded(buf, pos, prev);
      out.push(dec.decode(prev));
    }
    return out;
  }

  /**
   * A head (src/search/export/format/head.rs): a map of its one term → {df, count, best: [{doc,
   * score, mask}], words}, as `parseShard` gives a shard (`stems` too), without postings.
   */
  function parseHead(buf) {
    const pos = { i: 0 };
    const dec = new TextDecoder();
    const len = readVarint(buf, pos);
    const bytes = buf.slice(pos.i, pos.i + len);
    pos.i += len;
    const term = dec.decode(bytes);
    const entry = { count: readVarint(buf, pos), df: [0, 1, 2].map(() => readVarint(buf, pos)) };
    entry.best = readBest(buf, pos);
    entry.words = readVarint(buf, pos) ? [term] : [];
    for (let n = readVarint(buf, pos); n > 0; n--) entry.words.push(dec.decode(frontCoded(buf, pos, bytes)));
    const stems = new Map(entry.words.map((w) => [w, term]));
    const out = new Map([[term, entry]]);
    out.prefixes = readTrailer(buf, pos, stems);
    out.stems = stems;
    return out;
  }

  /**
   * The section a search matches best, from each of its terms' section masks in a document
   * with `count` sections: the one holding the most terms, the first of equals; -1 if none.
   * (src/search/sections.rs `best`, the rule `ithub search` applies.)
   */
  function bestSection(masks, count) {
    let best = -1;
    let most = 0;
    for (let i = 0; i < count; i++) {
      let held = 0;
      for (const m of masks) if ((m >>> i) & 1) held++;
      if (held > most) { best = i; most = held; }
    }
    return best;
  }

  /** Where `doc` is in the ascending `docs`, or -1. */
  function indexOfDoc(docs, doc) {
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid] === doc) return mid;
      if (docs[mid] < doc) lo = mid + 1; else hi = mid - 1;
    }
    return -1;
  }

  /**
   * The parts of a query (src/search/query/parse.rs): words, quoted words searched exactly,
   * and quoted phrases; the last word is a prefix while it is being typed. `stemOf` gives a
   * word's term.
   */
  async function parse(stemOf, text) {
    const parts = [];
    let start = 0;
    const segments = text.split('"');
    for (const [i, segment] of segments.entries()) {
      const toks = await Promise.all(tokens(segment).map(async (t) => ({ term: await stemOf(t.raw), raw: t.raw, position: t.position, from: t.from + start, to: t.to + start })));
      start += segment.length + 1;
      if (i % 2 === 0) for (const tok of toks) parts.push({ word: tok, prefix: false });
      else if (toks.length === 1) parts.push({ exact: toks[0] });
      else if (toks.length) parts.push({ phrase: toks });
    }
    const last = parts[parts.length - 1];
    if (ALNUM_END.test(text) && segments.length % 2 === 1 && last && last.word) last.prefix = true;
    return parts;
  }

  /**
   * The search engine over an exported index. `fetchBytes(name)` returns the raw bytes of a
   * file of the index folder (`meta.bin`, `t3.bin`, ...), and `fetchRange(name, from, to)`
   * bytes `from` to `to` (exclusive) of one (by default, cut from `fetchBytes`'s);
   * `load(name)` gives the script `search-<name>.js`: 'stem', asked for only to stem a word the
   * hub does not hold, 'fuzzy', only to correct a word the hub holds once or not at all, and
   * 'phrase', only to match a phrase.
   */
  function createEngine(fetchBytes, load, fetchRange) {
    const range = fetchRange || (async (name, from, to) => (await fetchBytes(name)).subarray(from, to));
    let metaP = null;
    const shardP = new Map();
    const posP = new Map();
    const wordsP = new Map();
    const rowP = new Map();
    const normP = new Map();
    const dirP = new Map();
    const headP = new Map();
    const prefixP = new Map();
    // The prefix heads a search was ranked from, by their terms: what its results page shows.
    const typed = new Map();
    let facetP = null;
    const scriptP = new Map();
    const script = (name) => once(scriptP, name, async () => load(name));

    const json = async (name) => JSON.parse(new TextDecoder().decode(await inflate(await fetchBytes(name))));
    const once = (cache, key, make) => {
      if (!cache.has(key)) cache.set(key, make());
      return cache.get(key);
    };

    function meta() {
      if (!metaP) {
        metaP = json('meta.bin').then((m) => {
          // Each fieldnorm id's token count comes as the gap from the id before.
          let count = 0;
          m.fieldnorms = m.fieldnorms.map((gap) => (count += gap));
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

    const shard = (i) => once(shardP, i, () => fetchBytes('t' + i + '.bin').then(inflate).then(parseShard));
    /** A term's positions, fetched by range from its shard's position file. */
    const positionsOf = (m, term) => once(posP, term, async () => {
      const i = await shardOf(term);
      const lists = (await shard(i)).get(term);
      const [from, to] = lists.block;
      const name = 'p' + Math.floor(i / m.positionGroup) + '.bin';
      return inflateBlock(await range(name, from, to));
    });
    const wordList = (len) => once(wordsP, len, () => fetchBytes('w' + len + '.bin').then(inflate));

    /** Fieldnorm ids in field `f` of the documents of chunk `i` (`nt<i>.bin`, `ns`, `nb`). */
    const normFile = (f, i) => once(normP, 'tsb'[f] + i, () => fetchBytes('n' + 'tsb'[f] + i + '.bin').then(inflate));

    /** The shard directory (`d<K>.bin`) of the words beginning as `word` does: [the index of
     * its first shard, those shards' starts]. A start comes front-coded: a character for how
     * many code points it shares with the one before ('0' + count), then the rest; a space
     * between starts. */
    const directory = (word) => {
      const key = /^[0-9a-z]/.test(word) ? word[0] : '_';
      return once(dirP, key, async () => {
        const [first, text, heads] = await json('d' + key + '.bin');
        let prev = [];
        const starts = text ? text.split(' ').map((entry) => {
          const start = prev.slice(0, entry.charCodeAt(0) - 48).join('') + entry.slice(1);
          prev = [...start];
          return start;
        }) : [];
        // Shards holding one common word alone, by place: where their heads are in h.bin, back
        // to back from the first's offset ([offset, place, length, place, length, ...]).
        const byPlace = new Map();
        for (let n = 1, at = heads[0]; n < heads.length; at += heads[n + 1], n += 2) byPlace.set(heads[n], [at, heads[n + 1]]);
        return { first, starts, heads: byPlace };
      });
    };

    /** Where `term` is in its directory's starts: the last at or before it; -1 if none. */
    function localShard(d, term) {
      let lo = 0;
      let hi = d.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (cmp(d.starts[mid], term) <= 0) lo = mid; else hi = mid - 1;
      }
      return d.starts.length ? lo : -1;
    }

    /** Index of the shard whose range holds `term`, or -1 when there are no shards. */
    async function shardOf(term) {
      const d = await directory(term);
      const k = localShard(d, term);
      return k < 0 ? -1 : d.first + k;
    }

    /** Shard `i` as far as a query of its words alone needs it, reached through `term`'s
     * directory: its head when it has one (a common word alone), else the shard itself. */
    async function light(term, i) {
      const d = await directory(term);
      const head = d.heads.get(i - d.first);
      if (!head) return shard(i);
      return once(headP, i, async () => parseHead(await inflateBlock(await range('h.bin', head[0], head[0] + head[1]))));
    }

    /** `term`'s entry as a query of its words needs it: counts, words and, for a common word
     * alone in its shard, its best documents; undefined if the hub does not hold it. */
    async function entry(term) {
      const i = await shardOf(term);
      return i < 0 ? undefined : (await light(term, i)).get(term);
    }

    /** The head of a search for `raw` typed alone, if the export ranked that search: the
     * trailer of the first head among the shards that may hold terms `raw` begins says where
     * in q.bin (src/search/export/writer/prefixes.rs `first_headed`). */
    async function prefixHead(raw) {
      const d = await directory(raw);
      const i = (await shardsOfPrefix(raw)).find((s) => d.heads.has(s - d.first));
      const place = i === undefined ? undefined : (await light(raw, i)).prefixes.get(raw);
      return place && once(prefixP, place[0], async () => parsePrefixHead(await inflateBlock(await range('q.bin', place[0], place[0] + place[1]))));
    }

    /** Shards that may hold terms beginning with `prefix`. */
    async function shardsOfPrefix(prefix) {
      const d = await directory(prefix);
      const first = localShard(d, prefix);
      if (first < 0) return [];
      let last = first;
      while (last + 1 < d.starts.length && d.starts[last + 1].startsWith(prefix)) last++;
      const out = [];
      for (let k = first; k <= last; k++) out.push(d.first + k);
      return out;
    }


    async function lookup(m, term) {
      const i = await shardOf(term);
      return i < 0 ? undefined : (await shard(i)).get(term);
    }

    /** A query word's term: from the shard the word sorts into if the hub holds the word,
     * otherwise from the stemmer. */
    async function stemOf(word) {
      const i = await shardOf(word);
      const known = i < 0 ? undefined : (await light(word, i)).stems.get(word);
      return known !== undefined ? known : (await script('stem')).stem(word);
    }

    const dfSum = (e) => (e ? e.df[0] + e.df[1] + e.df[2] : 0);

    /** The word being typed: its own term (if indexed) and the most frequent terms it begins. */
    async function expand(m, tok) {
      const own = tok.term;
      const found = new Map();
      const held = dfSum(await entry(own));
      if (held > 0) found.set(own, held);
      if ([...tok.raw].length >= m.minPrefix) {
        for (const i of await shardsOfPrefix(tok.raw)) {
          for (const [t, lists] of await light(tok.raw, i)) {
            if (t !== own && t.startsWith(tok.raw)) found.set(t, dfSum(lists));
          }
        }
      }
      const ownFound = found.delete(own);
      const ranked = [...found].sort((a, b) => (b[1] - a[1]) || cmp(a[0], b[0])).map((e) => e[0]);
      const out = ownFound ? [own, ...ranked] : ranked;
      return out.slice(0, m.maxExpansions);
    }

    /** What the word `tok` should be read as (src/search/query/plan.rs `correction`):
     * {term, shown}, the term and how to show it, or null. */
    async function correction(m, tok) {
      const own = tok.term;
      const chars = [...own];
      if (chars.length < m.fuzzy.minChars) return null;
      const distance = chars.length >= m.fuzzy.longChars ? 2 : 1;
      const held = dfSum(await entry(own));
      if (held > m.fuzzy.few) return null;
      const lengths = m.words.filter((l) => Math.abs(l - chars.length) <= distance);
      const [fuzzy, lists] = await Promise.all([script('fuzzy'), Promise.all(lengths.map(wordList))]);
      const term = fuzzy.nearest(chars, distance, lists, m.fuzzy.gain * held, cmp, reader);
      return term && { term, shown: fuzzy.speltAsTyped(tok.raw, own, term) };
    }

    /** The clauses of `text` (src/search/query/plan.rs `plan`), with any corrections. */
    async function plan(m, text, verbatim) {
      const parts = await parse(stemOf, text);
      const clauses = [];
      const keys = new Set();
      const push = (c) => {
        const k = JSON.stringify(c);
        if (!keys.has(k)) { keys.add(k); clauses.push(c); }
      };
      const corrections = [];
      const replaced = [];
      const syn = m.synonyms || [];
      const longestAt = (stems, at) => {
        let best = null;
        syn.forEach((entries, group) => entries.forEach((e, entry) => {
          if ((!best || e.length > best.len) && e.every((t, k) => stems[at + k] === t)) best = { len: e.length, group, entry };
        }));
        return best;
      };
      const ofEntry = (e) => (e.length === 1 ? { term: e[0] } : { phrase: e.map((t, k) => [k, t]) });
      async function word(tok, prefix, correct) {
        if (prefix) {
          const exps = await expand(m, tok);
          if (exps.length) { for (const t of exps) push({ term: t }); return; }
        }
        if (correct) {
          const better = await correction(m, tok);
          if (better) {
            replaced.push([tok.from, tok.to, better.shown]);
            corrections.push({ typed: tok.raw, shown: better.shown });
            push({ term: better.term });
            return;
          }
        }
        if (!prefix) push({ term: tok.term });
      }
      for (let i = 0; i < parts.length;) {
        const p = parts[i];
        if (p.exact) { push({ term: p.exact.term }); i++; continue; }
        if (p.phrase) { push({ phrase: p.phrase.map((t) => [t.position - p.phrase[0].position, t.term]) }); i++; continue; }
        const run = [];
        while (i < parts.length && parts[i].word) run.push(parts[i++]);
        const stems = run.map((r) => r.word.term);
        for (let k = 0; k < run.length;) {
          const match = longestAt(stems, k);
          if (!match) { await word(run[k].word, run[k].prefix, !verbatim); k++; continue; }
          for (const r of run.slice(k, k + match.len)) await word(r.word, r.prefix, false);
          syn[match.group].forEach((e, j) => { if (j !== match.entry) push(ofEntry(e)); });
          k += match.len;
        }
      }
      let corrected = null;
      if (replaced.length) {
        corrected = text;
        for (const [from, to, shown] of replaced.reverse()) corrected = corrected.slice(0, from) + shown + corrected.slice(to);
      }
      return { clauses, corrections, corrected };
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

    /**
     * A clause's matches in each field: [{docs, tfs, idf}] where `tfs` counts the term, or the
     * times the phrase stands in the document, and `idf` is tantivy's (summed over a phrase's
     * terms).
     */
    async function matches(m, clause) {
      if (clause.term !== undefined) {
        const lists = await lookup(m, clause.term);
        return lists ? lists.map((l) => ({ docs: l.docs, tfs: l.tfs, norms: l.norms, idf: idf(m, l.docs.length) })) : null;
      }
      const terms = clause.phrase;
      const lists = await Promise.all(terms.map(([, t]) => lookup(m, t)));
      if (lists.some((l) => !l)) return null;
      const [phrase, positions] = await Promise.all([script('phrase'), Promise.all(terms.map(([, t]) => positionsOf(m, t)))]);
      return phrase.matchPhrase(terms, lists, positions, (df) => idf(m, df), readVarint);
    }

    /**
     * The matches of `text`, ranked: {clauses, corrections, corrected, ranked: [{doc, score}],
     * total}. `ranked` holds every match, or at least the first `top` when a query of one
     * common word alone is ranked from its head (`head`), or one word being typed alone from
     * its prefix head (`prefixHead`).
     */
    async function rank(text, filters, verbatim, top = Infinity) {
      // The directories of the query's words, named by the words themselves, come beside
      // meta.bin rather than after it.
      for (const t of tokens(text)) directory(t.raw).catch(() => {});
      const m = await meta();
      // One word being typed and no filter: the export may have ranked the search already.
      const toks = tokens(text);
      if (toks.length === 1 && [...toks[0].raw].length >= m.minPrefix && ALNUM_END.test(text) && !text.includes('"') && !(filters || []).length) {
        const c = await prefixHead(toks[0].raw);
        if (c && c.best.length >= Math.min(top, c.count)) {
          typed.set(c.terms.join(' '), c);
          const ranked = c.best.map(({ doc, score }) => ({ doc, score }));
          return { clauses: c.terms.map((term) => ({ term })), corrections: [], corrected: null, ranked, total: c.count, prefixHead: true };
        }
      }
      const p = await plan(m, text, !!verbatim);
      if (!p.clauses.length || !m.n) return { ...p, ranked: [], total: 0 };
      // One word and no filter: a common word's head holds its best documents, ranked.
      const only = p.clauses.length === 1 && !(filters || []).length ? p.clauses[0].term : undefined;
      const e = only === undefined ? undefined : await entry(only);
      if (e && e.best && e.best.length >= Math.min(top, e.count)) {
        return { ...p, ranked: e.best.map(({ doc, score }) => ({ doc, score })), total: e.count, head: true };
      }
      const found = (await Promise.all(p.clauses.map((c) => matches(m, c)))).filter(Boolean);
      // The fieldnorm files only of the fields and chunks whose lists lack their field lengths.
      const files = new Set();
      for (const fields of found) fields.forEach((l, f) => { if (!l.norms) for (const doc of l.docs) files.add(f + 3 * Math.floor(doc / m.normChunk)); });
      const normFiles = new Map(await Promise.all([...files].map(async (k) => [k, await normFile(k % 3, Math.floor(k / 3))])));
      const scores = new Map();
      for (const fields of found) {
        for (let f = 0; f < 3; f++) {
          const l = fields[f];
          if (!l.docs.length) continue;
          let weight = f32(l.idf * IDF_SCALE);
          if (m.boosts[f] !== 1) weight = f32(weight * m.boosts[f]);
          const norm = m.norms[f];
          for (let k = 0; k < l.docs.length; k++) {
            const doc = l.docs[k];
            const id = l.norms ? l.norms[k] : normFiles.get(f + 3 * Math.floor(doc / m.normChunk))[doc % m.normChunk];
            const tf = f32(l.tfs[k]);
            const s = f32(weight * f32(tf / f32(tf + norm[id])));
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
      return { ...p, ranked, total: ranked.length };
    }

    /**
     * Stored fields of documents: {doc, title, url, kind, summary}. A row is read by range from
     * `r<i>.bin`: its place from the file's header (little-endian u32s), then the row.
     */
    async function docs(ids) {
      const m = await meta();
      return Promise.all(ids.map((doc) => once(rowP, doc, async () => {
        const name = 'r' + Math.floor(doc / m.normChunk) + '.bin';
        const k = doc % m.normChunk;
        const head = await range(name, 4 * k, 4 * k + 8);
        const view = new DataView(head.buffer, head.byteOffset, 8);
        const bytes = await inflateBlock(await range(name, view.getUint32(0, true), view.getUint32(4, true)));
        const row = JSON.parse(new TextDecoder().decode(bytes));
        // Where the document's sections are in `s<i>.bin`: the first's offset, then each length.
        const places = row[4] || [];
        return { doc, title: row[0], url: row[1], kind: row[2], summary: row[3], sections: Math.max(0, places.length - 1), places };
      })));
    }

    /**
     * The sub-results of documents `ds` (from `docs`) for a search for `terms`: for each, the
     * section it matches best, {anchor, heading, snippet}, or null. Each term's mask for a
     * document is two bytes of its mask file, read by range; the bytes wanted from one file
     * that lie within MASK_GAP of each other are read by one request (a prefix's terms sit
     * side by side). Then each section shown is one block of `s<i>.bin`.
     */
    async function sections(terms, ds) {
      const m = await meta();
      const wanted = [];
      const masks = ds.map(() => []);
      // A prefix head has each of its best documents' best section.
      const c = typed.get(terms.join(' '));
      const fromTyped = c && ds.map((d) => c.best.find((b) => b.doc === d.doc));
      const whole = fromTyped && fromTyped.every(Boolean);
      if (whole) fromTyped.forEach((b, n) => { if (b.mask) masks[n].push(b.mask); });
      for (const t of whole ? [] : new Set(terms)) {
        // A common word's head has the masks of its best documents.
        const e = await entry(t);
        const best = e && e.best && ds.map((d) => e.best.find((b) => b.doc === d.doc));
        if (best && best.every(Boolean)) {
          best.forEach((b, n) => { if (b.mask) masks[n].push(b.mask); });
          continue;
        }
        const i = await shardOf(t);
        const lists = i < 0 ? undefined : (await shard(i)).get(t);
        if (!lists || lists.masksAt === undefined) continue;
        ds.forEach((d, n) => {
          const k = d.sections ? indexOfDoc(lists[2].docs, d.doc) : -1;
          if (k >= 0) wanted.push({ file: 'm' + Math.floor(i / m.positionGroup) + '.bin', at: lists.masksAt + 2 * k, n });
        });
      }
      wanted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.at - b.at));
      const runs = [];
      for (const w of wanted) {
        const last = runs[runs.length - 1];
        if (last && last.file === w.file && w.at - last.to <= MASK_GAP) {
          last.to = Math.max(last.to, w.at + 2);
          last.items.push(w);
        } else {
          runs.push({ file: w.file, from: w.at, to: w.at + 2, items: [w] });
        }
      }
      await Promise.all(runs.map(async (r) => {
        const b = await range(r.file, r.from, r.to);
        for (const w of r.items) masks[w.n].push(b[w.at - r.from] | (b[w.at - r.from + 1] << 8));
      }));
      return Promise.all(ds.map(async (d, n) => {
        const best = bestSection(masks[n], d.sections);
        if (best < 0) return null;
        let at = d.places[0];
        for (let j = 0; j < best; j++) at += d.places[1 + j];
        const name = 's' + Math.floor(d.doc / m.normChunk) + '.bin';
        const [anchor, heading, snippet] = JSON.parse(new TextDecoder().decode(await inflate(await range(name, at, at + d.places[1 + best]))));
        return { anchor, heading, snippet };
      }));
    }

    /** The hub's words whose stems are `terms`: the words a result's text marks. */
    async function wordsOf(terms) {
      const c = typed.get(terms.join(' '));
      if (c) return new Set(c.words);
      const out = new Set();
      for (const t of new Set(terms)) for (const w of ((await entry(t)) || {}).words || []) out.add(w);
      return out;
    }

    return { meta, rank, docs, sections, wordsOf };
  }

  /** Escaped `text` with <mark> around the words in `words` (lower-cased, as the tokenizer
   * gives them) and any beginning with `prefix`. */
  function highlight(text, words, prefix) {
    return text.replace(/[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+|[^\p{Alphabetic}\p{Nd}\p{Nl}\p{No}]+/gu, (part) => {
      const word = lower(part);
      const hit = /[\p{Alphabetic}\p{Nd}]/u.test(part) && (words.has(word) || (prefix && word.startsWith(prefix)));
      return hit ? '<mark>' + esc(part) + '</mark>' : esc(part);
    });
  }

  /* ---- the search page ---- */

  function attach(doc) {
    const results = doc.querySelector('[data-search-results]');
    const form = doc.querySelector('form.search-form');
    if (!results || !form) return;
    const input = form.querySelector('input[name=q]');
    const base = results.getAttribute('data-index');
    const rootPrefix = results.getAttribute('data-root') || './';
    // The stemmer or the corrector, as a plain script, the first time a query needs it: its
    // URL is the results' `data-<name>`, and it defines `Ithub<Name>`.
    const load = (name) => {
      const global = 'Ithub' + name[0].toUpperCase() + name.slice(1);
      return root[global] || new Promise((resolve, reject) => {
        const el = doc.createElement('script');
        el.src = results.getAttribute('data-' + name);
        el.onload = () => resolve(root[global]);
        el.onerror = () => reject(new Error('search-' + name + '.js did not load'));
        doc.head.appendChild(el);
      });
    };
    // Ten results a screen: each one costs a document chunk to fetch.
    const limit = 10;
    const engine = createEngine(async (name) => {
      const r = await fetch(base + name);
      if (!r.ok) throw new Error(name + ': ' + r.status);
      return new Uint8Array(await r.arrayBuffer());
    }, load, async (name, from, to) => {
      const r = await fetch(base + name, { headers: { Range: 'bytes=' + from + '-' + (to - 1) } });
      if (!r.ok) throw new Error(name + ': ' + r.status);
      if (r.status === 206) return new Uint8Array(await r.arrayBuffer());
      // A host that ignores ranges sends the whole file: read only as far as the block's end.
      const out = new Uint8Array(to);
      const reader = r.body.getReader();
      let n = 0;
      while (n < to) {
        const { done, value } = await reader.read();
        if (done) break;
        out.set(value.subarray(0, to - n), n);
        n += value.length;
      }
      reader.cancel();
      return out.subarray(from, to);
    });
    // The filters sit in a disclosure that names how many are active: closed on a narrow
    // screen, so the results come straight after the search box; open on a wide one. The page
    // holds them (search.html), hidden until this script can use them.
    const filterBox = form.querySelector('.search-filters');
    const filterSummary = filterBox.querySelector('summary');
    const wide = root.matchMedia ? root.matchMedia('(min-width: 48rem)') : { matches: true };
    filterBox.open = wide.matches;
    const params = new URLSearchParams(location.search);
    for (const select of filterBox.querySelectorAll('select')) {
      select.value = params.get(select.name) || '';
      select.addEventListener('change', () => { countFilters(); run(); });
    }
    countFilters();
    filterBox.hidden = false;
    // What a result calls its kind: the page's own names for the type filter's values.
    const kindNames = new Map([...form.querySelectorAll('select[name=kind] option')].map((o) => [o.value, o.textContent]));
    let seq = 0;

    function countFilters() {
      const n = currentFilters().length;
      filterSummary.textContent = 'Filters' + (n ? ' (' + n + ' active)' : ' (none active)');
    }

    function currentFilters() {
      return [...filterBox.querySelectorAll('select')].filter((s) => s.value).map((s) => [s.name, s.value]);
    }

    // "Search instead for …" searches the words as typed, until they are changed.
    let verbatim = params.get('verbatim') === '1';

    async function run() {
      const text = input.value;
      const mine = ++seq;
      const filters = currentFilters();
      const url = new URL(location.href);
      url.search = '';
      if (text) url.searchParams.set('q', text);
      for (const [f, v] of filters) url.searchParams.set(f, v);
      if (verbatim) url.searchParams.set('verbatim', '1');
      history.replaceState(null, '', url);
      if (!text.trim()) { results.innerHTML = ''; return; }
      try {
        const { clauses, corrected, ranked, total } = await engine.rank(text, filters, verbatim, limit);
        const terms = clauses.flatMap((c) => (c.term !== undefined ? [c.term] : c.phrase.map((t) => t[1])));
        const top = await engine.docs(ranked.slice(0, limit).map((r) => r.doc));
        const subs = await engine.sections(terms, top);
        const marked = await engine.wordsOf(terms);
        if (mine !== seq) return;
        const words = tokens(text);
        const prefix = ALNUM_END.test(text) && words.length ? words[words.length - 1].raw : '';
        const count = total === 1 ? '1 result' : total + ' results';
        const shown = corrected === null ? text : corrected;
        let html = '';
        if (corrected !== null) {
          const instead = new URL(url);
          instead.searchParams.set('verbatim', '1');
          html += '<p class="search-correction">Showing results for “' + esc(corrected.trim()) + '”; search instead for <a href="' + esc(instead.href) + '" data-verbatim>“' + esc(text.trim()) + '”</a>.</p>';
        }
        html += '<p class="search-count">' + count + ' for “' + esc(shown.trim()) + '”' + (total > limit ? ', showing the first ' + limit : '') + '.</p>';
        if (top.length) {
          html += '<ol class="search-results">' + top.map((d, i) => '<li><a href="' + esc(rootPrefix + d.url) + '">' + esc(d.title) + '</a> <span class="search-kind">' + esc(kindNames.get(d.kind) || d.kind) + '</span>' +
            (d.summary ? '<p>' + highlight(d.summary, marked, prefix) + '</p>' : '') + subResult(d, subs[i], marked, prefix) + '</li>').join('') + '</ol>';
        }
        results.innerHTML = html;
        // Which text the results are for, for scripts and tests waiting on a search.
        results.dataset.query = text;
        const link = results.querySelector('[data-verbatim]');
        if (link) link.addEventListener('click', (e) => { e.preventDefault(); verbatim = true; run(); });
      } catch (e) {
        if (mine === seq) results.innerHTML = '<p>Search is not available right now (' + esc(e.message) + '). You can browse the case studies instead.</p>';
      }
    }

    /** The heading of `d` the search matches best, linked, with its own opening words. */
    function subResult(d, sub, marked, prefix) {
      if (!sub) return '';
      return '<p class="search-section"><span class="visually-hidden">Best match in this page: </span><a href="' + esc(rootPrefix + d.url + '#' + sub.anchor) + '">' + esc(sub.heading) + '</a>' +
        (sub.snippet ? ' <span class="search-section-snippet">' + highlight(sub.snippet, marked, prefix) + '</span>' : '') + '</p>';
    }

    let timer = 0;
    input.addEventListener('input', () => { verbatim = false; clearTimeout(timer); timer = setTimeout(run, 120); });
    form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); run(); });
    if (params.get('q')) {
      input.value = params.get('q');
      run();
    }
  }

  const api = { createEngine, highlight, cmp, tokens };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.IthubSearch = api;
    if (root.document) {
      const start = () => attach(root.document);
      if (root.document.readyState === 'loading') root.document.addEventListener('DOMContentLoaded', start); else start();
    }
  }
})(typeof self !== 'undefined' ? self : this);
