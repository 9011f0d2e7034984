// Visual regression: the first screen of every page kind at 320, 768 and 1280 px, compared
// with the committed PNGs in baselines/ by pixelmatch, so a CSS change that breaks a layout
// fails here. Fonts are pinned (fonts.conf: Debian's DejaVu only).
// Refresh the baselines after an intended change:  UPDATE_BASELINES=1 bash tests/browser/run.sh
// (or, with a built site, UPDATE_BASELINES=1 ITHUB_SITE=... node --test visual.test.mjs),
// then look at every changed PNG before committing it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { serve, launch, openSized, PAGES } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const BASELINES = path.join(here, 'baselines');
const UPDATE = process.env.UPDATE_BASELINES === '1';
// Per pixel, pixelmatch's colour threshold absorbs anti-aliasing; per image, up to 0.5 % of
// pixels may differ (a moved line of text differs by far more).
const THRESHOLD = 0.1;
const MAX_DIFF = 0.005;
// The first 640 px of each page: the header, the start of the content and its layout.
const SIZES = [[320, 640], [768, 640], [1280, 640]];

/**
 * Grey, 16 levels: a baseline stays small enough to commit (tens of KB), and a change of
 * layout, size or contrast still shows; a change of hue alone is axe's and the eye's job.
 */
function grey(png) {
  const out = new PNG({ width: png.width, height: png.height });
  for (let i = 0; i < png.data.length; i += 4) {
    const y = (0.299 * png.data[i] + 0.587 * png.data[i + 1] + 0.114 * png.data[i + 2]) & 0xf0;
    out.data[i] = out.data[i + 1] = out.data[i + 2] = y;
    out.data[i + 3] = 255;
  }
  return out;
}

let srv, browser;

before(async () => {
  srv = await serve();
  browser = await launch({ env: { FONTCONFIG_FILE: path.join(here, 'fonts.conf') } });
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

const slug = (name) => name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

for (const [name, site] of Object.entries(PAGES)) {
  for (const [width, height] of SIZES) {
    test(`looks as before: ${name} at ${width} px`, async () => {
      const { page, close } = await openSized(browser, srv.base + site, { width, height });
      if (await page.locator('[data-filters]').count()) await page.waitForSelector('[data-filter-form]', { state: 'attached' });
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      const shot = grey(PNG.sync.read(await page.screenshot({ animations: 'disabled', caret: 'hide' })));
      await close();
      const file = path.join(BASELINES, `${slug(name)}-${width}.png`);
      if (UPDATE || !fs.existsSync(file)) {
        if (!UPDATE) assert.fail(`no baseline ${path.relative(here, file)}: run with UPDATE_BASELINES=1 to create it`);
        fs.writeFileSync(file, PNG.sync.write(shot, { colorType: 0 }));
        return;
      }
      const base = grey(PNG.sync.read(fs.readFileSync(file)));
      assert.deepEqual([shot.width, shot.height], [base.width, base.height], `${name} at ${width}: size`);
      const diff = new PNG({ width: base.width, height: base.height });
      const n = pixelmatch(base.data, shot.data, diff.data, base.width, base.height, { threshold: THRESHOLD });
      const share = n / (base.width * base.height);
      if (share > MAX_DIFF) {
        const out = path.join(process.env.TMPDIR || '/tmp', `ithub-visual-${slug(name)}-${width}`);
        fs.writeFileSync(`${out}-actual.png`, PNG.sync.write(shot));
        fs.writeFileSync(`${out}-diff.png`, PNG.sync.write(diff));
        assert.fail(`${name} at ${width} px: ${(share * 100).toFixed(2)} % of pixels differ (allowed ${MAX_DIFF * 100} %); see ${out}-actual.png and ${out}-diff.png`);
      }
    });
  }
}
