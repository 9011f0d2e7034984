// Phone-first layout and the WCAG 2.2 AA criteria axe cannot see, measured in the browser:
// 1.4.10 reflow at 320 px, the compact header, 1.4.4 text at 200 %, 1.4.12 text spacing and
// 2.5.8 target size. Keyboard focus (2.4.7, 2.4.11) and forced colours are in focus.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSized, PAGES, ROADMAP, LAYOUT_PAGES, fillSelfAssessment } from './harness.mjs';

let srv, browser;

before(async () => {
  srv = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/** A fresh page at the given size; bypassCSP lets a test add the text-spacing stylesheet. */
async function open(path, { js = true, ...options } = {}) {
  const opened = await openSized(browser, srv.base + path, { javaScriptEnabled: js, ...options });
  if (js && (await opened.page.locator('[data-filters]').count())) await opened.page.waitForSelector('[data-filter-form]', { state: 'attached' });
  return opened;
}

/**
 * What overflows the page sideways: the page's own scroll width, and the elements (outside
 * a scrolling region) whose right edge passes the viewport, to name the culprit.
 */
function overflow(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const inScroller = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
      }
      return false;
    };
    const wide = [...document.body.querySelectorAll('*')]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().right > vw + 1 && !inScroller(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, vw, wide };
  });
}

async function assertReflows(page, what) {
  const o = await overflow(page);
  assert.ok(o.scrollWidth <= o.vw, `${what}: the page scrolls sideways (${o.scrollWidth} > ${o.vw}): ${o.wide.join(', ')}`);
}

for (const [name, path] of Object.entries(LAYOUT_PAGES)) {
  test(`320x640, ${name}: no sideways scrolling, <main> within 160 px, wide tables in focusable regions`, async () => {
    const { page, close } = await open(path);
    await assertReflows(page, name);
    const top = await page.locator('main').evaluate((m) => m.getBoundingClientRect().top);
    assert.ok(top <= 160, `${name}: <main> starts at ${top} px`);
    // Every table that is wider than its container sits in a labelled region a keyboard
    // user can focus and scroll.
    const tables = await page.locator('main table').evaluateAll((ts) => ts.filter((t) => t.checkVisibility()).map((t) => {
      const r = t.closest('.table-scroll');
      return {
        table: t.className || t.querySelector('caption')?.textContent,
        wide: t.scrollWidth > (r || t.parentElement).clientWidth,
        region: !!r && r.getAttribute('role') === 'region' && r.tabIndex === 0
          && !!(r.getAttribute('aria-labelledby') && document.getElementById(r.getAttribute('aria-labelledby'))?.textContent.trim()),
      };
    }));
    for (const t of tables) if (t.wide) assert.ok(t.region, `${name}: wide table ${t.table} is in a labelled, focusable region`);
    await close();
  });
}

test('320x640: the menu opens and closes without JavaScript and every link in it is reachable', async () => {
  const { page, close } = await open(PAGES.zone, { js: false });
  const links = page.locator('.site-header nav a');
  assert.equal(await links.first().isVisible(), false, 'the menu starts closed');
  await page.click('.site-menu > summary');
  const n = await links.count();
  assert.ok(n >= 10, `main and zone links (${n})`);
  for (let i = 0; i < n; i++) assert.ok(await links.nth(i).isVisible(), `link ${i} shows when open`);
  await assertReflows(page, 'open menu');
  await page.click('.site-menu > summary');
  assert.equal(await links.first().isVisible(), false, 'the menu closes again');
  await close();
});

test('320x640 with JavaScript: Escape closes the menu and returns focus to its button; a tap outside closes it', async () => {
  const { page, close } = await open(PAGES.zone);
  const links = page.locator('.site-header nav a');
  await page.click('.site-menu > summary');
  assert.ok(await links.first().isVisible(), 'the menu opens');
  await links.first().focus();
  await page.keyboard.press('Escape');
  assert.equal(await links.first().isVisible(), false, 'Escape closes the menu');
  assert.equal(await page.evaluate(() => document.activeElement.matches('.site-menu > summary')), true,
    'focus goes back to the menu button');
  await page.click('.site-menu > summary');
  // The open menu pushes the page down, so tap the page's own content wherever it now is.
  await page.locator('main h1').click();
  assert.equal(await links.first().isVisible(), false, 'a tap outside closes the menu');
  await close();
});

test('1280 px: the whole menu shows with no button, aligned with the content', async () => {
  const { page, close } = await open(PAGES.zone, { width: 1280, height: 800 });
  assert.equal(await page.locator('.site-menu > summary').isVisible(), false);
  assert.ok(await page.locator('.zone-nav a').first().isVisible());
  const [zone, title, main] = await Promise.all(['.zone-nav a', '.site-title', 'main h1'].map((s) =>
    page.locator(s).first().evaluate((e) => Math.round(e.getBoundingClientRect().left))));
  assert.equal(zone, main, 'the zone row starts where the content does');
  assert.equal(title, main, 'the title starts where the content does');
  await close();
});

