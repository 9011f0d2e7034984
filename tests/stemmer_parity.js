// Driver for tests/stemmer_parity.rs: runs search-stem.js, after search.js's tokenizer, as the
// site ships them (minified, from the folder named by argv[3]) on the words and texts in the
// JSON file named by argv[2] ({"words": [...], "texts": [...]}) and prints
// {"stems": [...], "tokens": [[...]], "analyzed": [[...]], "module_mismatches": [...]}.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const file = path.join(process.argv[3], 'search-stem.js');
// The tokenizer, the steps before the stemmer, is search.js's.
const { tokens } = require(path.join(process.argv[3], 'search.js'));
const tokenize = (text) => tokens(text).map((t) => t.raw);
const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

// Load it the way a browser does: a plain script with no `module`, `self` the global object.
const sandbox = { TextEncoder, TextDecoder };
sandbox.self = sandbox;
vm.runInNewContext(fs.readFileSync(file, 'utf8'), sandbox, { filename: file });
const browser = sandbox.IthubStem;
if (!browser) throw new Error('search-stem.js did not define IthubStem as a plain script');
// …and as a node module; both must agree.
const mod = require(file);

const stems = input.words.map((w) => browser.stem(w));
const analyzed = input.texts.map((t) => tokenize(t).map(browser.stem));
const module_mismatches = input.words.filter((w, i) => mod.stem(w) !== stems[i]);
const out = {
  stems,
  tokens: input.texts.map(tokenize),
  analyzed,
  module_mismatches,
};
process.stdout.write(JSON.stringify(out));
