// The English stemmer of the static search: tantivy 0.27's `Stemmer(English)`, the last step
// of the `en_stem` pipeline tantivy runs at index time (the steps before it, the tokenizer,
// are in search.js):
//
//   SimpleTokenizer → RemoveLongFilter::limit(40) → LowerCaser → Stemmer(English)
//
// The stemmer is a hand port of the Rust that Snowball generated for frostem 1.20260821.8
// (english.sbl, Porter2 with the 2026 rules). It works on UTF-8 bytes, as the Rust does, so
// cursors, the among-table binary searches and their quick checks give the same answers for
// words with é, ü, … too. tests/stemmer_parity.rs holds it to frostem's output.
//
// search.js fetches it only for a word the hub does not hold: the term shards give the stem
// of every word the hub does (src/search/vocabulary.rs).
//
// API: stem(word) → stem. Works as a plain <script> (global IthubStem) and as a node module.
(function (root) {
  'use strict';

  var ASCII = /^[\x00-\x7f]*$/;

  // ---- Snowball runtime (frostem's SnowballEnv, on a string of UTF-8 bytes) ----------------

  // `s` holds one UTF-16 unit per UTF-8 byte, so indices are byte offsets as in the Rust.
  function Env(s) {
    this.s = s;
    this.c = 0; // cursor
    this.l = s.length; // limit
    this.lb = 0; // limit_backward
    this.bra = 0;
    this.ket = 0;
  }
  var E = Env.prototype;

  // str::is_char_boundary: not inside a multi-byte char (continuation bytes are 10xxxxxx).
  E.boundary = function (i) {
    return i === 0 || i === this.s.length || (i > 0 && i < this.s.length && (this.s.charCodeAt(i) & 0xc0) !== 0x80);
  };
  E.byteAt = function (i) {
    return this.s.charCodeAt(i);
  };
  E.nextChar = function () {
    do this.c++; while (!this.boundary(this.c));
  };
  E.prevChar = function () {
    do this.c--; while (!this.boundary(this.c));
  };
  // hop n chars forwards / backwards, failing at the limits.
  E.hop = function (n) {
    var r = this.c;
    while (n-- > 0) {
      if (r >= this.l) return false;
      r++;
      while (r < this.l && !this.boundary(r)) r++;
    }
    this.c = r;
    return true;
  };
  E.hopBack = function (n) {
    var r = this.c;
    while (n-- > 0) {
      if (r <= this.lb) return false;
      r--;
      while (r > this.lb && !this.boundary(r)) r--;
    }
    this.c = r;
    return true;
  };

  // Groupings are sets of ASCII letters; the Rust tests the char's code point against a
  // bitmap over an ASCII range, so any non-ASCII char (lead byte ≥ 0x80) is outside every set.
  function inSet(g, b) {
    return b < 0x80 && g.indexOf(String.fromCharCode(b)) >= 0;
  }
  E.inG = function (g) {
    if (this.c >= this.l || !inSet(g, this.byteAt(this.c))) return false;
    this.nextChar();
    return true;
  };
  // go_in_grouping: skip chars in g, stop before the first one not in g.
  E.goInG = function (g) {
    while (this.c < this.l) {
      if (!inSet(g, this.byteAt(this.c))) return true;
      this.nextChar();
    }
    return false;
  };
  // go_out_grouping: skip chars not in g, stop before the first one in g.
  E.goOutG = function (g) {
    while (this.c < this.l) {
      if (inSet(g, this.byteAt(this.c))) return true;
      this.nextChar();
    }
    return false;
  };
  E.inGB = function (g) {
    if (this.c <= this.lb) return false;
    var c = this.c;
    this.prevChar();
    if (inSet(g, this.byteAt(this.c))) return true;
    this.c = c;
    return false;
  };
  E.outGB = function (g) {
    if (this.c <= this.lb) return false;
    var c = this.c;
    this.prevChar();
    if (!inSet(g, this.byteAt(this.c))) return true;
    this.c = c;
    return false;
  };
  // go_out_grouping_b: move back over chars not in g, stop just after one in g.
  E.goOutGB = function (g) {
    while (this.c > this.lb) {
      var c = this.c;
      this.prevChar();
      if (inSet(g, this.byteAt(this.c))) {
        this.c = c;
        return true;
      }
    }
    return false;
  };

  // eq_s (it fails at the limit even for a match) and eq_s_b; literals are ASCII.
  E.eqS = function (t) {
    if (this.c >= this.l || this.s.substr(this.c, t.length) !== t) return false;
    this.c += t.length;
    return true;
  };
  E.eqSB = function (t) {
    var from = this.c - t.length;
    if (this.c - this.lb < t.length || !this.boundary(from) || this.s.substr(from, t.length) !== t) return false;
    this.c = from;
    return true;
  };

  // replace_s: splice, then shift limit and cursor as the Rust does.
  E.replace = function (bra, ket, t) {
    var adj = t.length - (ket - bra);
    this.s = this.s.slice(0, bra) + t + this.s.slice(ket);
    this.l += adj;
    if (this.c >= ket) this.c += adj;
    else if (this.c > bra) this.c = bra;
    return adj;
  };
  E.sliceFrom = function (t) {
    this.replace(this.bra, this.ket, t);
    this.ket = this.bra + t.length;
  };
  E.sliceDel = function () {
    this.sliceFrom('');
  };

  // Byte-wise binary search of a sorted among table ([string, index of the longest entry that
  // is its prefix (suffix, backwards), result]), then the fallback chain. A direct port of
  // find_among / find_among_b; none of the English tables has routines attached.
  E.findAmong = function (a) {
    var i = 0, j = a.length, c = this.c, l = this.l, ci = 0, cj = 0, first = false;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(ci, cj), w = a[k][0];
      for (var x = common; x < w.length; x++) {
        if (c + common === l) { diff = -1; break; }
        diff = this.byteAt(c + common) - w.charCodeAt(x);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; cj = common; } else { i = k; ci = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first) break;
        first = true;
      }
    }
    for (;;) {
      var e = a[i];
      if (ci >= e[0].length) { this.c = c + e[0].length; return e[2]; }
      i = e[1];
      if (i < 0) return 0;
    }
  };
  E.findAmongB = function (a) {
    var i = 0, j = a.length, c = this.c, lb = this.lb, ci = 0, cj = 0, first = false;
    for (;;) {
      var k = i + ((j - i) >> 1), diff = 0, common = Math.min(ci, cj), w = a[k][0];
      for (var x = w.length - common - 1; x >= 0; x--) {
        if (c - common === lb) { diff = -1; break; }
        diff = this.byteAt(c - common - 1) - w.charCodeAt(x);
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) { j = k; cj = common; } else { i = k; ci = common; }
      if (j - i <= 1) {
        if (i > 0 || j === i || first) break;
        first = true;
      }
    }
    for (;;) {
      var e = a[i];
      if (ci >= e[0].length) { this.c = c - e[0].length; return e[2]; }
      i = e[1];
      if (i < 0) return 0;
    }
  };

  // Snowball's quick pre-check before an among search: is the byte at i a lower-case-range
  // byte (0x60–0x7f) whose low 5 bits are set in mask? Kept literally for parity.
  E.quick = function (i, mask) {
    var b = this.byteAt(i);
    return b >> 5 === 3 && ((mask >> (b & 0x1f)) & 1) === 1;
  };

  // ---- English (Porter2) tables, in frostem's order ----------------------------------------

  var V = 'aeiouy';
  var V_WXY = 'aeiouywxY';
  var AEO = 'aeo';
  var VALID_LI = 'cdeghkmnrt';

  // Stems that end the first region early (p1 right after them).
  var A_0 = [['arsen', -1, -1], ['commun', -1, -1], ['emerg', -1, -1], ['gener', -1, -1], ['inter', -1, -1],
    ['later', -1, -1], ['organ', -1, -1], ['past', -1, -1], ['univers', -1, -1]];
  var A_1 = [["'", -1, 1], ["'s'", 0, 1], ["'s", -1, 1]];
  var A_2 = [['ied', -1, 2], ['s', -1, 3], ['ies', 1, 2], ['sses', 1, 1], ['ss', 1, -1], ['us', 1, -1]];
  var A_3 = [['succ', -1, 1], ['proc', -1, 1], ['exc', -1, 1]];
  var A_4 = [['even', -1, 2], ['cann', -1, 2], ['inn', -1, 2], ['earr', -1, 2], ['herr', -1, 2], ['out', -1, 2],
    ['y', -1, 1]];
  var A_5 = [['', -1, -1], ['ed', 0, 2], ['eed', 1, 1], ['ing', 0, 3], ['edly', 0, 2], ['eedly', 4, 1],
    ['ingly', 0, 2]];
  var A_6 = [['', -1, 3], ['bb', 0, 2], ['dd', 0, 2], ['ff', 0, 2], ['gg', 0, 2], ['bl', 0, 1], ['mm', 0, 2],
    ['nn', 0, 2], ['pp', 0, 2], ['rr', 0, 2], ['at', 0, 1], ['tt', 0, 2], ['iz', 0, 1]];
  var A_7 = [['anci', -1, 3], ['enci', -1, 2], ['ogi', -1, 14], ['li', -1, 16], ['bli', 3, 12], ['abli', 4, 4],
    ['alli', 3, 8], ['fulli', 3, 9], ['lessli', 3, 15], ['ousli', 3, 10], ['entli', 3, 5], ['aliti', -1, 8],
    ['biliti', -1, 12], ['iviti', -1, 11], ['tional', -1, 1], ['ational', 14, 7], ['alism', -1, 8],
    ['ation', -1, 7], ['ization', 17, 6], ['izer', -1, 6], ['ator', -1, 7], ['iveness', -1, 11],
    ['fulness', -1, 9], ['ousness', -1, 10], ['ogist', -1, 13]];
  var STEP2 = [null, 'tion', 'ence', 'ance', 'able', 'ent', 'ize', 'ate', 'al', 'ful', 'ous', 'ive', 'ble', 'og'];
  var A_8 = [['icate', -1, 4], ['ative', -1, 6], ['alize', -1, 3], ['iciti', -1, 4], ['ical', -1, 4],
    ['tional', -1, 1], ['ational', 5, 2], ['ful', -1, 5], ['ness', -1, 5]];
  var STEP3 = [null, 'tion', 'ate', 'al', 'ic'];
  var A_9 = [['ic', -1, 1], ['ance', -1, 1], ['ence', -1, 1], ['able', -1, 1], ['ible', -1, 1], ['ate', -1, 1],
    ['ive', -1, 1], ['ize', -1, 1], ['iti', -1, 1], ['al', -1, 1], ['ism', -1, 1], ['ion', -1, 2], ['er', -1, 1],
    ['ous', -1, 1], ['ant', -1, 1], ['ent', -1, 1], ['ment', 15, 1], ['ement', 16, 1]];
  var A_10 = [['e', -1, 1], ['l', -1, 2]];
  // Whole-word exceptions; result -1 leaves the word as it is.
  var A_11 = [['andes', -1, -1], ['atlas', -1, -1], ['bias', -1, -1], ['cosmos', -1, -1], ['early', -1, 6],
    ['gently', -1, 4], ['howe', -1, -1], ['idly', -1, 3], ['news', -1, -1], ['only', -1, 7], ['singly', -1, 8],
    ['skies', -1, 2], ['skis', -1, 1], ['sky', -1, -1], ['ugly', -1, 5]];
  var EXCEPTION1 = [null, 'ski', 'sky', 'idl', 'gentl', 'ugli', 'earli', 'onli', 'singl'];

  // ---- The algorithm (english_stemmer.rs, routine by routine) ------------------------------

  // Exceptional forms matched as the whole word. true: stemming is done.
  function exception1(z) {
    z.bra = z.c;
    if (z.c + 2 >= z.l || !z.quick(z.c + 2, 42750482)) return false;
    var a = z.findAmong(A_11);
    if (a === 0) return false;
    z.ket = z.c;
    if (z.c < z.l) return false; // must be the whole word
    if (a > 0) z.sliceFrom(EXCEPTION1[a]);
    return true;
  }

  // Drop a leading apostrophe; mark consonant y (initial, or after a vowel) as Y.
  function prelude(z) {
    var yFound = false;
    var v = z.c;
    z.bra = z.c;
    if (z.eqS("'")) { z.ket = z.c; z.sliceDel(); }
    z.c = v;
    z.bra = z.c;
    if (z.eqS('y')) { z.ket = z.c; z.sliceFrom('Y'); yFound = true; }
    z.c = v;
    for (;;) {
      var v5 = z.c, found = false;
      for (;;) { // gopast (v 'y')
        var v6 = z.c;
        if (z.inG(V)) {
          z.bra = z.c;
          if (z.eqS('y')) { z.ket = z.c; z.c = v6; found = true; break; }
        }
        z.c = v6;
        if (z.c >= z.l) break;
        z.nextChar();
      }
      if (!found) { z.c = v5; break; }
      z.sliceFrom('Y');
      yFound = true;
    }
    z.c = v;
    return yFound;
  }

  // R1 and R2: after the first non-vowel following a vowel (R1 may instead end one of A_0's
  // stems); R2 the same again inside R1.
  function markRegions(z) {
    var p = { p1: z.l, p2: z.l };
    var v = z.c;
    var skipped = false;
    if (z.c + 3 < z.l && z.quick(z.c + 3, 5513250) && z.findAmong(A_0) !== 0) skipped = true;
    if (!skipped) {
      z.c = v;
      if (!z.goOutG(V)) { z.c = v; return p; }
      z.nextChar();
      if (!z.goInG(V)) { z.c = v; return p; }
      z.nextChar();
    }
    p.p1 = z.c;
    if (z.goOutG(V)) {
      z.nextChar();
      if (z.goInG(V)) {
        z.nextChar();
        p.p2 = z.c;
      }
    }
    z.c = v;
    return p;
  }

  // r_shortv: the word (or R1) ends in a short syllable.
  function shortv(z) {
    var v = z.l - z.c;
    if (z.outGB(V_WXY) && z.inGB(V) && z.outGB(V)) return true;
    z.c = z.l - v;
    if (z.outGB(V) && z.inGB(V) && z.c <= z.lb) return true;
    z.c = z.l - v;
    return z.eqSB('past');
  }

  // Step 1a: apostrophe-s, then sses/ied/ies/s.
  function step1a(z) {
    var v = z.l - z.c;
    z.ket = z.c;
    if (z.c <= z.lb || (z.byteAt(z.c - 1) !== 39 && z.byteAt(z.c - 1) !== 115) || z.findAmongB(A_1) === 0) {
      z.c = z.l - v;
    } else {
      z.bra = z.c;
      z.sliceDel();
    }
    z.ket = z.c;
    if (z.c <= z.lb || (z.byteAt(z.c - 1) !== 100 && z.byteAt(z.c - 1) !== 115)) return;
    var a = z.findAmongB(A_2);
    if (a === 0) return;
    z.bra = z.c;
    if (a === 1) {
      z.sliceFrom('ss');
    } else if (a === 2) {
      // ied/ies → i after 2+ letters (cries → cri), else ie (ties → tie).
      var v2 = z.l - z.c;
      if (z.hopBack(2)) {
        z.sliceFrom('i');
      } else {
        z.c = z.l - v2;
        z.sliceFrom('ie');
      }
    } else if (a === 3) {
      // s: delete if a vowel comes before the letter preceding it (gas, this stay).
      if (z.c <= z.lb) return;
      z.prevChar();
      if (!z.goOutGB(V)) return;
      z.prevChar();
      z.sliceDel();
    }
  }

  // Step 1b: eed/eedly, ed/edly/ing/ingly, and the tidying after removing one of those.
  function step1b(z, p) {
    z.ket = z.c;
    var a = z.c - 1 <= z.lb || !z.quick(z.c - 1, 33554576) ? -1 : z.findAmongB(A_5);
    z.bra = z.c;
    var v13 = z.l - z.c;
    var remove = false; // the Rust's break 'lab22: delete the suffix (if a vowel precedes)
    if (a === 1) {
      var v14 = z.l - z.c;
      if (p.p1 <= z.c) {
        var v15 = z.l - z.c;
        // succeed/proceed/exceed keep their ee; anything else in R1 becomes ee.
        if (!(z.c - 2 > z.lb && z.byteAt(z.c - 1) === 99 && z.findAmongB(A_3) !== 0 && z.c <= z.lb)) {
          z.c = z.l - v15;
          z.sliceFrom('ee');
        }
      }
      z.c = z.l - v14;
    } else if (a === 2) {
      remove = true;
    } else if (a === 3) {
      if (z.c <= z.lb || !z.quick(z.c - 1, 34881536)) {
        remove = true;
      } else {
        var b = z.findAmongB(A_4);
        if (b === 0) {
          remove = true;
        } else if (b === 1) {
          // dying → die, lying → lie: y after one non-vowel at the start.
          var v16 = z.l - z.c;
          if (!z.outGB(V) || z.c > z.lb) {
            remove = true;
          } else {
            z.c = z.l - v16;
            z.bra = z.c;
            z.sliceFrom('ie');
          }
        } else if (b === 2) {
          // evening, inning, outing, …: kept whole when that is the entire word.
          if (z.c > z.lb) remove = true;
        }
      }
    }
    if (!remove) return;
    z.c = z.l - v13;
    var v17 = z.l - z.c;
    if (!z.goOutGB(V)) return;
    z.prevChar();
    z.c = z.l - v17;
    z.sliceDel();
    z.ket = z.c;
    z.bra = z.c;
    var v18 = z.l - z.c;
    var d = z.c - 1 <= z.lb || !z.quick(z.c - 1, 68514004) ? 3 : z.findAmongB(A_6);
    if (d === 1) {
      // at/bl/iz → ate/ble/ize (bra = ket = end: an insertion).
      z.sliceFrom('e');
      return;
    } else if (d === 2) {
      // A double consonant is undoubled, except after a single a/e/o at the start (add, egg).
      var v19 = z.l - z.c;
      if (z.inGB(AEO) && z.c <= z.lb) return;
      z.c = z.l - v19;
    } else if (d === 3) {
      // A short word gets its e back (hop → hope).
      if (z.c !== p.p1) return;
      var v20 = z.l - z.c;
      if (!shortv(z)) return;
      z.c = z.l - v20;
      z.sliceFrom('e');
      return;
    }
    z.c = z.l - v18;
    z.ket = z.c;
    if (z.c <= z.lb) return;
    z.prevChar();
    z.bra = z.c;
    z.sliceDel();
  }

  // Step 1c: final y/Y after a non-vowel that is not the first letter → i.
  function step1c(z) {
    z.ket = z.c;
    if (!z.eqSB('y') && !z.eqSB('Y')) return;
    z.bra = z.c;
    if (!z.outGB(V) || z.c <= z.lb) return;
    z.sliceFrom('i');
  }

  function step2(z, p) {
    z.ket = z.c;
    if (z.c - 1 <= z.lb || !z.quick(z.c - 1, 1864192)) return;
    var a = z.findAmongB(A_7);
    if (a === 0) return;
    z.bra = z.c;
    if (p.p1 > z.c) return;
    if (a <= 13) {
      z.sliceFrom(STEP2[a]);
    } else if (a === 14) {
      if (z.eqSB('l')) z.sliceFrom('og'); // logi → log
    } else if (a === 15) {
      z.sliceFrom('less');
    } else if (a === 16) {
      if (z.inGB(VALID_LI)) z.sliceDel(); // li after a valid li-ending
    }
  }

  function step3(z, p) {
    z.ket = z.c;
    if (z.c - 2 <= z.lb || !z.quick(z.c - 1, 528928)) return;
    var a = z.findAmongB(A_8);
    if (a === 0) return;
    z.bra = z.c;
    if (p.p1 > z.c) return;
    if (a <= 4) z.sliceFrom(STEP3[a]);
    else if (a === 5) z.sliceDel();
    else if (a === 6 && p.p2 <= z.c) z.sliceDel(); // ative only in R2
  }

  function step4(z, p) {
    z.ket = z.c;
    if (z.c - 1 <= z.lb || !z.quick(z.c - 1, 1864232)) return;
    var a = z.findAmongB(A_9);
    if (a === 0) return;
    z.bra = z.c;
    if (p.p2 > z.c) return;
    if (a === 1) z.sliceDel();
    else if (a === 2 && (z.eqSB('s') || z.eqSB('t'))) z.sliceDel(); // ion after s or t
  }

  function step5(z, p) {
    z.ket = z.c;
    if (z.c <= z.lb || (z.byteAt(z.c - 1) !== 101 && z.byteAt(z.c - 1) !== 108)) return;
    var a = z.findAmongB(A_10);
    if (a === 0) return;
    z.bra = z.c;
    if (a === 1) {
      // e: in R2, or in R1 unless the word then ends in a short syllable.
      if (p.p2 > z.c) {
        if (p.p1 > z.c) return;
        var v = z.l - z.c;
        if (shortv(z)) return;
        z.c = z.l - v;
      }
      z.sliceDel();
    } else if (a === 2) {
      // ll in R2 → l
      if (p.p2 > z.c || !z.eqSB('l')) return;
      z.sliceDel();
    }
  }

  function postlude(z) {
    for (;;) { // every Y back to y
      var v = z.c, found = false;
      for (;;) {
        var v2 = z.c;
        z.bra = z.c;
        if (z.eqS('Y')) { z.ket = z.c; z.c = v2; found = true; break; }
        z.c = v2;
        if (z.c >= z.l) break;
        z.nextChar();
      }
      if (!found) { z.c = v; return; }
      z.sliceFrom('y');
    }
  }

  function run(z) {
    if (exception1(z)) return;
    z.c = 0;
    if (!z.hop(3)) return; // words of one or two letters stay as they are
    z.c = 0;
    var yFound = prelude(z);
    var p = markRegions(z);
    // Backward mode: the steps work from the end; each starts where the previous ended.
    z.lb = z.c;
    z.c = z.l;
    var steps = [step1a, step1b, step1c, step2, step3, step4, step5];
    for (var i = 0; i < steps.length; i++) {
      var v = z.l - z.c;
      steps[i](z, p);
      z.c = z.l - v;
    }
    z.c = z.lb;
    if (yFound) postlude(z);
  }

  // ---- UTF-8 byte strings --------------------------------------------------------------------

  function toBytes(s) {
    var b = new TextEncoder().encode(s), out = '';
    for (var i = 0; i < b.length; i++) out += String.fromCharCode(b[i]);
    return out;
  }
  function fromBytes(s) {
    var b = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return new TextDecoder().decode(b);
  }

  function stem(word) {
    word = String(word);
    var ascii = ASCII.test(word);
    var z = new Env(ascii ? word : toBytes(word));
    run(z);
    return ascii ? z.s : fromBytes(z.s);
  }

  var api = { stem: stem };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else root.IthubStem = api;
})(typeof self !== 'undefined' ? self : this);
