// The theme compiled into the binary (src/render/theme.rs DEFAULT_FILES) must carry every
// static file of themes/default/, or a site built from a folder without themes/ loses them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { siteDir } from './harness.mjs';

const embedded = process.env.ITHUB_EMBEDDED_SITE;

test('the embedded default theme has every asset of themes/default', (t) => {
  if (!embedded) return t.skip('ITHUB_EMBEDDED_SITE not set (run.sh sets it)');
  const list = (dir) => fs.readdirSync(path.join(dir, 'assets')).sort();
  const disk = list(siteDir());
  assert.ok(disk.some((f) => /^self-assessment\.[0-9a-f]+\.js$/.test(f)), 'the self-assessment script is built');
  assert.ok(disk.some((f) => /^checklist\.[0-9a-f]+\.js$/.test(f)));
  assert.ok(disk.some((f) => /^filters\.[0-9a-f]+\.js$/.test(f)));
  // Fingerprints are of the content, so equal names mean equal files.
  assert.deepEqual(list(embedded), disk);
  const page = 'roadmaps/successful-cluster-working/index.html';
  assert.equal(fs.readFileSync(path.join(embedded, page), 'utf8'), fs.readFileSync(path.join(siteDir(), page), 'utf8'));
});
