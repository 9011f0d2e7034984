// The self-assessment end to end: fill, reload (answers kept), export JSON and CSV, clear,
// import each, compare two people, and the print view of the results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, launch, ROADMAP, fillSelfAssessment, tabTo } from './harness.mjs';

const KEY = 'ithub:self-assessment:successful-cluster-working';
let srv, browser, context, page;
let exportedJson, exportedCsv, filled;

before(async () => {
  srv = await serve();
  browser = await launch();
  context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.goto(srv.base + ROADMAP);
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/** Everything a person can see of their answers, read from the page. */
async function snapshot() {
  return page.evaluate(() => {
    const out = { who: document.querySelector('#sa-who').value, stages: {}, rag: {}, notes: {}, actions: {} };
    document.querySelectorAll('section[data-component]').forEach((s) => {
      const k = s.dataset.component;
      out.stages[k] = s.querySelector(`input[name="${k}-stage"]:checked`)?.value || '';
      s.querySelectorAll('li[data-question]').forEach((li) => {
        out.rag[li.dataset.question] = li.querySelector('input:checked')?.value || '';
      });
      out.notes[k] = s.querySelector('textarea').value;
      out.actions[k] = [...s.querySelectorAll('.action-row')].map((r) =>
        ['what', 'owner', 'due'].map((f) => r.querySelector(`[data-field=${f}]`).value));
    });
    return out;
  });
}

async function summaryRows() {
  return page.locator('[data-summary] tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.cells].map((c) => c.textContent.trim())));
}

async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

test('without answers the tools are shown, empty, and nothing is stored', async () => {
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  assert.ok(await page.locator('.sa-results').isVisible());
  assert.ok(await page.locator('#sa-who').isVisible());
  const rows = await summaryRows();
  assert.equal(rows.length, 12);
  assert.ok(rows.every((r) => r[1] === 'Not chosen'), 'no stage chosen yet');
  // The radar chart's points all sit at the centre when nothing is chosen.
  const pts = await page.locator('[data-radar] circle.radar-point').count();
  assert.equal(pts, 12);
});

test('fill in the self-assessment: summary, radar, next steps and action plan follow', async () => {
  await fillSelfAssessment(page, { stage: 'developing', rag: 'amber', who: 'Dr Alex Smith, PQL' });
  await page.check('#data-q1-red');
  await page.fill('#data-notes', 'Only prescribing data so far, "and" commas, too.');
  // Add two actions by keyboard alone: Tab to the button, Enter, type, Tab on.
  await page.focus('#data-notes');
  await tabTo(page, '#data [data-add-action]');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'what', 'focus moves to the new action');
  await page.keyboard.type('Meet the LIST analyst');
  await page.keyboard.press('Tab');
  await page.keyboard.type('CQL');
  await page.keyboard.press('Tab');
  // The order of a date field's parts follows the browser's locale: set the value directly.
  assert.equal(await page.evaluate(() => document.activeElement.type), 'date');
  await page.locator(':focus').fill('2030-02-01');
  await tabTo(page, '#data [data-add-action]');
  await page.keyboard.press('Enter');
  await page.keyboard.type('=Agree a cluster dataset');
  // The new action's fields have labels a screen reader will read.
  const labels = await page.locator('#data .action-row').last().locator('input').evaluateAll((ins) =>
    ins.map((i) => i.labels[0]?.textContent.trim()));
  assert.deepEqual(labels, ['What', 'Owner', 'By when']);

  filled = await snapshot();
  assert.equal(filled.stages.data, 'established');
  assert.equal(filled.stages.structure, 'developing');
  assert.equal(filled.rag['data-q1'], 'red');
  assert.deepEqual(filled.actions.data, [['Meet the LIST analyst', 'CQL', '2030-02-01'], ['=Agree a cluster dataset', '', '']]);

  const rows = await summaryRows();
  const data = rows.find((r) => r[0] === 'Data');
  const nq = await page.locator('#data li[data-question]').count();
  assert.deepEqual(data, ['Data', 'Established (3 of 4)', '1', String(nq - 1), '0', '0', '2']);
  assert.equal(rows.find((r) => r[0] === 'Structure')[1], 'Developing (2 of 4)');

  // Radar: the point for "Data" (7th axis) lies at 3/4 of the radius, "Structure" at 2/4.
  const radius = await page.evaluate(() => {
    const svg = document.querySelector('[data-radar] svg');
    const [, , w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
    return [...svg.querySelectorAll('circle.radar-point')].map((c) =>
      Math.round(Math.hypot(c.cx.baseVal.value - w / 2, c.cy.baseVal.value - h / 2)));
  });
  assert.equal(radius[6], 120);
  assert.equal(radius[1], 80);
  // The chart has a text alternative naming every component's stage.
  const name = await page.evaluate(() => {
    const svg = document.querySelector('[data-radar] svg');
    return svg.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id).textContent).join(' ');
  });
  assert.match(name, /Radar chart/);
  assert.match(name, /Data Established/);

  // Next step for Data: the next stage's descriptor, with links to case studies and the zone.
  const next = page.locator('#data [data-next-step]');
  assert.match(await next.locator('h3').innerText(), /Next step: Embedded/);
  const embedded = await page.locator('#data tr[data-stage=embedded] .descriptor').innerText();
  assert.ok((await next.innerText()).includes(embedded));
  const hrefs = await next.locator('a').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.deepEqual(hrefs, ['/hub/components/data/', '/hub/zones/data/']);

  // The action plan lists the actions, earliest first.
  const plan = await page.locator('[data-plan] table').first().locator('tbody tr').evaluateAll((rs) =>
    rs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.deepEqual(plan, [['Meet the LIST analyst', 'CQL', '2030-02-01'], ['=Agree a cluster dataset', '—', '—']]);
});

test('answers are kept after a reload, and only in this browser', async () => {
  const stored = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY));
  assert.equal(stored.who, 'Dr Alex Smith, PQL');
  await page.reload();
  assert.deepEqual(await snapshot(), filled);
  assert.match(await page.locator('[data-sa-saved]').innerText(), /restored/);
  assert.equal((await summaryRows()).find((r) => r[0] === 'Data')[1], 'Established (3 of 4)');
});

