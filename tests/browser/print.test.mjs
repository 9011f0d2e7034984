// Print: the one-page pack, the blank roadmap worksheet and the self-assessment results print
// without the site's chrome and controls, one section or component to a page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, PAGES, ROADMAP, fillSelfAssessment } from './harness.mjs';
import { pdfPages } from './pdf.mjs';

let srv, browser, context, page;

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext();
  page = await context.newPage();
  page.setDefaultTimeout(10000);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/** Pages in a PDF that Chromium printed (one "/Type /Page" object each). */
async function printedPages() {
  const pdf = (await page.pdf({ format: 'A4', printBackground: false })).toString('latin1');
  return (pdf.match(/\/Type\s*\/Page\b/g) || []).length;
}

const shown = (sel) => page.locator(sel).first().isVisible();

async function noChrome() {
  for (const sel of ['.site-header', '.site-footer', '.skip-link', '.breadcrumbs', 'main button']) {
    assert.equal(await shown(sel), false, `${sel} is not printed`);
  }
}

test('one-page pack: every section on its own page, checklists with their ticks', async () => {
  await page.goto(srv.base + PAGES['one-page pack']);
  const first = page.locator('fieldset[data-checklist] input[type=checkbox]').first();
  await first.check();
  await page.emulateMedia({ media: 'print' });
  await noChrome();
  const sections = await page.locator('section.print-section').count();
  const breaks = await page.locator('section.print-section').evaluateAll((ss) => ss.map((s) => getComputedStyle(s).breakBefore));
  assert.ok(breaks.every((b) => b === 'page'), 'each section starts a page');
  assert.ok(await shown('fieldset.checklist'));
  assert.equal(await first.isChecked(), true, 'ticks print');
  assert.ok((await printedPages()) > sections, 'at least a page per section, plus the contents');
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => localStorage.clear());
});

test('blank roadmap worksheet: fill-in lines and action tables, no tools', async () => {
  await page.goto(srv.base + ROADMAP);
  await page.emulateMedia({ media: 'print' });
  await noChrome();
  assert.ok(await shown('form.worksheet .print-only'), 'cluster / completed by / date line');
  assert.equal(await page.locator('.actions-print').evaluateAll((ts) => ts.filter((t) => t.checkVisibility()).length), 12,
    'a blank action table per component');
  assert.equal(await shown('input[type=file]'), false);
  const comps = await page.locator('section.roadmap-component').count();
  assert.ok((await printedPages()) > comps, 'a page per component');
  await page.emulateMedia({ media: 'screen' });
});

test('self-assessment results print on their own: chart, summary and action plan', async () => {
  await page.goto(srv.base + ROADMAP);
  await fillSelfAssessment(page, { who: 'Printer Test' });
  await page.click('#data [data-add-action]');
  await page.keyboard.type('Book a data session');
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('[data-print-results]');
  await page.emulateMedia({ media: 'print' });
  await noChrome();
  assert.equal(await shown('form.worksheet'), false, 'the worksheet is left out');
  assert.ok(await shown('[data-radar] svg'));
  assert.ok(await shown('[data-summary]'));
  assert.ok(await shown('[data-plan] table'));
  assert.equal(await shown('.actions-print'), false);
  const pages = await printedPages();
  assert.ok(pages >= 2 && pages <= 6, `results fit on a few pages (${pages})`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => localStorage.clear());
});

// On paper, read back from the PDF: each section of every one-page pack and each component
// of the worksheet starts its own A4 page with its heading, every heading is printed, and
// nothing is wider than the paper.
const squash = (s) => s.replace(/\s+/g, '');
const PRINTS = {
  'roadmap worksheet': { path: ROADMAP, sections: 'section.roadmap-component > h2' },
  'PQL one-page pack': { path: 'induction/pql/print/', sections: 'section.print-section > h2' },
  'CQL one-page pack': { path: 'induction/cql/print/', sections: 'section.print-section > h2' },
};
for (const [name, { path, sections }] of Object.entries(PRINTS)) {
  test(`A4 PDF of the ${name}: a page per section, every heading printed, nothing clipped`, async () => {
    await page.goto(srv.base + path);
    // An earlier test's media: 'screen' would otherwise carry into the PDF.
    await page.emulateMedia({ media: 'print' });
    const starts = (await page.locator(sections).allInnerTexts()).map(squash);
    const headings = (await page.locator('main :is(h1, h2, h3, h4)').evaluateAll((hs) => hs.map((h) => {
      return { text: h.innerText, hidden: !!h.closest('[hidden], .no-print, [data-sa-only]') };
    }))).filter((h) => !h.hidden && h.text.trim()).map((h) => squash(h.text));
    const pages = (await pdfPages(await page.pdf({ format: 'A4' }))).map(squash);
    // Each section is on a later page than the one before (so on its own page). pdf.js gives
    // a page's text in paint order, not reading order, so look for the heading anywhere on it.
    let prev = 0;
    const missing = [];
    for (const heading of starts) {
      const at = pages.findIndex((p, i) => i > prev && p.includes(heading));
      if (at < 0) missing.push(heading); else prev = at;
    }
    assert.deepEqual(missing, [], `${name}: sections not on a page of their own`);
    // A roadmap component with nine questions and its actions table takes up to three pages.
    assert.ok(pages.length >= starts.length + 1 && pages.length <= 3 * starts.length,
      `${name}: ${pages.length} pages for ${starts.length} sections`);
    const all = pages.join('');
    assert.deepEqual(headings.filter((h) => !all.includes(h)), [], `${name}: headings missing from the PDF`);
    // The printable width of A4 with Chromium's default margins, at 96 px an inch.
    await page.setViewportSize({ width: 718, height: 1000 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 718, `${name}: printed page is ${wide} px wide, wider than the paper`);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 720 });
  });
}
