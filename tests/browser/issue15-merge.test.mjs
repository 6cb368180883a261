// Issue 15, items 2 and 3 in the app: importing a file for a unit and year that is already saved
// offers to merge it (not only replace it) — figures only one side has are taken, each conflict is
// shown side by side to choose, nothing changes before every conflict is chosen and Merge pressed,
// and the merged assessment records where each figure came from (`sources`); "Send to departments"
// saves one template per department, each holding exactly that department's figures. Through the
// real UI (the file picker, clicks, the keyboard through the accessible mirror); screenshots of the
// merge dialog in zh and en.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBrowser, openApp, clickItem, findItem, items, settle, textOf, saveArtifact, fontsIdle } from './lib.mjs';

const env = useBrowser();
const catalog = JSON.parse(fs.readFileSync(new URL('../../assets/catalog/yancheng-2022.json', import.meta.url), 'utf8'));
const ui = JSON.parse(fs.readFileSync(new URL('../../assets/i18n/ui.json', import.meta.url), 'utf8'));
const state = (page) => page.evaluate(() => window.qcity.state());
const figureName = (key, lang = 'zh') => catalog.figures.find((f) => f.key === key).name[lang];
const countyFiguresOf = (dep) => catalog.figures.filter((f) => f.profile === 'county' && f.department === dep).map((f) => f.key);

const UNIT = '东台市';
const YEAR = 2023;
const doc = (figures, extra = {}) => ({ schema: 'qcity.assessment/1', catalog: catalog.id, profile: 'county', unit: UNIT, year: YEAR, figures, ...extra });

// The saved assessment every test starts from: three figures, typed in this browser.
const SAVED = { mfg_sampled_batches: 1200, mfg_qualified_batches: 1150, above_scale_enterprises: 611 };

async function start(options = {}) {
  const app = await openApp(env.browser, env.url, { width: 1280, height: 900, ...options });
  await app.page.evaluate((d) => window.qcity.load(d), doc(SAVED));
  await findItem(app.page, '##fig_mfg_qualified_batches', { timeout: 10000 });
  return app;
}

function tmpFile(name, content) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-i15-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

// Picks a file through the app's Import button; for a unit + year already saved the app asks.
async function pick(page, file, importLabel = '导入文件') {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, importLabel)]);
  await chooser.setFiles(file);
}

// Waits until a status line matching `re` is shown (the import's outcome).
async function statusMatches(page, re, timeout = 15000) {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await textOf(page, 'status_line', { timeout: 2000 }).catch(() => '');
    if (re.test(last)) return last;
    await settle(page, 2);
  }
  throw new Error(`status line never matched ${re} (last: "${last}")`);
}

// Waits until no widget's label ends with `suffix` (a dialog closed).
async function gone(page, suffix, timeout = 10000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (!(await items(page)).some((i) => i.label.endsWith(suffix))) return;
    await settle(page, 1);
  }
  throw new Error(`${suffix} still shown`);
}

// The element the page's keyboard focus is on (the accessible mirror's element).
const active = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el ? { tag: el.tagName.toLowerCase(), type: el.type || '', text: el.textContent, label: el.getAttribute('aria-label') || '',
                checked: !!el.checked, dialog: !!el.closest('[role="dialog"]') } : null;
});
// Presses Tab until the focused element matches (at most `max` presses), then lets ImGui's focus follow.
async function tabTo(page, match, max = 40) {
  for (let i = 0; i < max; i++) {
    const a = await active(page);
    if (a && match(a)) {
      await settle(page, 2);
      return a;
    }
    await page.keyboard.press('Tab');
    await settle(page, 1);
  }
  throw new Error(`focus never reached the element (last: ${JSON.stringify(await active(page))})`);
}

// A small CSV reader/writer for the department templates (quoted cells, CRLF, BOM).
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell.replace(/\r$/, '')); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((c) => c !== ''));
}
const writeCsv = (rows) => '\ufeff' + rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

