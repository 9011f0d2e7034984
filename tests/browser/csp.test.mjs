// The Content-Security-Policy every page carries: the meta tag is there with the policy, no
// page kind breaks it, and the interactive tools (self-assessment, filters, checklists and
// search) still work under it. CSP is enforced: nothing here bypasses it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, PAGES, ROADMAP, fillSelfAssessment } from './harness.mjs';

let srv, browser, context, page;
const violations = [];

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext();
  // The listener comes from an init script (run by the browser itself, outside the policy),
  // so it sees every violation from the first byte of each page.
  await context.exposeBinding('cspViolation', ({ page: p }, v) => violations.push({ page: p.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolation({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, line: e.lineNumber });
    });
  });
  page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push({ page: page.url(), console: m.text() });
  });
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

function policy(content) {
  return Object.fromEntries(content.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

for (const [name, path] of Object.entries(PAGES)) {
  test(`CSP: ${name} carries the policy and loads with no violation`, async () => {
    violations.length = 0;
    await page.goto(srv.base + path);
    await page.waitForLoadState('networkidle');
    const metas = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((ms) => ms.map((m) => m.content));
    assert.equal(metas.length, 1, 'one CSP meta tag');
    const p = policy(metas[0]);
    assert.deepEqual(p['default-src'], ["'self'"]);
    for (const [directive, values] of Object.entries(p)) {
      for (const v of values) {
        assert.ok(!/unsafe-inline|unsafe-eval|\*|https?:/.test(v), `${directive} allows ${v}`);
      }
    }
    // Before the policy: the meta tag must come before anything it governs.
    const first = await page.evaluate(() => {
      const m = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
      return [...document.head.querySelectorAll('link, script, style')].every((e) => m.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(first, 'the policy comes before every stylesheet and script');
    const inline = await page.evaluate(() => ({
      scripts: document.querySelectorAll('script:not([src])').length,
      styles: document.querySelectorAll('style, [style]').length,
    }));
    assert.deepEqual(inline, { scripts: 0, styles: 0 }, 'no inline script or style');
    assert.deepEqual(violations, []);
  });
}

test('CSP: the self-assessment fills, draws its chart and exports under the policy', async () => {
  violations.length = 0;
  await page.goto(srv.base + ROADMAP);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const comps = await fillSelfAssessment(page, { who: 'CSP tester' });
  await page.click('#data [data-add-action]');
  await page.keyboard.type('Ask for the dataset');
  await page.locator('#results').scrollIntoViewIfNeeded();
  assert.ok(await page.locator('[data-radar] svg').isVisible(), 'the radar chart is drawn');
  assert.equal(await page.locator('[data-summary] tbody tr').count(), comps.length, 'a summary row a component');
  const download = page.waitForEvent('download');
  await page.click('[data-export="json"]');
  const saved = JSON.parse(await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString()));
  assert.equal(saved.who, 'CSP tester');
  await page.evaluate(() => localStorage.clear());
  assert.deepEqual(violations, []);
});

test('CSP: the case-study filters narrow the list under the policy', async () => {
  violations.length = 0;
  await page.goto(srv.base + 'case-studies/');
  await page.waitForSelector('[data-filter-form]');
  const before = await page.locator('main .cards .card').count();
  const select = page.locator('[data-filter-form] select').first();
  await select.selectOption({ index: 1 });
  await page.waitForFunction((n) => document.querySelectorAll('main .cards .card').length !== n, before);
  assert.ok((await page.locator('main .cards .card').count()) < before, 'fewer case studies once filtered');
  assert.deepEqual(violations, []);
});

test('CSP: a checklist tick is counted and kept under the policy', async () => {
  violations.length = 0;
  await page.goto(srv.base + PAGES['pack section']);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  const progress = page.locator('.checklist-progress').first();
  const was = await progress.innerText();
  await page.locator('fieldset[data-checklist] input[type=checkbox]').first().check();
  await page.waitForFunction((w) => document.querySelector('.checklist-progress').textContent !== w, was);
  await page.reload();
  assert.equal(await page.locator('fieldset[data-checklist] input[type=checkbox]').first().isChecked(), true, 'the tick is kept');
  await page.evaluate(() => localStorage.clear());
  assert.deepEqual(violations, []);
});

test('CSP: search finds results and filters them under the policy', async () => {
  violations.length = 0;
  await page.goto(srv.base + 'search/?q=data');
  await page.locator('[data-search-results] ol a').first().waitFor();
  const all = await page.locator('.search-count').innerText();
  await page.selectOption('#search-filter-board', { index: 1 });
  await page.waitForFunction((a) => document.querySelector('.search-count')?.textContent !== a, all);
  assert.deepEqual(violations, []);
});