test('search at 390x844: the first result shows above the fold, filters in a disclosure that counts', async () => {
  const { page, close } = await open('search/?q=data&board=lothian', { width: 390, height: 844 });
  await page.locator('[data-search-results] a').first().waitFor();
  const filters = page.locator('details.search-filters');
  assert.equal(await filters.evaluate((d) => d.open), false, 'filters start closed on a phone');
  assert.match(await filters.locator('summary').innerText(), /1 active/);
  const bottom = await page.locator('[data-search-results] ol a').first().evaluate((a) => a.getBoundingClientRect().bottom);
  assert.ok(bottom <= 844, `first result ends at ${bottom} px`);
  await filters.locator('summary').click();
  await page.selectOption('#search-filter-zone', { index: 1 });
  assert.match(await filters.locator('summary').innerText(), /2 active/);
  // Reading and tab order: search box, button, filters, results.
  const order = await page.evaluate(() => {
    const els = ['#search-q', '.search-filters summary', '[data-search-results] a'].map((s) => document.querySelector(s));
    return els.every((e, i) => i === 0 || (els[i - 1].compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));
  });
  assert.ok(order, 'search box, then filters, then results in the DOM');
  await close();
});

test('case studies at 390x844: the first result shows above the fold, filters in a disclosure that counts', async () => {
  const { page, close } = await open('case-studies/?board=lothian', { width: 390, height: 844 });
  const filters = page.locator('details.filter-disclosure');
  assert.equal(await filters.evaluate((d) => d.open), false, 'filters start closed on a phone');
  assert.match(await filters.locator('summary').innerText(), /1 active/);
  const bottom = await page.locator('[data-results] .card a').first().evaluate((a) => a.getBoundingClientRect().bottom);
  assert.ok(bottom <= 844, `first result ends at ${bottom} px`);
  await filters.locator('summary').click();
  await page.selectOption('#filter-zone', { index: 1 });
  assert.match(await filters.locator('summary').innerText(), /2 active/);
  await page.click('[data-filter-form] button');
  assert.match(await filters.locator('summary').innerText(), /none active/);
  await close();
});

test('the filled self-assessment reflows at 320 px', async () => {
  const { page, close } = await open(ROADMAP);
  await page.evaluate(() => localStorage.clear());
  await fillSelfAssessment(page);
  await page.click('#data [data-add-action]');
  await assertReflows(page, 'filled roadmap');
  await page.evaluate(() => localStorage.clear());
  await close();
});

// 1.4.4: text-only zoom to 200 % at 1280 px (what a browser's text-size setting does); nothing
// may overflow the page or be cut off inside a control.
async function clipped(page) {
  return page.evaluate(() => [...document.querySelectorAll('main *, header *')]
    .filter((el) => el.checkVisibility() && !el.closest('.visually-hidden, .table-scroll, pre'))
    .filter((el) => {
      const s = getComputedStyle(el);
      const hides = /hidden|clip/.test(s.overflowX + s.overflowY);
      return hides && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
    })
    .map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
}

for (const name of ['home', 'case study', 'roadmap', 'search', 'one-page pack']) {
  test(`text at 200 %: ${name} keeps all its text and does not scroll sideways`, async () => {
    const { page, close } = await open(PAGES[name], { width: 1280, height: 800, bypassCSP: true });
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
    await assertReflows(page, `${name} at 200 %`);
    assert.deepEqual(await clipped(page), [], `${name}: clipped text at 200 %`);
    await close();
  });

  // 1.4.12: the WCAG text-spacing bookmarklet's values, at 320 px.
  test(`text spacing (1.4.12): ${name} at 320 px`, async () => {
    const { page, close } = await open(PAGES[name], { bypassCSP: true });
    await page.addStyleTag({
      content: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
    });
    await assertReflows(page, `${name} with text spacing`);
    assert.deepEqual(await clipped(page), [], `${name}: clipped text with text spacing`);
    await close();
  });
}

// 2.5.8: every control that is not a link inside running text is at least 24x24 CSS px.
for (const name of ['home', 'case-study list', 'pack section', 'roadmap', 'search', 'zone']) {
  test(`target size >= 24x24 at 320 px: ${name}`, async () => {
    const path = name === 'search' ? 'search/?q=data' : PAGES[name];
    const { page, close } = await open(path);
    if (name === 'search') await page.locator('[data-search-results] a').first().waitFor();
    if (name === 'roadmap') await page.click('#data [data-add-action]').catch(() => {});
    await page.click('.site-menu > summary');
    const small = await page.evaluate(() => {
      const inline = (el) => el.tagName === 'A' && getComputedStyle(el).display === 'inline'
        && el.parentElement.closest('p, li, td, dd, figcaption') && el.parentElement.closest('p, li, td, dd, figcaption').textContent.trim() !== el.textContent.trim();
      return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')]
        .filter((el) => el.checkVisibility() && !inline(el) && !el.closest('.skip-link'))
        .map((el) => {
          // A radio or checkbox counts with its label when the label wraps it.
          const box = (el.closest('label') || el).getBoundingClientRect();
          return { el: `${el.tagName.toLowerCase()}#${el.id}.${el.className} “${(el.textContent || el.value || '').trim().slice(0, 30)}”`, w: box.width, h: box.height };
        })
        .filter((t) => t.w < 24 || t.h < 24)
        .map((t) => `${t.el}: ${t.w.toFixed(1)}x${t.h.toFixed(1)}`);
    });
    assert.deepEqual(small, [], `${name}: targets under 24x24`);
    await page.evaluate(() => localStorage.clear());
    await close();
  });
}