test('a partial file for a saved unit and year merges without conflicts: both sides\' figures, sources recorded', async () => {
  const { context, page, log } = await start();
  // A department's file: two figures the saved assessment lacks, one it has with the same value.
  const civil = countyFiguresOf('civil_affairs');
  assert.ok(civil.length >= 2);
  const file = tmpFile('东台-民政局.json', JSON.stringify(doc({ [civil[0]]: 7, [civil[1]]: 12, mfg_sampled_batches: 1200 }, { department: 'civil_affairs' })));
  await pick(page, file);
  // The question offers three answers: merge, replace, cancel.
  await findItem(page, '###replace_no', { timeout: 10000 });
  await findItem(page, '###replace_yes');
  await clickItem(page, '合并');
  const line = await statusMatches(page, /^已合并/);
  assert.equal(line, '已合并：东台-民政局.json 并入 东台市 2023，2 个数据有变化');
  const s = await state(page);
  for (const [k, v] of Object.entries(SAVED)) assert.equal(s.figures[k], v, `the saved ${k} stays`);
  assert.equal(s.figures[civil[0]], 7);
  assert.equal(s.figures[civil[1]], 12);
  // Where each figure came from: this browser's, and the department's (its name, as the CLI records).
  assert.equal(s.sources.mfg_qualified_batches, '本浏览器');
  assert.equal(s.sources.above_scale_enterprises, '本浏览器');
  assert.equal(s.sources[civil[0]], '民政局');
  assert.equal(s.sources[civil[1]], '民政局');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a conflicting file: the dialog lists the conflict with both values; the file\'s value chosen by keyboard is applied', async () => {
  const { context, page, log } = await start();
  const file = tmpFile('b.json', JSON.stringify(doc({ mfg_sampled_batches: 1300, consumer_sampled_batches: 1000 })));
  await pick(page, file);
  await clickItem(page, '合并', { timeout: 10000 });
  const row = await textOf(page, 'merge_row_mfg_sampled_batches', { timeout: 10000 });
  assert.equal(row, `${figureName('mfg_sampled_batches')}（mfg_sampled_batches） | 1200 | 1300`);
  assert.match(await textOf(page, 'merge_text'), /有 1 处不同/);
  assert.equal(await textOf(page, 'merge_left'), '还有 1 处未选择');
  // Only the conflict is asked: the figure only the file has is not a row.
  assert.ok(!(await items(page)).some((i) => i.label.includes('merge_row_consumer_sampled_batches')));
  // Merge cannot be pressed before the conflict is chosen: nothing changes.
  await clickItem(page, '###merge_ok');
  assert.equal((await state(page)).figures.mfg_sampled_batches, 1200);
  await findItem(page, '###merge_row_mfg_sampled_batches');

  // The dialog by keyboard, through the accessible mirror: it holds the focus (what is behind it is
  // inert); Tab to the file's value, Space chooses it; Tab to Merge, Enter.
  const fileChoice = `${figureName('mfg_sampled_batches')}（mfg_sampled_batches）——文件中的值：1300`;
  const radio = await tabTo(page, (a) => a.label === fileChoice);
  assert.equal(radio.type, 'radio');
  assert.ok(radio.dialog, 'the choice is in the mirror\'s dialog');
  const captions = await page.evaluate(() => [...document.querySelectorAll('#qcity-a11y [role="dialog"] caption')].map((c) => c.textContent));
  assert.deepEqual(captions, [ui['merge.caption'].zh], 'the conflicts are a table of the mirror\'s dialog');
  await page.keyboard.press('Space');
  await settle(page, 3);
  assert.equal(await textOf(page, 'merge_left'), ui['merge.all_chosen'].zh);
  assert.equal((await state(page)).figures.mfg_sampled_batches, 1200, 'nothing applied before Merge');
  await tabTo(page, (a) => a.tag === 'button' && a.text === '合并');
  await page.keyboard.press('Enter');
  const line = await statusMatches(page, /^已合并/);
  assert.equal(line, '已合并：b.json 并入 东台市 2023，2 个数据有变化');
  const s = await state(page);
  assert.equal(s.figures.mfg_sampled_batches, 1300, 'the file\'s value, as chosen');
  assert.equal(s.figures.consumer_sampled_batches, 1000, 'the figure only the file had');
  assert.equal(s.figures.mfg_qualified_batches, 1150, 'the figure only this browser had');
  assert.equal(s.sources.mfg_sampled_batches, 'b.json');
  assert.equal(s.sources.mfg_qualified_batches, '本浏览器');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('"take all from this browser", then cancel, and Escape: nothing changes', async () => {
  const { context, page, log } = await start();
  const before = await state(page);
  const file = tmpFile('c.json', JSON.stringify(doc({ mfg_sampled_batches: 1300, mfg_qualified_batches: 1250, consumer_sampled_batches: 1000 })));

  // Cancel, after choosing everything: the saved assessment stays as it was.
  await pick(page, file);
  await clickItem(page, '合并', { timeout: 10000 });
  assert.equal(await textOf(page, 'merge_left', { timeout: 10000 }), '还有 2 处未选择');
  await clickItem(page, ui['merge.all_file'].zh);
  assert.equal(await textOf(page, 'merge_left'), ui['merge.all_chosen'].zh);
  await clickItem(page, '###merge_cancel');
  await gone(page, '###merge_left');
  assert.deepEqual(await state(page), before);

  // Escape, in English this time: the same.
  await page.evaluate(() => window.qcity.setLanguage('en'));
  await settle(page, 2);
  await pick(page, file, 'Import');
  await clickItem(page, 'Merge', { timeout: 10000 });
  assert.equal(await textOf(page, 'merge_left', { timeout: 10000 }), '2 differences still to choose');
  await clickItem(page, ui['merge.all_here'].en);
  await page.keyboard.press('Escape');
  await gone(page, '###merge_left');
  assert.deepEqual(await state(page), before);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('send to departments: one download per department holding exactly its figures; a filled one merges back', async () => {
  const { context, page, log } = await start();
  const departments = catalog.departments.filter((d) => countyFiguresOf(d.id).length > 0);
  assert.ok(departments.length >= 2);
  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  await clickItem(page, '发给各部门填报');
  await page.waitForFunction(() => true);
  const deadline = Date.now() + 15000;
  while (downloads.length < departments.length && Date.now() < deadline) await settle(page, 2);
  assert.equal(downloads.length, departments.length, 'one file per department');
  const byName = new Map();
  for (const d of downloads) byName.set(d.suggestedFilename(), fs.readFileSync(await d.path(), 'utf8'));
  for (const dep of departments) {
    const name = `qcity-${UNIT}-${YEAR}-${dep.name.zh}.csv`;
    assert.ok(byName.has(name), `${name} among ${[...byName.keys()].join(', ')}`);
    const rows = parseCsv(byName.get(name));
    const header = rows.findIndex((r) => r[0] === 'key');
    assert.ok(header > 0, 'a header row after the identity rows');
    assert.deepEqual(rows.slice(header + 1).map((r) => r[0]).sort(), countyFiguresOf(dep.id).sort(), `${dep.id}: exactly its figures`);
    assert.ok(rows.some((r) => r[0] === '#department' && r[1] === dep.id), 'it says whose it is');
    assert.ok(rows.some((r) => r[0] === '#unit' && r[1] === UNIT) && rows.some((r) => r[0] === '#year' && r[1] === String(YEAR)));
  }
  const sent = await textOf(page, 'status_line');
  assert.ok(sent.startsWith(`已保存 ${departments.length} 个部门模板：`), sent);

  // The transport bureau fills its template (as Excel saves it) and it comes back: merged, no conflict.
  const transport = departments.find((d) => d.id === 'transport');
  const rows = parseCsv(byName.get(`qcity-${UNIT}-${YEAR}-${transport.name.zh}.csv`));
  const header = rows.findIndex((r) => r[0] === 'key');
  const value = rows[header].indexOf('value');
  const filled = {};
  rows.slice(header + 1).forEach((r, i) => {
    const f = catalog.figures.find((x) => x.key === r[0]);
    if (f.type === 'integer' || f.type === 'count') { r[value] = String(10 + i); filled[r[0]] = 10 + i; }
  });
  assert.ok(Object.keys(filled).length > 0, 'the template has count figures to fill');
  await pick(page, tmpFile('交通运输局-已填.csv', writeCsv(rows)));
  await clickItem(page, '合并', { timeout: 10000 });
  await statusMatches(page, /^已合并/);
  const s = await state(page);
  for (const [k, v] of Object.entries(filled)) {
    assert.equal(s.figures[k], v, k);
    assert.equal(s.sources[k], transport.name.zh, `${k} came from ${transport.name.zh}`);
  }
  for (const [k, v] of Object.entries(SAVED)) assert.equal(s.figures[k], v);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the merge dialog, seen in zh and en', async () => {
  for (const lang of ['zh', 'en']) {
    const { context, page, log } = await start({ locale: lang === 'en' ? 'en-US' : 'zh-CN' });
    await page.evaluate((l) => window.qcity.setLanguage(l === 'en' ? 'en' : 'zh-CN'), lang);
    await settle(page, 2);
    const file = tmpFile('市场监管局.json', JSON.stringify(doc({ mfg_sampled_batches: 1300, mfg_qualified_batches: 1250, above_scale_enterprises: 620, consumer_sampled_batches: 1000 },
      { department: 'market_regulation' })));
    await pick(page, file, ui['btn.import'][lang]);
    await findItem(page, '###replace_merge', { timeout: 10000 });
    await fontsIdle(page);
    await settle(page, 3);
    saveArtifact(`issue15-replace-question-${lang}.png`, await page.screenshot());
    await clickItem(page, '###replace_merge');
    await findItem(page, '###merge_row_above_scale_enterprises', { timeout: 10000 });
    await clickItem(page, '###merge_file_mfg_sampled_batches');
    await fontsIdle(page);
    await settle(page, 3);
    saveArtifact(`issue15-merge-dialog-${lang}.png`, await page.screenshot());
    // Every row, and the dialog inside the window.
    const all = await items(page);
    const vp = page.viewportSize();
    for (const key of ['mfg_sampled_batches', 'mfg_qualified_batches', 'above_scale_enterprises']) {
      const it = all.find((i) => i.label.endsWith(`###merge_file_${key}`));
      assert.ok(it, key);
      assert.ok(it.x >= 0 && it.x + it.w <= vp.width && it.y >= 0 && it.y + it.h <= vp.height, `${key} inside the window`);
    }
    await clickItem(page, '###merge_cancel');
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
