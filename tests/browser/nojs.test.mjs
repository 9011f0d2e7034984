// With JavaScript turned off every page type still conveys its main content, and the
// script-only tools stay out of the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, PAGES } from './harness.mjs';

let srv, browser, context, page;

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext({ javaScriptEnabled: false });
  page = await context.newPage();
  page.setDefaultTimeout(10000);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

const count = (sel) => page.locator(sel).count();
const visible = (sel) => page.locator(sel).first().isVisible();

// What each page type must show, beyond a heading and some text in <main>.
const CHECKS = {
  async home() {
    assert.equal(await count('main .zone-grid > li a'), 6, 'the six zones');
    assert.ok(await visible('#home-q'), 'a search box');
    assert.ok(await count('main .cards .card') >= 3, 'newest case studies');
  },
  async zone() {
    assert.ok(await count('main .resources .resource') > 0, 'resources');
    assert.ok(await count('main .cards .card') > 0, 'tagged case studies');
  },
  async 'case study'() {
    assert.ok(await count('main dl.facts dt') >= 3, 'the case study facts');
    assert.ok((await page.locator('main').innerText()).length > 800, 'the write-up');
  },
  async 'case-study list'() {
    assert.ok(await count('main .cards .card') > 0, 'case studies');
    assert.ok(await count('main .facets details.facet a') > 10, 'facet links work without JavaScript');
    assert.ok(await visible('main .pagination'), 'pagination');
    assert.equal(await count('[data-filter-form]'), 0, 'no script-built filters');
  },
  async 'facet page'() {
    assert.ok(await count('main .cards .card') > 0);
    assert.ok(await count('main .facets a[aria-current="page"]') === 1, 'the current facet is marked');
  },
  async 'facet page, page 2'() {
    assert.ok(await count('main .cards .card') > 0);
    assert.ok(await count('main .pagination a[rel=prev]') === 1);
  },
  async 'browse page'() {
    assert.ok(await count('main .cards .card') > 0);
  },
  async pack() {
    assert.ok(await count('main ol.pack-contents > li a') >= 5, 'the contents');
    assert.equal(await visible('[data-pack-progress]'), false, 'no progress without JavaScript');
  },
  async 'pack section'() {
    assert.ok(await count('main fieldset.checklist input[type=checkbox]') > 0, 'a checklist to tick or print');
    assert.ok(await count('main .prev-next a') > 0, 'previous/next');
  },
  async 'one-page pack'() {
    const sections = await count('main section.print-section');
    assert.ok(sections >= 5, 'every section');
    assert.ok(await count('main fieldset.checklist') >= sections - 1, 'their checklists');
  },
  async basket() {
    assert.ok((await page.locator('main').innerText()).length > 1000, 'the topics');
    assert.ok(await count('main h2') >= 2);
  },
  async roadmap() {
    assert.equal(await count('form.worksheet section.roadmap-component'), 12, 'all 12 components');
    assert.equal(await count('form.worksheet input[type=radio][name$="-stage"]'), 48, 'four stages each');
    assert.ok(await count('form.worksheet li[data-question] legend') > 30, 'the questions');
    assert.equal(await count('form.worksheet textarea'), 12, 'a notes box each');
    assert.equal(await count('form.worksheet .component-links a'), 24, 'links to case studies and zones');
    // The tools need JavaScript, so without it they are not shown at all.
    assert.equal(await visible('.sa-results'), false);
    assert.equal(await visible('.sa-intro'), false);
    assert.equal(await visible('[data-add-action]'), false);
    assert.equal(await visible('#data .actions h3'), false, 'no empty actions section on screen');
    // The printable worksheet has room for actions on paper.
    await page.emulateMedia({ media: 'print' });
    assert.ok(await visible('#data .actions-print'));
    assert.ok(await visible('.print-only'));
    await page.emulateMedia({ media: 'screen' });
  },
  async search() {
    assert.ok(await visible('#search-q'), 'the search box');
    // The <noscript> help is rendered only when scripts really are off.
    assert.ok(await visible('main .links a'), 'ways to browse instead');
  },
  async 'content page'() {
    assert.ok((await page.locator('main').innerText()).length > 300);
  },
  async 404() {
    assert.equal(await page.locator('main h1').innerText(), 'Page not found');
    assert.ok(await count('main .links a') >= 2, 'ways back into the site');
  },
};

for (const [name, path] of Object.entries(PAGES)) {
  test(`no JavaScript: ${name} shows its main content`, async () => {
    const res = await page.goto(srv.base + path);
    assert.equal(res.status(), name === '404' ? 404 : 200);
    const h1 = await page.locator('main h1').innerText();
    assert.ok(h1.trim().length > 2, 'a heading');
    assert.ok((await page.locator('main').innerText()).length > 150, 'text in main');
    // Every stylesheet loads (a broken sub-path would lose them).
    const css = await page.locator('link[rel=stylesheet]').evaluateAll((ls) => ls.map((l) => l.href));
    for (const href of css) assert.equal((await fetch(href)).status, 200, href);
    await CHECKS[name]();
  });
}
