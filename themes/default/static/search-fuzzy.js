// Correcting a misspelt word in the static search: the edit distance tantivy's fuzzy term
// query counts, and how a correction is shown. search.js fetches this script only for a word
// the hub holds once or not at all, the only words it corrects (src/search/query/plan.rs
// `correction`, whose rules search.js mirrors).
//
// API: nearest(chars, distance, lists, above, cmp, reader), editDistance(a, b, max),
// speltAsTyped(raw, own, better). Works as a plain <script> (global IthubFuzzy) and as a node
// module.
(function (root) {
  'use strict';

  /**
   * Edits between `a` and `b` (arrays of characters), a swap of two neighbours counting one,
   * as tantivy's fuzzy term query counts them; any count above `max` is `max + 1`.
   */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    let prev2 = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        best = Math.min(best, d);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return Math.min(prev[b.length], max + 1);
  }

  /** A correction spelt as the typed word was around its stem (plan.rs `spelt_as_typed`). */
  function speltAsTyped(raw, own, better) {
    const r = [...raw];
    const o = [...own];
    let common = 0;
    while (common < r.length && common < o.length && r[common] === o[common]) common++;
    const ownEnd = o.slice(common).join('');
    const rawEnd = r.slice(common).join('');
    return better.endsWith(ownEnd) ? better.slice(0, better.length - ownEnd.length) + rawEnd : better;
  }

  /** A word list (src/search/export/format.rs `WordList`): [term, documents holding it] in
   * byte order, read with search.js's `reader`. */
  function parseWords(buf, reader) {
    const pos = { i: 0 };
    const dec = new TextDecoder();
    const out = [];
    let prev = new Uint8Array(0);
    for (let t = reader.varint(buf, pos); t > 0; t--) {
      prev = reader.frontCoded(buf, pos, prev);
      out.push([dec.decode(prev), reader.varint(buf, pos)]);
    }
    return out;
  }

  /**
   * The term of the word lists `bufs` (`w<L>.bin`, read with search.js's `reader`) nearest
   * `chars` (the word's term, as characters) within `distance` edits, of those held by more
   * than `above` documents: the fewest edits, then the most documents, then the first in
   * `cmp`'s order; null if none (plan.rs `correction`).
   */
  function nearest(chars, distance, bufs, above, cmp, reader) {
    let best = null;
    for (const list of bufs.map((b) => parseWords(b, reader))) {
      for (const [term, n] of list) {
        if (n <= above) continue;
        const d = editDistance(chars, [...term], distance);
        if (d === 0 || d > distance) continue;
        if (!best || d < best.d || (d === best.d && (n > best.n || (n === best.n && cmp(term, best.term) < 0)))) best = { term, d, n };
      }
    }
    return best && best.term;
  }

  const api = { nearest, editDistance, speltAsTyped };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.IthubFuzzy = api;
})(typeof self !== 'undefined' ? self : this);
