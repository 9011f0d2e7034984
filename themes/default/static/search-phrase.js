// Matching a quoted phrase in the static search, as tantivy's phrase query does: the
// documents where the phrase's terms stand at their offsets from the first, and how many
// times. search.js fetches this script only for a query with a phrase.
//
// API: matchPhrase(terms, lists, blocks, idf, readVarint). Works as a plain <script> (global
// IthubPhrase) and as a node module.
(function (root) {
  'use strict';

  const f32 = Math.fround;

  /** A term's positions block (src/search/export/format.rs `encode_positions`), read with its
   * postings `lists`: per field, per posting, its positions. */
  function parsePositions(buf, lists, readVarint) {
    const pos = { i: 0 };
    return lists.map((l) => Array.from(l.tfs, (tf) => {
      const ps = new Array(tf);
      let p = 0;
      for (let k = 0; k < tf; k++) {
        p = k === 0 ? readVarint(buf, pos) : p + readVarint(buf, pos);
        ps[k] = p;
      }
      return ps;
    }));
  }

  /**
   * A phrase's matches in each field, [{docs, tfs, norms, idf}], where `tfs` counts the times
   * the phrase stands in the document and `idf` is tantivy's summed over its terms: `terms`
   * are [offset, term], `lists` each term's postings (search.js `parseShard`), `blocks` each
   * term's positions block, read with search.js's `readVarint`, `idf(df)` tantivy's idf.
   */
  function matchPhrase(terms, lists, blocks, idf, readVarint) {
    const positions = blocks.map((b, i) => parsePositions(b, lists[i], readVarint));
    return [0, 1, 2].map((f) => {
      const docs = [];
      const tfs = [];
      const norms = [];
      const first = lists[0][f];
      // A document's field length is the same in every term's list: any inline one will do.
      const inline = lists.find((l) => l[f].norms);
      const at = lists.map((l) => new Map(Array.from(l[f].docs, (d, k) => [d, k])));
      for (let k = 0; k < first.docs.length; k++) {
        const doc = first.docs[k];
        const ks = at.map((a) => a.get(doc));
        if (ks.some((x) => x === undefined)) continue;
        let starts = new Set(positions[0][f][ks[0]].map((p) => p - terms[0][0]));
        for (let i = 1; i < terms.length && starts.size; i++) {
          const here = new Set(positions[i][f][ks[i]].map((p) => p - terms[i][0]));
          starts = new Set([...starts].filter((p) => here.has(p)));
        }
        if (starts.size) {
          docs.push(doc);
          tfs.push(starts.size);
          if (inline) norms.push(inline[f].norms[at[lists.indexOf(inline)].get(doc)]);
        }
      }
      let idfSum = f32(0);
      for (const l of lists) idfSum = f32(idfSum + idf(l[f].docs.length));
      return { docs, tfs, norms: inline ? norms : undefined, idf: idfSum };
    });
  }

  const api = { matchPhrase };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.IthubPhrase = api;
})(typeof self !== 'undefined' ? self : this);
