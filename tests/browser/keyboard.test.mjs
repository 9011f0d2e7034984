// Keyboard alone: the skip link, the pack checklist, the case-study filters, the search box,
// and a full tab through the self-assessment with no trap and focus always visible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, PAGES, ROADMAP, tabTo, assertFocusVisible, fillSelfAssessment } from './harness.mjs';

let srv, browser, context, page, index;

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(10000);
  index = await (await fetch(srv.base + 'case-studies/index.json')).json();
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

const focused = () => page.evaluate(() => {
  const el = document.activeElement;
  return el ? { tag: el.tagName.toLowerCase(), id: el.id, name: el.name, text: el.textContent.trim().slice(0, 80) } : null;
});

test('skip link: first Tab shows it, Enter moves focus to the main content', async () => {
  await page.goto(srv.base + PAGES.zone);
  await page.keyboard.press('Tab');
  const link = page.locator('.skip-link');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  const box = await link.boundingBox();
  assert.ok(box && box.x >= 0 && box.width > 0, 'the skip link is on screen when focused');
  await assertFocusVisible(page);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
});

test('checklist: tick by keyboard, ticks persist, progress shows on the pack and the one-page pack', async () => {
  const section = PAGES['pack section'];
  await page.goto(srv.base + section);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const boxes = page.locator('fieldset[data-checklist] input[type=checkbox]');
  const total = await boxes.count();
  assert.ok(total >= 2, 'the section has a checklist');
  const progress = page.locator('.checklist-progress');
  assert.equal(await progress.getAttribute('aria-live'), 'polite', 'progress is announced');
  assert.match(await progress.innerText(), new RegExp(`^0 of ${total} items done`));

  const first = await boxes.nth(0).getAttribute('id');
  const third = await boxes.nth(2).getAttribute('id');
  await tabTo(page, `#${first}`);
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, third);
  await page.keyboard.press('Space');
  assert.equal(await boxes.nth(0).isChecked(), true);
  assert.equal(await boxes.nth(1).isChecked(), false);
  assert.equal(await boxes.nth(2).isChecked(), true);
  assert.match(await progress.innerText(), new RegExp(`^2 of ${total} items done`));

  await page.reload();
  assert.deepEqual(await boxes.evaluateAll((bs) => bs.map((b) => b.checked)).then((c) => c.slice(0, 3)), [true, false, true]);

  // Untick one by keyboard: the change persists too.
  await page.focus(`#${third}`);
  await page.keyboard.press('Space');
  await page.reload();
  assert.equal(await boxes.nth(2).isChecked(), false);

  // The pack's contents page shows progress for this section and for the whole pack.
  await page.goto(srv.base + PAGES.pack);
  const slug = section.split('/').filter(Boolean).pop();
  const badge = page.locator(`li[data-section="${slug}"] .section-progress`);
  assert.equal(await badge.innerText(), `Checklist: 1 of ${total} done`);
  const others = await page.locator(`li[data-section]:not([data-section="${slug}"]) .section-progress`).allInnerTexts();
  assert.ok(others.length > 0 && others.every((t) => /: 0 of \d+ done/.test(t)), 'other sections untouched');
  const all = await page.locator('li[data-section]').evaluateAll((ls) => ls.reduce((n, l) => n + Number(l.dataset.count), 0));
  assert.equal(await page.locator('[data-progress-text]').innerText(), `You have ticked 1 of ${all} checklist items in this pack.`);
  assert.equal(await page.locator('[data-pack-progress] progress').evaluate((p) => [p.value, p.max].join('/')), `1/${all}`);

  // The one-page pack shows the same ticks.
  await page.goto(srv.base + PAGES['one-page pack']);
  assert.equal(await page.locator(`#${first}`).isChecked(), true);
  assert.equal(await page.locator(`#${third}`).isChecked(), false);

  // Untick everything from the contents page, by keyboard.
  await page.goto(srv.base + PAGES.pack);
  page.once('dialog', (d) => d.accept());
  await tabTo(page, '[data-pack-reset]');
  await page.keyboard.press('Enter');
  assert.equal(await badge.innerText(), `Checklist: 0 of ${total} done`);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('ithub:checklist:')).length), 0);
});

