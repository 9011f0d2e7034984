// Shared test harness: serves the built site over HTTP under a sub-path and drives Debian's
// Chromium through playwright-core. The site folder comes from ITHUB_SITE (run.sh builds it).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const SUB_PATH = '/hub/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gz': 'application/gzip',
  '.bin': 'application/octet-stream',
};

export function siteDir() {
  const dir = process.env.ITHUB_SITE;
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error('ITHUB_SITE must name a built site (run tests/browser/run.sh)');
  }
  return dir;
}

/** A static file server like GitHub Pages: the site lives under SUB_PATH, 404.html for misses. */
export function serve(dir = siteDir()) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const notFound = () => {
      res.writeHead(404, { 'content-type': TYPES['.html'] });
      res.end(fs.readFileSync(path.join(root, '404.html')));
    };
    if (!url.pathname.startsWith(SUB_PATH)) return notFound();
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length));
    let file = path.resolve(root, rel);
    if (!file.startsWith(root)) return notFound();
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      file = path.join(file, 'index.html');
    }
    if (!fs.existsSync(file)) return notFound();
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    const body = fs.readFileSync(file);
    // One byte range, as GitHub Pages answers it (the search client fetches positions so).
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range || '');
    if (range && +range[1] < body.length) {
      const from = +range[1];
      const to = Math.min(+range[2] + 1, body.length);
      res.writeHead(206, { 'content-type': type, 'content-range': `bytes ${from}-${to - 1}/${body.length}`, 'accept-ranges': 'bytes' });
      return res.end(body.subarray(from, to));
    }
    res.writeHead(200, { 'content-type': type, 'accept-ranges': 'bytes' });
    res.end(body);
  });
  return new Promise((resolve) => {
    // Port 0: the OS picks a free port, so parallel runs never collide.
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        server,
        origin: `http://127.0.0.1:${port}`,
        base: `http://127.0.0.1:${port}${SUB_PATH}`,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
      });
    });
  });
}

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Starts Chromium; `env` adds to its environment (the visual tests pin its fonts that way). */
export async function launch({ env } = {}) {
  // Playwright refuses a --user-data-dir in args: launch() always gives Chromium a fresh
  // temporary profile of its own and deletes it on close, which is what we want.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A page in a context of its own at a given size (320x640 unless told), loaded at `url`;
 * other options go to the context (javaScriptEnabled, bypassCSP...). Close it when done.
 */
export async function openSized(browser, url, { width = 320, height = 640, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.goto(url);
  return { page, close: () => context.close() };
}

/** Every page type of the site, by a representative site path. */
export const PAGES = {
  home: '',
  zone: 'zones/data/',
  'case study': 'case-studies/lothian-cluster-profile-dataset/',
  'case-study list': 'case-studies/',
  'facet page': 'case-studies/board/lothian/',
  'facet page, page 2': 'case-studies/zone/case-studies/page/2/',
  'browse page': 'components/data/',
  pack: 'induction/pql/',
  'pack section': 'induction/pql/the-role/',
  'one-page pack': 'induction/pql/print/',
  basket: 'baskets/cluster-qi-topics/',
  roadmap: 'roadmaps/successful-cluster-working/',
  search: 'search/',
  'content page': 'about/',
  404: 'no-such-page/',
};

export const ROADMAP = PAGES.roadmap;

/**
 * The pages the layout tests measure: every page kind, plus every case study with an
 * outcomes table (the widest content) and every roadmap and pack print page.
 */
export const LAYOUT_PAGES = {
  ...PAGES,
  'case study with outcomes (Lothian)': 'case-studies/lothian-qi-enhanced-service/',
  'case study with outcomes (Tayside)': 'case-studies/tayside-pcqi-network-needs-analysis/',
  'one-page pack (CQL)': 'induction/cql/print/',
};

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe-core in the page; returns its violations, each summarised for a readable failure. */
export async function axe(page) {
  // Evaluated over the DevTools protocol rather than added as a <script>: the pages' CSP
  // (rightly) refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    return axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  }, AXE_TAGS);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`),
  }));
}

/** Fills the self-assessment on the roadmap page the way a person would, by clicking and typing. */
export async function fillSelfAssessment(page, { stage = 'developing', rag = 'amber', who = 'Dr A' } = {}) {
  const comps = await page.locator('form.worksheet section.roadmap-component').evaluateAll((s) => s.map((e) => e.id));
  for (const [i, key] of comps.entries()) {
    // Vary the answers a little so the summary and chart have something to show.
    const st = i % 3 === 0 ? 'established' : stage;
    await page.check(`#${key}-${st}`);
    const rags = page.locator(`#${key} input[type=radio][value=${rag}]`);
    const n = await rags.count();
    for (let q = 0; q < n; q++) await rags.nth(q).check();
  }
  await page.fill('#sa-who', who);
  return comps;
}

/**
 * Presses Tab (from wherever focus is) until the focused element matches `selector`, as a
 * keyboard user would; fails if it is not reached in `max` presses. Each stop must show focus.
 */
export async function tabTo(page, selector, { max = 120, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const hit = await page.evaluate((sel) => {
      const el = document.activeElement;
      return !!el && el !== document.body && el.matches(sel);
    }, selector);
    if (hit) {
      await assertFocusVisible(page);
      return i + 1;
    }
  }
  throw new Error(`Tab never reached ${selector} in ${max} presses`);
}

/** The focused element must show a visible focus indicator (WCAG 2.4.7). */
export async function assertFocusVisible(page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    return { tag: el.tagName, id: el.id, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
  });
  const visible = (style.outline !== 'none' && style.width > 0) || (style.shadow && style.shadow !== 'none');
  if (!visible) throw new Error(`no visible focus indicator on ${style.tag}#${style.id}: ${JSON.stringify(style)}`);
}

/**
 * Records every request pages in `context` make, and stops any to another host from leaving
 * the machine. Returns the list (objects with url, method, postData, foreign).
 */
export async function trackRequests(context, origin) {
  const seen = [];
  await context.route('**/*', (route) => {
    const req = route.request();
    const url = req.url();
    const local = url.startsWith(origin + '/') || url.startsWith('blob:' + origin + '/') || url.startsWith('data:');
    seen.push({ url, method: req.method(), postData: req.postData(), foreign: !local });
    return local ? route.continue() : route.abort('blockedbyclient');
  });
  return seen;
}