test('removing an action by keyboard keeps focus nearby', async () => {
  await page.click('#data [data-add-action]');
  await page.keyboard.type('Temporary');
  const rows = page.locator('#data .action-row');
  assert.equal(await rows.count(), 3);
  await rows.nth(2).locator('[data-remove-action]').focus();
  await page.keyboard.press('Enter');
  assert.equal(await rows.count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement.closest('.action-row') !== null), true);
  assert.deepEqual((await snapshot()).actions.data, filled.actions.data);
});

test('export as JSON and CSV', async () => {
  const json = await download('[data-export=json]');
  assert.match(json.name, /^self-assessment-successful-cluster-working-dr-alex-smith-pql-\d{4}-\d{2}-\d{2}\.json$/);
  exportedJson = JSON.parse(json.text);
  assert.equal(exportedJson.format, 'ithub-self-assessment');
  assert.equal(exportedJson.roadmap, 'successful-cluster-working');
  assert.equal(exportedJson.who, 'Dr Alex Smith, PQL');
  assert.equal(exportedJson.components.data.stage, 'established');
  assert.equal(exportedJson.components.data.rag['data-q1'], 'red');
  assert.equal(exportedJson.components.data.actions[0].owner, 'CQL');

  const csv = await download('[data-export=csv]');
  assert.match(csv.name, /\.csv$/);
  exportedCsv = csv.text;
  const lines = csv.text.trimEnd().split('\r\n');
  assert.equal(lines[0], 'roadmap,completed_by,component,component_name,item,question,answer,owner,by_when');
  assert.ok(lines.includes('successful-cluster-working,"Dr Alex Smith, PQL",data,Data,stage,,established,,'));
  assert.ok(lines.includes('successful-cluster-working,"Dr Alex Smith, PQL",data,Data,notes,,"Only prescribing data so far, ""and"" commas, too.",,'));
  assert.ok(lines.includes('successful-cluster-working,"Dr Alex Smith, PQL",data,Data,action,,Meet the LIST analyst,CQL,2030-02-01'));
  // A formula-like answer is defused for spreadsheets.
  assert.ok(lines.includes("successful-cluster-working,\"Dr Alex Smith, PQL\",data,Data,action,,'=Agree a cluster dataset,,"));
  assert.equal(lines.filter((l) => /,data,Data,data-q\d+,/.test(l)).length, await page.locator('#data li[data-question]').count());
});

test('clear all answers (after confirming)', async () => {
  page.once('dialog', (d) => d.dismiss());
  await page.click('[data-clear]');
  assert.deepEqual(await snapshot(), filled, 'cancelling the confirmation keeps the answers');

  page.once('dialog', (d) => d.accept());
  await page.click('[data-clear]');
  const s = await snapshot();
  assert.equal(s.who, '');
  assert.ok(Object.values(s.stages).every((v) => v === ''));
  assert.ok(Object.values(s.rag).every((v) => v === ''));
  assert.ok(Object.values(s.actions).every((v) => v.length === 0));
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY), null);
  assert.ok((await summaryRows()).every((r) => r[1] === 'Not chosen'));
  await page.waitForFunction(() => /cleared/.test(document.querySelector('[data-sa-status]').textContent));
  await page.reload();
  assert.equal((await snapshot()).stages.data, '', 'still clear after a reload');
});

