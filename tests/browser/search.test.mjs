// The search page on the shipped hub, as a reader meets it: a misspelt word corrected with a
// way back to the words as typed, an acronym finding what it stands for, and a quoted phrase
// narrowing what its words find apart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, tabTo } from './harness.mjs';

let srv, browser, page;

before(async () => {
  srv = await serve();
  browser = await launch();
  page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10000);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/** Search for `q` on the search page; the count line, and the titles and summaries shown. */
async function results(q, extra = '') {
  await page.goto(srv.base + 'search/?q=' + encodeURIComponent(q) + extra);
  await page.locator('.search-count').waitFor();
  return {
    count: await page.locator('.search-count').innerText(),
    titles: await page.locator('.search-results li > a').allInnerTexts(),
    texts: await page.locator('.search-results li').allInnerTexts(),
  };
}

const total = (count) => Number(/^(\d+) result/.exec(count)[1]);

test('a misspelt word is read as the nearest word the hub holds, with a way back', async () => {
  const r = await results('shetlnd');
  const note = page.locator('.search-correction');
  assert.equal(await note.innerText(), 'Showing results for “shetland”; search instead for “shetlnd”.');
  assert.match(r.count, /for “shetland”/);
  assert.match(r.titles[0] || '', /Shetland/, r.titles.join(' | '));
  // "Search instead for" by keyboard: the words as typed, which the hub does not hold.
  await page.locator('#search-q').focus();
  await tabTo(page, '.search-correction a');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /“shetlnd”/.test(document.querySelector('.search-count')?.textContent || ''));
  assert.equal(await page.locator('.search-count').innerText(), '0 results for “shetlnd”.');
  assert.equal(await note.count(), 0);
  assert.equal(new URL(page.url()).searchParams.get('verbatim'), '1');
});

test('an acronym finds pages that only spell it out', async () => {
  const r = await results('OOH');
  assert.ok(total(r.count) > 0, r.count);
  assert.ok(
    r.texts.some((t) => !/\booh\b/i.test(t) && /out[ -]of[ -]hours/i.test(t)),
    'a result that says "out of hours" but not "OOH": ' + r.texts.join(' | '),
  );
});

test('a quoted phrase finds fewer pages than its words apart, fetching only its positions', async () => {
  const words = total((await results('protected time ')).count);
  const positions = [];
  const seen = (r) => { if (/\/search\/idx\/p\d+\.bin$/.test(r.url())) positions.push(r); };
  page.on('response', seen);
  const phrase = await results('"protected time"');
  page.off('response', seen);
  assert.ok(positions.length > 0, 'the phrase read positions');
  for (const r of positions) {
    assert.equal(r.status(), 206, r.url());
    assert.match(r.headers()['content-range'] || '', /^bytes \d+-\d+\/\d+$/);
  }
  assert.ok(total(phrase.count) > 0 && total(phrase.count) < words, `${phrase.count} against ${words}`);
  assert.ok(phrase.texts.slice(0, 3).some((t) => /protected time/i.test(t)), phrase.texts.join(' | '));
});

test('the page says how search reads what is typed, without JavaScript too', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const bare = await context.newPage();
  await bare.goto(srv.base + 'search/');
  const help = bare.locator('details.search-help');
  await help.locator('summary').click();
  const text = await help.innerText();
  for (const said of ['double quotes', 'OOH', 'nearest word']) assert.ok(text.includes(said), said);
  await context.close();
});

test('a result leads to the heading the words are under, and that heading is on its page', async () => {
  // "Why time matters" is a heading of the PQL pack's protected-time section.
  await results('"protected time"');
  const sub = page.locator('.search-results li', { hasText: 'Your protected time' }).first().locator('.search-section');
  await sub.waitFor();
  const link = sub.locator('a');
  const href = await link.getAttribute('href');
  assert.match(href, /#[a-z0-9-]+$/, href);
  const heading = await link.innerText();
  assert.ok((await sub.innerText()).length > heading.length + 20, 'the section has its own snippet: ' + await sub.innerText());
  // Reached by keyboard, it opens the page at that heading.
  await page.locator('#search-q').focus();
  await tabTo(page, `.search-section a[href="${href}"]`);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.hash === '#' + href.split('#')[1]);
  const target = page.locator(':target');
  assert.equal(await target.count(), 1, 'the anchor names an element of the page');
  assert.equal((await target.innerText()).trim(), heading.trim());
});

test('the stemmer and corrector are fetched only for a word the hub does not hold, and results mark the words searched for', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const stemmer = [];
  const corrector = [];
  p.on('request', (r) => {
    if (/\/search-stem\.[0-9a-f]+\.js$/.test(r.url())) stemmer.push(r.url());
    if (/\/search-fuzzy\.[0-9a-f]+\.js$/.test(r.url())) corrector.push(r.url());
  });
  const search = async (q) => {
    await p.fill('input[name=q]', q);
    await p.press('input[name=q]', 'Enter');
    await p.waitForFunction((q) => document.querySelector('[data-search-results]').dataset.query === q, q);
    return p.locator('.search-results mark').allInnerTexts();
  };
  await p.goto(srv.base + 'search/');
  // "practices" is the hub's: its shard gives its stem, "practic", and every word of the
  // hub with that stem is marked, whatever its ending.
  const marks = await search('practices');
  assert.ok(marks.length > 0, 'words are marked');
  assert.ok(marks.every((m) => /^practic/i.test(m)), marks.join(', '));
  assert.ok(new Set(marks.map((m) => m.toLowerCase())).size > 1, 'more than one form is marked: ' + marks.join(', '));
  assert.deepEqual([stemmer, corrector], [[], []], 'no stemmer or corrector for the hub\'s own words');
  // A slip of the fingers: no shard holds "practicse", so the stemmer and the corrector come,
  // once each.
  await search('practicse');
  assert.match(await p.locator('.search-correction').innerText(), /Showing results for/);
  assert.deepEqual([stemmer.length, corrector.length], [1, 1], stemmer.concat(corrector).join(', '));
  await search('practicse frailty');
  assert.deepEqual([stemmer.length, corrector.length], [1, 1], 'fetched once');
  await context.close();
});
