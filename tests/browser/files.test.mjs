// Files that leave and enter the app, and the city's view: the printable report, CSV for Excel
// (out and back in), several county files at once for the city roll-up, and the change since last
// year. Each through the real UI (buttons, the file picker, the replace question).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  useBrowser, openApp, clickItem, findItem, settle, saveArtifact, pngStats, items,
} from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const state = (page) => page.evaluate(() => window.qcity.state());

// County files written to a temporary folder: 东台市 2023 (the fixture), 东台市 2022 (3 % lower
// counts), 大丰区 2023.
function countyFiles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-files-'));
  const write = (name, doc) => { const f = path.join(dir, name); fs.writeFileSync(f, JSON.stringify(doc)); return f; };
  const last = structuredClone(fixture);
  last.year = 2022;
  for (const [k, v] of Object.entries(last.figures)) if (Number.isInteger(v) && v > 10) last.figures[k] = Math.floor(v * 0.97);
  const dafeng = structuredClone(fixture);
  dafeng.unit = '大丰区';
  delete dafeng.figures.mfg_sampled_batches;  // one figure the city then lacks from 大丰区
  delete dafeng.figures.mfg_qualified_batches;
  return { dir, now: write('dongtai-2023.json', fixture), last: write('dongtai-2022.json', last), dafeng: write('dafeng-2023.json', dafeng), lastDoc: last };
}

async function importFiles(page, files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  assert.equal(chooser.isMultiple(), true, 'the picker takes several files');
  await chooser.setFiles(files);
  await page.waitForFunction((n) => {
    const s = window.localStorage.getItem('qcity.workspace.v1');
    return s && JSON.parse(s).items.length >= n;
  }, files.length, { timeout: 10000 });
  await settle(page, 3);
}

