// The hub sets no cookies and talks to no one but the site itself: every request a page makes,
// while browsing and while using every interactive feature, goes to the test server, and
// nothing is sent (no POST, no answers in a URL).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, PAGES, ROADMAP, trackRequests, fillSelfAssessment } from './harness.mjs';

let srv, browser, context, page, requests;

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true });
  requests = await trackRequests(context, srv.origin);
  page = await context.newPage();
  page.setDefaultTimeout(10000);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

test('browse every page type and use every feature', async () => {
  for (const path of Object.values(PAGES)) {
    await page.goto(srv.base + path);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => document.cookie), '', `document.cookie on ${path}`);
  }
  // Search, with the client fetching its index.
  await page.goto(srv.base + 'search/?q=diabetes');
  await page.waitForLoadState('networkidle');
  // Filters.
  await page.goto(srv.base + 'case-studies/?board=lothian');
  await page.waitForSelector('[data-filter-form]');
  await page.selectOption('#filter-topic', { index: 1 });
  // Checklists.
  await page.goto(srv.base + PAGES['pack section']);
  await page.locator('fieldset[data-checklist] input').first().check();
  // The self-assessment, with a secret only this browser should ever hold.
  await page.goto(srv.base + ROADMAP);
  await fillSelfAssessment(page, { who: 'Secret Name' });
  await page.fill('#data-notes', 'secret-note-42');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=json]')]);
  assert.match(await dl.suggestedFilename(), /\.json$/);
  await page.reload();
  await page.waitForLoadState('networkidle');
  assert.ok(requests.length > 30, `requests were recorded (${requests.length})`);
});

test('no request left the test server', () => {
  const foreign = requests.filter((r) => r.foreign).map((r) => r.url);
  assert.deepEqual(foreign, []);
});

test('nothing was sent: only GETs, no answers in any URL', () => {
  const sent = requests.filter((r) => r.method !== 'GET' || r.postData);
  assert.deepEqual(sent, []);
  const leaked = requests.filter((r) => /secret/i.test(decodeURIComponent(r.url)));
  assert.deepEqual(leaked, []);
});

test('no cookies were set', async () => {
  assert.deepEqual(await context.cookies(), []);
});

test('the request check itself catches a request to another host', async () => {
  // Proves the tracker above can fail: a page asking another host is seen (and blocked).
  // The pages' CSP would stop the request before the tracker saw it, so this context
  // bypasses the policy; the next test checks the policy on its own.
  const open = await browser.newContext({ bypassCSP: true });
  const seen = await trackRequests(open, srv.origin);
  const p = await open.newPage();
  await p.goto(srv.base);
  await p.evaluate(() => {
    const img = new Image();
    img.src = 'http://tracker.example.invalid/pixel.gif';
    document.body.append(img);
  });
  await p.waitForTimeout(300);
  assert.equal(seen.filter((r) => r.foreign).length, 1);
  await open.close();
});

test('the content security policy stops a request to another host before it is made', async () => {
  const before = requests.length;
  await page.goto(srv.base);
  const start = requests.length;
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve(e.blockedURI), { once: true });
    const img = new Image();
    img.src = 'http://tracker.example.invalid/pixel.gif';
    document.body.append(img);
  }));
  assert.match(blocked, /tracker\.example\.invalid/);
  await page.waitForTimeout(300);
  assert.equal(requests.length, start, 'no request left the page');
  assert.ok(start > before, 'the page itself was tracked');
});