/** Chooses an option of the focused <select> with the arrow keys, as a keyboard user would. */
async function arrowTo(value) {
  for (let i = 0; i < 60; i++) {
    if ((await page.evaluate(() => document.activeElement.value)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not reach option ${value} with the arrow keys`);
}

const cards = () => page.locator('[data-results] .card-title a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
const expected = (f) => index.items
  .filter((it) => Object.entries(f).every(([k, v]) => it[k].includes(v)))
  .map((it) => '/hub/' + it.url).sort();

test('filters: choose by keyboard, results and count update, the URL is shareable', async () => {
  await page.goto(srv.base + 'case-studies/');
  await page.waitForSelector('[data-filter-form]');
  const count = page.locator('[data-count]');
  assert.equal(await count.getAttribute('aria-live'), 'polite');
  assert.equal((await cards()).length, index.items.length, 'every case study is listed, not just a page');
  assert.ok(await page.locator('.pagination').isHidden(), 'static pagination is replaced');

  await page.focus('main h1').catch(() => {});
  await tabTo(page, '#filter-board');
  await arrowTo('lothian');
  await page.waitForFunction(() => location.search === '?board=lothian');
  const lothian = expected({ board: 'lothian' });
  assert.ok(lothian.length > 0 && lothian.length < index.items.length);
  assert.deepEqual((await cards()).sort(), lothian);
  assert.equal(await count.innerText(), `${lothian.length} case studies match your filters.`);

  // Pick a topic that some Lothian case studies have and some do not.
  const topic = index.items.filter((it) => it.board.includes('lothian')).map((it) => it.topic).flat()
    .find((t) => expected({ board: 'lothian', topic: t }).length < lothian.length);
  await tabTo(page, '#filter-topic');
  await arrowTo(topic);
  await page.waitForFunction((t) => new URLSearchParams(location.search).get('topic') === t, topic);
  const both = expected({ board: 'lothian', topic });
  assert.deepEqual((await cards()).sort(), both);
  assert.equal(new URL(page.url()).search, `?board=lothian&topic=${topic}`);
  assert.match(await count.innerText(), new RegExp(`^${both.length} case stud(y|ies) match`));
  // Each option says how many results choosing it would give.
  const opt = await page.locator(`#filter-topic option[value="${topic}"]`).innerText();
  assert.match(opt, new RegExp(`\\(${both.length}\\)$`));

  // The shared link opens with the same filters.
  const shared = page.url();
  await page.goto('about:blank');
  await page.goto(shared);
  await page.waitForSelector('[data-filter-form]');
  assert.equal(await page.locator('#filter-board').inputValue(), 'lothian');
  assert.equal(await page.locator('#filter-topic').inputValue(), topic);
  assert.deepEqual((await cards()).sort(), both);

  // Clear by keyboard: everything again, and a clean URL.
  await tabTo(page, '[data-filter-form] button');
  await page.keyboard.press('Enter');
  assert.equal(new URL(page.url()).search, '');
  assert.equal((await cards()).length, index.items.length);
  assert.equal((await focused()).id, 'filter-board', 'focus goes back to the first filter');

  // A followed result is a real page.
  await page.locator('#filter-board').focus();
  await arrowTo('lothian');
  await tabTo(page, '[data-results] .card-title a');
  await Promise.all([page.waitForURL(/\/hub\/case-studies\/[a-z0-9-]+\/$/), page.keyboard.press('Enter')]);
  assert.ok(lothian.includes(new URL(page.url()).pathname));
});

test('filters on a static facet page start from its facet, and can widen it', async () => {
  await page.goto(srv.base + 'case-studies/board/lothian/');
  await page.waitForSelector('[data-filter-form]');
  assert.equal(await page.locator('#filter-board').inputValue(), 'lothian');
  assert.deepEqual((await cards()).sort(), expected({ board: 'lothian' }));
  await page.locator('#filter-board').focus();
  await page.keyboard.press('Home');
  await page.waitForFunction(() => location.search === '?board=');
  assert.equal((await cards()).length, index.items.length);
  assert.equal(await page.locator('main h1').innerText(), 'Case studies');
  // Reloading keeps "any board" even though the page is the Lothian one.
  await page.reload();
  await page.waitForSelector('[data-filter-form]');
  assert.equal(await page.locator('#filter-board').inputValue(), '');
  assert.equal((await cards()).length, index.items.length);
});

test('search box: type a query and submit it by keyboard', async () => {
  await page.goto(srv.base);
  await tabTo(page, '#home-q');
  await page.keyboard.type('data');
  await Promise.all([page.waitForURL(/\/hub\/search\/\?q=data$/), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('main h1').innerText(), 'Search');
  // And from the search page's own box.
  await page.goto(srv.base + 'search/');
  await tabTo(page, '#search-q');
  await page.keyboard.type('diabetes');
  await Promise.all([page.waitForURL(/\/hub\/search\/\?q=diabetes$/), page.keyboard.press('Enter')]);
});

test('search results: follow one by keyboard', async (t) => {
  await page.goto(srv.base + 'search/?q=data');
  const scripts = await page.locator('script[src]').count();
  if (!scripts) return t.skip('the search page has no search client yet');
  const result = page.locator('[data-search-results] a').first();
  await result.waitFor();
  await page.locator('#search-q').focus();
  await tabTo(page, '[data-search-results] a');
  const href = await page.evaluate(() => document.activeElement.href);
  const [res] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  assert.equal(res.status(), 200);
  assert.equal(page.url().split('#')[0], href.split('#')[0]);
});

test('self-assessment: Tab through the whole filled page with no trap, focus always visible', async () => {
  await page.goto(srv.base + ROADMAP);
  await fillSelfAssessment(page);
  await page.click('#data [data-add-action]');
  await page.keyboard.type('An action');
  await page.locator('.skip-link').focus();
  const seen = new Set();
  let last = null;
  let repeats = 0;
  for (let i = 0; i < 600; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      return { key: el.id || el.name || el.outerHTML.slice(0, 80), date: el.type === 'date', footer: !!el.closest('.site-footer') };
    });
    // Tab steps through a date field's day, month, year and calendar button before leaving it.
    repeats = f.key === last ? repeats + 1 : 0;
    assert.ok(repeats === 0 || (f.date && repeats < 4), `focus stuck on ${f.key}`);
    await assertFocusVisible(page);
    seen.add(f.key);
    last = f.key;
    if (f.footer) break;
    assert.ok(i < 599, 'never reached the footer');
  }
  for (const id of ['data-established', 'data-q1-amber', 'data-notes', 'sa-who', 'sa-import', 'sa-compare']) {
    assert.ok(seen.has(id), `${id} is reachable by Tab`);
  }
  await page.evaluate(() => localStorage.clear());
});
