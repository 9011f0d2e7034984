// The second engine: Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core
// (playwright-core drives only its own patched Firefox, which cannot be downloaded here).
// The no-JS, keyboard and self-assessment checks that matter most, run again in Gecko.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';
import { serve, PAGES, ROADMAP } from './harness.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
let srv, firefox, firefoxNoJs;

function launchFirefox(prefs = {}) {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    extraPrefsFirefox: prefs,
  });
}

before(async () => {
  assert.ok(fs.existsSync(FIREFOX), `${FIREFOX} is missing: run.sh installs Debian's firefox-esr`);
  srv = await serve();
  firefox = await launchFirefox();
  firefoxNoJs = await launchFirefox({ 'javascript.enabled': false });
});

after(async () => {
  await firefox?.close();
  await firefoxNoJs?.close();
  await srv?.close();
});

async function open(browser, path, { width = 320, height = 640 } = {}) {
  const page = await browser.newPage();
  page.setDefaultTimeout(10000);
  await page.setViewport({ width, height });
  const res = await page.goto(srv.base + path);
  return { page, res };
}

test('Firefox, no JavaScript: every page kind reflows at 320 px and shows its content; the menu opens', async () => {
  for (const [name, path] of Object.entries(PAGES)) {
    const { page, res } = await open(firefoxNoJs, path);
    assert.equal(res.status(), name === '404' ? 404 : 200, `status of ${name}`);
    const got = await page.evaluate(() => ({
      h1: document.querySelectorAll('main h1').length,
      text: document.querySelector('main').innerText.length,
      scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      top: document.querySelector('main').getBoundingClientRect().top,
      // Controls that work only with the script: built by it, or in the page but hidden.
      js: [...document.querySelectorAll('[data-filter-form], .search-filters')].some((e) => e.checkVisibility()),
    }));
    assert.equal(got.h1, 1, `${name}: one h1`);
    assert.ok(got.text > 100, `${name}: main has its text (${got.text})`);
    // The outcome tables are not on these pages; see layout.test.mjs for those.
    assert.ok(got.scroll <= 0, `${name}: scrolls sideways by ${got.scroll} px`);
    assert.ok(got.top <= 160, `${name}: <main> starts at ${got.top} px`);
    assert.equal(got.js, false, `${name}: no control that needs the script shows`);
    if (name === 'zone') {
      assert.equal(await page.$eval('.zone-nav a', (a) => a.checkVisibility()), false, 'menu starts closed');
      // A real click at the button's place: puppeteer's element click waits on page
      // script, which is turned off here.
      const [x, y] = await page.$eval('.site-menu > summary', (el) => {
        const r = el.getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2];
      });
      await page.mouse.click(x, y);
      assert.equal(await page.$eval('.zone-nav a', (a) => a.checkVisibility()), true, 'menu opens without JavaScript');
    }
    await page.close();
  }
});

test('Firefox, keyboard: Tab reaches the search box with visible focus and a search runs', async () => {
  const { page } = await open(firefox, '', { width: 1280, height: 800 });
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const s = getComputedStyle(el);
      return { id: el.id, what: el.outerHTML.slice(0, 60), visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' };
    });
    assert.ok(f.visible, `focus visible on ${f.what}`);
    reached = f.id === 'home-q';
  }
  assert.ok(reached, 'Tab reaches the home search box');
  await page.keyboard.type('data');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForSelector('[data-search-results] ol a');
  assert.match(await page.$eval('.search-count', (p) => p.textContent), /results? for “data”/);
  await page.close();
});

test('Firefox, self-assessment: answers are kept across a reload and summarised', async () => {
  const { page } = await open(firefox, ROADMAP, { width: 1280, height: 800 });
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector('.sa-intro:not([hidden])');
  const comps = await page.$$eval('form.worksheet section.roadmap-component', (ss) => ss.map((s) => s.id));
  for (const key of comps) {
    await page.click(`#${key}-developing`);
    const first = await page.$(`#${key} input[type=radio][value=green]`);
    if (first) await first.click();
  }
  await page.type('#sa-who', 'Gecko tester');
  await page.reload();
  await page.waitForSelector('.sa-intro:not([hidden])');
  const kept = await page.evaluate((ks) => ks.filter((k) => document.getElementById(`${k}-developing`).checked).length, comps);
  assert.equal(kept, comps.length, 'every stage survives the reload');
  assert.equal(await page.$eval('#sa-who', (i) => i.value), 'Gecko tester');
  const rows = await page.$$eval('[data-summary] tbody tr', (rs) => rs.map((r) => r.textContent));
  assert.equal(rows.length, comps.length, 'a summary row a component');
  assert.ok(rows.every((r) => /Developing/.test(r)), 'the summary names the chosen stage');
  assert.ok(await page.$eval('[data-radar] svg', (s) => s.checkVisibility()), 'the radar chart is drawn');
  await page.evaluate(() => localStorage.clear());
  await page.close();
});