test('import the JSON export restores every answer', async () => {
  await page.setInputFiles('#sa-import', { name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exportedJson)) });
  await page.waitForFunction(() => /Imported the answers in mine\.json/.test(document.querySelector('[data-sa-status]').textContent));
  assert.deepEqual(await snapshot(), filled);
  assert.equal(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), KEY)).who, 'Dr Alex Smith, PQL', 'saved after import');
});

test('import the CSV export restores every answer', async () => {
  page.once('dialog', (d) => d.accept());
  await page.click('[data-clear]');
  assert.equal((await snapshot()).stages.data, '');
  await page.setInputFiles('#sa-import', { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(exportedCsv) });
  await page.waitForFunction(() => /Imported the answers in mine\.csv/.test(document.querySelector('[data-sa-status]').textContent));
  assert.deepEqual(await snapshot(), filled);
});

test('a file that is not an export is refused and changes nothing', async () => {
  await page.setInputFiles('#sa-import', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, world\n') });
  await page.waitForFunction(() => /Could not import notes\.txt/.test(document.querySelector('[data-sa-status]').textContent));
  const other = { ...exportedJson, roadmap: 'another-roadmap' };
  await page.setInputFiles('#sa-import', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.waitForFunction(() => /different roadmap/.test(document.querySelector('[data-sa-status]').textContent));
  assert.deepEqual(await snapshot(), filled);
});

test('compare two people side by side, with the differences marked', async () => {
  const second = structuredClone(exportedJson);
  second.who = 'Jo Brown, PQL';
  second.components.data.stage = 'developing';
  second.components.governance.stage = 'embedded';
  second.components.data.rag['data-q2'] = 'green';
  await page.setInputFiles('#sa-compare', [
    { name: 'alex.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exportedJson)) },
    { name: 'jo.csv', mimeType: 'text/csv', buffer: Buffer.from(exportedCsv.replace(/"Dr Alex Smith, PQL"/g, 'Jo Brown CSV')) },
    { name: 'jo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(second)) },
  ]);
  const table = page.locator('[data-compare-table]');
  await table.locator('tbody tr').first().waitFor();
  const heads = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(heads, ['Component and question', 'Dr Alex Smith, PQL', 'Jo Brown CSV', 'Jo Brown, PQL', 'Agreement']);
  const differs = await table.locator('tr.differs th').allInnerTexts();
  const q2 = await page.locator('#data-q2 legend').innerText();
  assert.deepEqual(differs, ['Governance: stage', 'Data: stage', q2]);
  const dataRow = await table.locator('tr', { hasText: 'Data: stage' }).locator('td').allInnerTexts();
  assert.deepEqual(dataRow, ['Established', 'Established', 'Developing', 'Differs']);
  const nq = await page.locator('li[data-question]').count();
  const summary = `3 people compared. They differ on 2 of 12 stages and 1 of ${nq} questions.`;
  assert.equal(await page.locator('[data-compare-summary]').innerText(), summary);
  await page.waitForFunction((s) => document.querySelector('[data-sa-status]').textContent.includes(s), summary);
  // One line per person on the comparison chart.
  assert.equal(await page.locator('[data-compare-radar] polygon.radar-area').count(), 3);
  // Comparing does not touch your own answers.
  assert.deepEqual(await snapshot(), filled);

  await page.check('#sa-compare-mine');
  assert.equal(await table.locator('thead th').count(), 6);
  await page.click('[data-compare-clear]');
  assert.ok(await page.locator('[data-compare]').isHidden());
});

test('print view: the results and action plan, without the controls', async () => {
  await page.emulateMedia({ media: 'print' });
  const visible = (sel) => page.locator(sel).first().isVisible();
  // Printing the whole page gives the worksheet with its answers, then the results.
  assert.ok(await visible('form.worksheet'));
  assert.ok(await visible('.sa-results [data-summary]'));
  assert.equal(await visible('[data-export=json]'), false, 'buttons are not printed');
  assert.equal(await visible('#sa-import'), false);
  assert.equal(await visible('.site-header'), false);
  // "Print results and action plan" prints the results alone.
  await page.evaluate(() => { window.print = () => { window.printedWith = document.body.className; }; });
  await page.emulateMedia({ media: 'screen' });
  await page.click('[data-print-results]');
  assert.equal(await page.evaluate(() => window.printedWith), 'print-results');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await visible('form.worksheet'), false);
  assert.ok(await visible('[data-plan] table'));
  assert.ok(await visible('[data-radar] svg'));
  assert.match(await page.locator('[data-print-who]').innerText(), /Completed by Dr Alex Smith, PQL/);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.ok(await visible('form.worksheet'));
  await page.emulateMedia({ media: 'screen' });
});
