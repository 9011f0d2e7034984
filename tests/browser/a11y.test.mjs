// axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on every page type, with JavaScript on,
// including the interactive states: a filled self-assessment with a comparison, filtered
// case studies, ticked checklists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, PAGES, ROADMAP, axe, fillSelfAssessment } from './harness.mjs';

let srv, browser, context, page;
const errors = [];

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

function assertClean(violations, what) {
  assert.deepEqual(violations, [], `${what}: axe violations\n${JSON.stringify(violations, null, 2)}`);
}

for (const [name, path] of Object.entries(PAGES)) {
  test(`axe: ${name} (${path || 'home'})`, async () => {
    const res = await page.goto(srv.base + path);
    assert.equal(res.status(), name === '404' ? 404 : 200, `status of ${path}`);
    if (await page.locator('[data-filters]').count()) {
      // The instant filters replace the static list once the index has loaded.
      await page.waitForSelector('[data-filter-form]');
    }
    assert.ok((await page.locator('main h1').count()) === 1, 'one h1 in main');
    assertClean(await axe(page), name);
  });
}

test('axe: search page with results', async () => {
  await page.goto(srv.base + 'search/?q=data');
  // With a search client in the theme, check the page with its results showing.
  if (await page.locator('script[src]').count()) await page.locator('[data-search-results] a').first().waitFor();
  await page.waitForLoadState('networkidle');
  assertClean(await axe(page), 'search with a query');
});

test('axe: roadmap with the self-assessment filled in, actions and a comparison', async () => {
  await page.goto(srv.base + ROADMAP);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await fillSelfAssessment(page, { who: 'Axe tester' });
  await page.click('#data [data-add-action]');
  await page.keyboard.type('Ask our LIST analyst for the cluster dataset');
  await page.fill('#data-notes', 'We use prescribing data only.');
  const exported = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), 'ithub:self-assessment:successful-cluster-working'));
  const other = structuredClone(exported);
  other.who = 'Second person';
  other.components.data.stage = 'starting';
  await page.setInputFiles('#sa-compare', [
    { name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) },
    { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) },
  ]);
  await page.waitForSelector('[data-compare]:not([hidden]) tr.differs');
  assert.ok(await page.locator('.radar-chart').first().isVisible(), 'radar chart drawn');
  assertClean(await axe(page), 'roadmap after filling');
  await page.evaluate(() => localStorage.clear());
});

test('axe: case-study list with filters applied and with no matches', async () => {
  await page.goto(srv.base + 'case-studies/?board=lothian&topic=diabetes');
  await page.waitForSelector('[data-filter-form]');
  assertClean(await axe(page), 'filtered list');
  await page.goto(srv.base + 'case-studies/?board=shetland&topic=diabetes&year=2022');
  await page.waitForSelector('[data-filter-form]');
  assertClean(await axe(page), 'filtered list with no matches');
});

test('axe: pack contents and section with ticked checklist items', async () => {
  await page.goto(srv.base + PAGES['pack section']);
  await page.locator('fieldset[data-checklist] input[type=checkbox]').first().check();
  assertClean(await axe(page), 'pack section with ticks');
  await page.goto(srv.base + PAGES.pack);
  await page.waitForSelector('[data-pack-progress]:not([hidden])');
  assertClean(await axe(page), 'pack contents with progress');
  await page.evaluate(() => localStorage.clear());
});

test('no script errors on any page', () => {
  assert.deepEqual(errors, []);
});
