// Keyboard focus at phone size, every stop on the page: visible (WCAG 2.4.7) and not hidden
// behind anything (2.4.11); and forced-colours mode (Chromium's emulation) keeps every
// control and chart distinguishable from the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openSized, PAGES, ROADMAP, assertFocusVisible, fillSelfAssessment } from './harness.mjs';

let srv, browser;

before(async () => {
  srv = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

const open = (path, options) => openSized(browser, srv.base + path, options);

/** Whether the focused element can be seen: inside the viewport and the topmost thing there. */
function obscured(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    const vh = document.documentElement.clientHeight;
    const vw = document.documentElement.clientWidth;
    const what = `${el.tagName.toLowerCase()}#${el.id}.${el.className}`;
    if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) return `${what} is off screen (${Math.round(r.top)} px)`;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), vh - 1);
    const top = document.elementFromPoint(x, y);
    const label = top && top.closest('label');
    const ok = top && (el === top || el.contains(top) || top.contains(el) || (label && (label.control === el || label.contains(el))));
    return ok ? null : `${what} is covered by ${top?.tagName.toLowerCase()}.${top?.className}`;
  });
}

for (const name of ['home', 'case study', 'case-study list', 'pack section', 'roadmap', 'search']) {
  test(`320x640, ${name}: every Tab stop shows focus and is not obscured`, async () => {
    const { page, close } = await open(name === 'search' ? 'search/?q=data' : PAGES[name]);
    if (name === 'search') await page.locator('[data-search-results] a').first().waitFor();
    if (name === 'case-study list') await page.waitForSelector('[data-filter-form]', { state: 'attached' });
    await page.click('.site-menu > summary');
    await page.locator('body').evaluate((b) => { b.focus(); window.scrollTo(0, 0); });
    let stops = 0;
    const problems = [];
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const where = await page.evaluate(() => document.activeElement === document.body || !document.activeElement ? null : document.activeElement.outerHTML.slice(0, 80));
      // Past the last stop focus returns to the document: the whole page has been walked.
      if (!where) break;
      stops++;
      try { await assertFocusVisible(page); } catch (e) { problems.push(e.message); }
      const hidden = await obscured(page);
      if (hidden) problems.push(hidden);
    }
    assert.ok(stops > 5, `${name}: reached ${stops} stops`);
    assert.deepEqual(problems, [], `${name}: focus problems`);
    await close();
  });
}

/**
 * Under forced colours, each visible control must have an edge (border or outline) or be a
 * native control the browser draws; chart marks must differ from the page's background.
 */
async function forcedColourProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const bg = getComputedStyle(document.body).backgroundColor;
    for (const el of document.querySelectorAll('button, select, input[type=text], input[type=search], input[type=date], textarea, .site-menu > summary')) {
      if (!el.checkVisibility()) continue;
      const s = getComputedStyle(el);
      const edge = ['Top', 'Bottom', 'Left', 'Right'].every((side) => parseFloat(s[`border${side}Width`]) > 0 && s[`border${side}Style`] !== 'none' && s[`border${side}Color`] !== bg);
      if (!edge) problems.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className}: no visible edge`);
    }
    for (const el of document.querySelectorAll('svg text, svg rect, svg polygon, svg circle, svg line, svg path')) {
      if (!el.checkVisibility() || el.closest('defs')) continue;
      const s = getComputedStyle(el);
      const fill = s.fill !== 'none' && s.fill !== bg && parseFloat(s.fillOpacity) > 0;
      const stroke = s.stroke !== 'none' && s.stroke !== bg && parseFloat(s.strokeWidth) > 0;
      if (!fill && !stroke) problems.push(`svg ${el.tagName}.${el.className.baseVal}: same as the background (${s.fill} / ${s.stroke})`);
    }
    return problems;
  });
}

// The shipped case studies draw no outcome chart yet; the radar charts cover the SVG rules.
test('forced colours: the roadmap with its charts, a case study, search and the filters stay legible', async () => {
  const { page, close } = await open(ROADMAP, { width: 1280, height: 800 });
  await page.emulateMedia({ forcedColors: 'active' });
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true, 'emulation is on');
  await page.evaluate(() => localStorage.clear());
  await fillSelfAssessment(page);
  await page.click('#data [data-add-action]');
  assert.ok(await page.locator('[data-radar] svg').isVisible());
  assert.deepEqual(await forcedColourProblems(page), [], 'roadmap');
  await page.evaluate(() => localStorage.clear());
  for (const path of ['case-studies/lothian-qi-enhanced-service/', 'search/?q=data', 'case-studies/']) {
    await page.setViewportSize({ width: path === 'search/?q=data' ? 1280 : 320, height: 640 });
    await page.goto(srv.base + path);
    if (path.startsWith('search')) await page.locator('[data-search-results] a').first().waitFor();
    if (path === 'case-studies/') await page.waitForSelector('[data-filter-form]', { state: 'attached' });
    assert.deepEqual(await forcedColourProblems(page), [], path);
  }
  await close();
});