async function download(page, label) {
  const [d] = await Promise.all([page.waitForEvent('download'), clickItem(page, label)]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
}

test('several county files at once → the city roll-up: matrix, missing figures, CSV and report', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1400, height: 900 });
  const f = countyFiles();
  await importFiles(page, [f.now, f.dafeng, f.last]);
  await clickItem(page, '###nav_rollup');
  // Both 2023 counties are in (the 2022 file is another year).
  const labels = (await items(page)).map((i) => i.text);
  assert.ok(labels.includes('东台市') && labels.includes('大丰区'), labels.join(' | '));
  saveArtifact('rollup-zh.png', await page.screenshot());

  const csv = await download(page, '###matrix_csv');
  assert.equal(csv.name, 'qcity-全市-2023-matrix.csv');
  assert.ok(csv.text.startsWith('\ufeff'), 'BOM for Excel');
  const lines = csv.text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l);
  assert.equal(lines.length, 7, 'three identity rows, header, two counties, the city');
  assert.deepEqual(lines.slice(0, 2), ['#units_included,2', '#units_expected,11']);
  assert.match(lines[2], /^#note,纳入 2\/11 个县（市、区）/);
  assert.match(lines[4], /^东台市,/);
  assert.match(lines[5], /^大丰区,/);
  assert.match(lines[6], /^全市,/);

  const report = await download(page, '###city_report');
  assert.match(report.text, /<!DOCTYPE html>/);
  assert.doesNotMatch(report.text, /<script|src=|href=/);
  assert.match(report.text, /<th scope="col">东台市<\/th>/);
  assert.match(report.text, /<th scope="col">大丰区<\/th>/);
  // 大丰区 lacks the manufacturing batches: the report says so.
  assert.match(report.text, /缺少的数据[\s\S]*大丰区/);

  // Leave 大丰区 out: the roll-up is 东台市 alone.
  await clickItem(page, '大丰区');
  const csv2 = await download(page, '###matrix_csv');
  assert.equal(csv2.text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l).length, 6);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('change since last year: in the results, the results CSV and the report; print opens the report', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1400, height: 900 });
  const f = countyFiles();
  await importFiles(page, [f.last, f.now]);
  // The 2023 file is open (imported last); compare it with 2022.
  assert.equal((await state(page)).year, 2023);
  await clickItem(page, '###nav_results');
  await clickItem(page, '##compare');
  await clickItem(page, '2022');
  await settle(page, 2);
  saveArtifact('results-compare-zh.png', await page.screenshot());

  const csv = await download(page, '###results_csv');
  const rows = csv.text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l);
  assert.match(rows[0], /,较上年$/);
  // Sampled batches fell 3 % in 2022, so this year's certificates (a count) rose: an ↑ somewhere.
  assert.ok(rows.some((r) => r.includes('↑')), 'some indicator went up');

  const report = await download(page, '###save_report');
  assert.match(report.name, /^qcity-东台市-2023-report\.html$/);
  assert.match(report.text, /较上年/);
  assert.match(report.text, /与上年对比：2022/);

  // Printed on A4 (Chromium's own print to PDF), then looked at page by page (pdftoppm).
  const printer = await context.newPage();
  await printer.setContent(report.text);
  const pdf = await printer.pdf({ format: 'A4', preferCSSPageSize: true });
  await printer.close();
  const pdfFile = saveArtifact('report-dongtai-2023.pdf', pdf);
  execFileSync('pdftoppm', ['-r', '50', '-png', pdfFile, pdfFile.replace(/\.pdf$/, '-page')]);
  const pages = fs.readdirSync(path.dirname(pdfFile)).filter((n) => n.startsWith('report-dongtai-2023-page') && n.endsWith('.png'));
  assert.ok(pages.length >= 2, `several A4 pages, got ${pages.length}`);
  const first = await pngStats(env.browser, fs.readFileSync(path.join(path.dirname(pdfFile), pages.sort()[0])));
  assert.ok(first.height > first.width, 'portrait');
  assert.ok(first.inkFraction > 0.02, 'the first page has content');

  await clickItem(page, '###print_report');
  await page.waitForFunction(() => {
    const f = document.getElementById('qcity-print-frame');
    return f && f.srcdoc.includes('东台市') && f.srcdoc.includes('较上年');
  }, null, { timeout: 5000 });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('figures CSV out to a spreadsheet and back; a bad cell names its row and changes nothing', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  const enterprise = {
    schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'enterprise', unit: '盐城市某某电子有限公司', year: 2025,
    figures: { ent_sampled_batches: 40, ent_qualified_batches: 39, ent_has_cqo: true },
    readiness: { self_score: { model: 'gbt19580-2012', items: { '4.1.2': { percent: 55 } } } },
  };
  await page.evaluate((d) => window.qcity.load(d), enterprise);
  await settle(page);
  await clickItem(page, '###nav_results');
  const out = await download(page, '###figures_csv');
  assert.equal(out.name, 'qcity-盐城市某某电子有限公司-2025-figures.csv');
  assert.ok(out.text.startsWith('\ufeff#catalog,yancheng-2022\r\n'));

  // As a spreadsheet saves it: tab-separated, no BOM, one value changed, one typed with a
  // thousands separator, a quoted note with a comma.
  const rows = out.text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l).map((l) => l.split(','));
  const head = rows.findIndex((r) => r[0] === 'key');
  const keyCol = 0, valueCol = rows[head].indexOf('value'), noteCol = rows[head].indexOf('note');
  for (const r of rows.slice(head + 1)) {
    if (r[keyCol] === 'ent_sampled_batches') r[valueCol] = '1,200';
    if (r[keyCol] === 'ent_qualified_batches') { r[valueCol] = '1150'; r[noteCol] = '"省抽, 国抽合计"'; }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-csv-'));
  const good = path.join(dir, 'filled.csv');
  fs.writeFileSync(good, rows.map((r) => r.join('\t')).join('\n') + '\n');
  const before = await state(page);

  // A bad cell first: an error naming row and figure, nothing imported.
  const bad = path.join(dir, 'bad.csv');
  fs.writeFileSync(bad, fs.readFileSync(good, 'utf8').replace('1150', 'abc'));
  const [c1] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  await c1.setFiles(bad);
  await findItem(page, '确定', { timeout: 5000 });
  saveArtifact('csv-bad-cell.png', await page.screenshot());
  await clickItem(page, '确定');
  assert.deepEqual(await state(page), before);

  // The good file: same enterprise and year, so the app asks, then replaces figures and notes
  // and keeps the self-score the CSV does not carry.
  const [c2] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  await c2.setFiles(good);
  await clickItem(page, '替换', { timeout: 5000 });
  const s = await state(page);
  assert.equal(s.figures.ent_sampled_batches, 1200);
  assert.equal(s.figures.ent_qualified_batches, 1150);
  assert.equal(s.figures.ent_has_cqo, true);
  assert.equal(s.notes.ent_qualified_batches, '省抽, 国抽合计');
  assert.deepEqual(s.readiness, enterprise.readiness);
  assert.deepEqual(log.errors, []);
  await context.close();
});
