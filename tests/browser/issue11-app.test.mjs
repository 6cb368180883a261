// Issue 11, the app's behaviour through the real UI: messages that follow the language switch, one
// name per county, each assessment's own scroll and filter, the problem banner and the missing count
// that jump to the field, several files imported in one message, the year refused with its range,
// and the roll-up that says how many counties are in, marks the city provisional and keeps the city
// row in view. Screenshots of the changed screens in zh and en at 1024×640 and 1280×800.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  useBrowser, openApp, clickItem, findItem, items, typeInto, settle, drained, waitFrames, frameCount,
  saveArtifact, scrollTo, nextFrame,
  textOf,
} from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const catalog = JSON.parse(fs.readFileSync(new URL('../../assets/catalog/yancheng-2022.json', import.meta.url), 'utf8'));
const state = (page) => page.evaluate(() => window.qcity.state());
const results = (page) => page.evaluate(() => window.qcity.results());

// The widget whose full label ends with `suffix` ("##unit0"), or undefined (not drawn, or clipped).
async function byLabelEnd(page, suffix) {
  return (await items(page)).find((i) => i.label.endsWith(suffix));
}
async function visible(page, label) {
  const vp = page.viewportSize();
  const it = (await items(page)).find((i) => i.label === label);
  return !!it && it.y >= 0 && it.y + it.h <= vp.height;
}
async function wheel(page, dy, at = null) {
  const vp = page.viewportSize();
  const pos = at || { x: vp.width * 0.5, y: vp.height * 0.7 };
  const before = await frameCount(page);
  await page.mouse.move(pos.x, pos.y);
  await page.mouse.wheel(0, dy);
  await waitFrames(page, 2, before);
}
async function press(page, key) {
  const before = await frameCount(page);
  await page.keyboard.press(key);
  await waitFrames(page, 1, before);
  await drained(page);
}
async function type(page, text) {
  const before = await frameCount(page);
  await page.keyboard.type(text);
  await waitFrames(page, 1, before);
  await drained(page);
}

// County files from the fixture, one per unit (zh names), in a temporary folder.
function countyFiles(units, { year = 2023, edit = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-i11-'));
  const files = {};
  for (const unit of units) {
    const doc = structuredClone(fixture);
    doc.unit = unit;
    doc.year = year;
    if (edit[unit]) edit[unit](doc);
    const id = catalog.units.find((u) => u.name.zh === unit).id;
    files[unit] = path.join(dir, `${id}-${year}.json`);
    fs.writeFileSync(files[unit], JSON.stringify(doc));
  }
  return { dir, files };
}

async function pickFiles(page, list, importLabel = '导入文件') {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, importLabel)]);
  await chooser.setFiles(list);
  // Files are read one after another (as bytes, asynchronously); several are done when the status
  // line says what became of them all. Under load the last read can land after the next click.
  // (A wait for a widget whose text has "导入" once stood here: the Import button itself has it in
  // Chinese — no wait at all — and no widget in English — 30 s gone, the error swallowed.)
  if (list.length > 1) {
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      const all = await items(page);
      if (all.some((i) => /^已导入 \d+ 个|个未能导入|^Imported \d+ file|could not be imported|保留已有的/.test(i.text))) break;
      await nextFrame(page, 200);  // (the app draws when a file is read: no frames drawn to pass the time)
    }
  }
  await settle(page, 3);
}

async function createCounty(page, unitIndex = 0) {
  if (unitIndex !== 0) {
    await clickItem(page, '###new_unit');
    await clickItem(page, `${catalog.units[unitIndex].name.zh}`);
  }
  await clickItem(page, '创建评估');
  await findItem(page, '##fig_mfg_qualified_batches');
}

test('the language switch changes a status line already shown; a county reads the same in the picker and the header', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await createCounty(page);
  const year = (await state(page)).year;
  await Promise.all([page.waitForEvent('download'), clickItem(page, '导出文件')]);
  assert.equal(await textOf(page, 'status_line'), `已导出：qcity-亭湖区-${year}.json`);
  assert.equal(await textOf(page, 'open_unit'), '亭湖区');

  await clickItem(page, 'English###lang');
  assert.equal(await textOf(page, 'status_line'), `Exported: qcity-亭湖区-${year}.json`, 'the status line follows the switch');
  assert.equal(await textOf(page, 'open_unit'), 'Tinghu District', 'the header names the county in English');
  // The start screen's picker names it the same way.
  await clickItem(page, 'Start');
  await clickItem(page, '###new_unit');
  assert.equal((await byLabelEnd(page, '##unit0')).text, 'Tinghu District');
  await page.keyboard.press('Escape');
  await settle(page);

  // And back: the same line in Chinese again (it was never a rendered string).
  await clickItem(page, '中文###lang');
  assert.equal(await textOf(page, 'status_line'), `已导出：qcity-亭湖区-${year}.json`);
  assert.equal((await state(page)).unit, '亭湖区', 'the file keeps the catalog key (the Chinese name)');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('each assessment opens at the top of its form and keeps its own place; "only not met" stays with its assessment', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);                                 // A: 亭湖区
  assert.ok(await visible(page, '##fig_mfg_qualified_batches'));
  for (let i = 0; i < 8; i++) await wheel(page, 400);
  assert.equal(await visible(page, '##fig_mfg_qualified_batches'), false, 'A scrolled down');
  saveArtifact('i11-scroll-a-zh.png', await page.screenshot());

  await clickItem(page, '首页');
  await createCounty(page, 3);                              // B: 东台市, opened for the first time
  assert.equal((await state(page)).unit, '东台市');
  assert.ok(await visible(page, '##fig_mfg_qualified_batches'), 'B opens at the top of its form, not where A was');

  // "Only not met" on A's results does not hide B's rows.
  await clickItem(page, '首页');
  const open = (await items(page)).filter((i) => i.label === '打开##open').sort((a, b) => a.y - b.y);
  await clickItem(page, '打开');                            // A (the first row)
  assert.equal((await state(page)).unit, '亭湖区');
  assert.equal(await visible(page, '##fig_mfg_qualified_batches'), false, 'A opens again where it was left');
  await clickItem(page, '###nav_results');
  const filterA = await findItem(page, '###only_not_met');
  assert.equal(filterA.checked, false);
  await clickItem(page, '###only_not_met');
  assert.equal((await findItem(page, '###only_not_met')).checked, true);

  await clickItem(page, '首页');
  const rows = (await items(page)).filter((i) => i.label === '打开##open').sort((a, b) => a.y - b.y);
  assert.equal(rows.length, 2);
  assert.equal(open.length, 2);
  const before = await frameCount(page);
  await page.mouse.click(rows[1].x + rows[1].w / 2, rows[1].y + rows[1].h / 2);  // B
  await waitFrames(page, 2, before);
  assert.equal((await state(page)).unit, '东台市');
  await clickItem(page, '###nav_results');
  assert.equal((await findItem(page, '###only_not_met')).checked, false, 'B shows all its rows');

  await clickItem(page, '首页');
  await clickItem(page, '打开');                            // A again: its filter is still on
  await clickItem(page, '###nav_results');
  assert.equal((await findItem(page, '###only_not_met')).checked, true);
  await context.close();
});

test('the problem banner takes the person to the next bad figure (scrolled to, focused), and on, wrapping', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await createCounty(page);
  // Two bad figures: one at the top, one far down the form.
  await typeInto(page, '##fig_elder_canteens', '-3');
  await typeInto(page, '##fig_mfg_qualified_batches', '-1');
  await press(page, 'Enter');
  const bad = (await results(page)).problems.filter((p) => p.severity === 'error').map((p) => p.key).sort();
  assert.deepEqual(bad, ['elder_canteens', 'mfg_qualified_batches']);
  assert.match(await textOf(page, 'jump_problem'), /有 2 处数据需要修改/);
  await scrollTo(page, '##fig_mfg_qualified_batches');
  assert.equal(await visible(page, '##fig_elder_canteens'), false, 'the far figure is out of view');

  // First activation: the first bad field in form order (the top one); second: the far one.
  await clickItem(page, '###jump_problem');
  await settle(page, 3);
  assert.ok(await visible(page, '##fig_mfg_qualified_batches'));
  await clickItem(page, '###jump_problem');
  await settle(page, 4);
  assert.ok(await visible(page, '##fig_elder_canteens'), 'scrolled to the far field');
  assert.equal((await byLabelEnd(page, '##fig_elder_canteens')).active, true, 'focused: the field is being edited');
  saveArtifact('i11-banner-jump-zh.png', await page.screenshot());
  // It has the keyboard, its text selected: typing replaces the bad value.
  await type(page, '12');
  await press(page, 'Enter');
  assert.equal((await state(page)).figures.elder_canteens, 12);
  assert.match(await textOf(page, 'jump_problem'), /有 1 处数据需要修改/);

  // Wrapping: the only one left is the top one, far above now.
  assert.equal(await visible(page, '##fig_mfg_qualified_batches'), false);
  await clickItem(page, '###jump_problem');
  await settle(page, 4);
  assert.ok(await visible(page, '##fig_mfg_qualified_batches'), 'back up to the first');
  await type(page, '5');
  await press(page, 'Enter');
  assert.equal((await state(page)).figures.mfg_qualified_batches, 5);
  assert.equal(await byLabelEnd(page, '###jump_problem'), undefined, 'no banner once all is fixed');

  // Keyboard: Tab to the banner, Enter works like a click.
  await typeInto(page, '##fig_elder_canteens', '-4');
  await press(page, 'Enter');
  await press(page, 'Escape');
  await scrollTo(page, '##fig_mfg_qualified_batches');
  assert.equal(await visible(page, '##fig_elder_canteens'), false);
  // Tab follows reading order (the accessible mirror, issue 14): from the top of the page the banner
  // comes after the top bar, before the form's fields (so the focus leaves the field first).
  await page.evaluate(() => document.activeElement?.blur());
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await press(page, 'Tab');
    reached = !!(await byLabelEnd(page, '###jump_problem'))?.focused;
  }
  assert.ok(reached, 'Tab reaches the banner');
  await press(page, 'Enter');
  await settle(page, 4);
  assert.ok(await visible(page, '##fig_elder_canteens'), 'Enter on the banner jumped to the field');
  assert.equal((await byLabelEnd(page, '##fig_elder_canteens')).active, true, 'and the field is being edited');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an enterprise: the banner takes the person to a bad award-gate figure on the eligibility tab', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await page.evaluate(() => window.qcity.load({
    schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'enterprise', unit: '盐城市某某电子有限公司', year: 2024,
    figures: { ent_years_registered: -2 },
  }));
  await settle(page, 3);
  assert.match(await textOf(page, 'jump_problem'), /有 1 处数据需要修改/);
  await clickItem(page, '###jump_problem');
  await settle(page, 4);
  const field = await byLabelEnd(page, '##fig_ent_years_registered');
  assert.ok(field, 'the readiness screen shows the gate figure');
  assert.equal(field.active, true, 'and it is being edited');
  assert.ok(await visible(page, '##fig_ent_years_registered'));
  saveArtifact('i11-banner-gate-zh.png', await page.screenshot());
  await type(page, '6');
  await press(page, 'Enter');
  assert.equal((await state(page)).figures.ent_years_registered, 6);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the missing count takes the person to the next missing figure, from the entry and the results screen', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);
  const label = await textOf(page, 'jump_missing');
  assert.match(label, /^缺数据 \d+ 项$/);
  await clickItem(page, '###jump_missing');
  await settle(page, 3);
  const active = (await items(page)).filter((i) => i.active && i.label.startsWith('##fig_'));
  assert.equal(active.length, 1, 'one figure field is being edited');
  const first = active[0].label.slice('##fig_'.length);
  const r0 = await results(page);
  assert.ok(r0.indicators.some((i) => i.status === 'missing' && (i.missing_figures || []).includes(first)), `${first} is a missing figure`);
  await type(page, '90');
  await press(page, 'Enter');
  assert.equal((await state(page)).figures[first], 90);

  // From the results screen: back to the entry screen, on the next missing figure (not the same).
  await clickItem(page, '###nav_results');
  await clickItem(page, '###jump_missing');
  await settle(page, 4);
  const active2 = (await items(page)).filter((i) => i.active && i.label.startsWith('##fig_'));
  assert.equal(active2.length, 1, 'on the entry screen, a field being edited');
  const second = active2[0].label.slice('##fig_'.length);
  assert.notEqual(second, first, 'the next one, not the same again');
  assert.ok(await visible(page, active2[0].label));
  await type(page, '91');
  await press(page, 'Enter');
  assert.equal((await state(page)).figures[second], 91);
  await context.close();
});

test('several files at once: one message naming every file imported and each that failed, with why; it follows the language', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  const { dir, files } = countyFiles(['滨海县', '亭湖区', '响水县', '大丰区']);
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, '{"schema": "qcity.assessment/1",\n  "unit": \n}');
  const huge = path.join(dir, 'huge.json');
  fs.writeFileSync(huge, ' '.repeat(6 * 1024 * 1024));
  await pickFiles(page, [files['滨海县'], files['亭湖区'], broken, files['响水县'], huge]);
  const dialog = await textOf(page, 'error_text', { timeout: 8000 });
  assert.match(dialog, /^已导入 3 个：滨海县、亭湖区、响水县；2 个未能导入/);
  assert.match(dialog, /broken\.json：文件不是有效的 JSON：第 3 行/, 'the broken file, with the core\'s reason');
  assert.match(dialog, /huge\.json：文件过大（6144 KB），评估文件不能超过 5 MB/, 'the file over the limit, with the reason');
  saveArtifact('i11-import-dialog-zh.png', await page.screenshot());
  await clickItem(page, '确定');
  assert.equal(await textOf(page, 'status_line'), '已导入 3 个：滨海县、亭湖区、响水县；2 个未能导入');
  await clickItem(page, 'English###lang');
  assert.equal(await textOf(page, 'status_line'),
    'Imported 3 files: Binhai County, Tinghu District, Xiangshui County; 2 files could not be imported');

  // A second batch with a file that is already saved: the question, declined; the message says so.
  await pickFiles(page, [files['亭湖区'], files['大丰区']], 'Import');
  await clickItem(page, 'Cancel', { timeout: 5000 });
  await settle(page, 3);
  assert.equal(await textOf(page, 'status_line'),
    'Imported 1 file: Dafeng District; Kept 1 saved assessment (not replaced): Tinghu District');
  await clickItem(page, '中文###lang');
  assert.equal(await textOf(page, 'status_line'), '已导入 1 个：大丰区；保留已有的 1 个（未替换）：亭湖区');

  // A single file keeps its short message; a single broken one its dialog.
  const one = countyFiles(['建湖县']);
  await pickFiles(page, [one.files['建湖县']]);
  assert.equal(await textOf(page, 'status_line'), '已导入：建湖县 2023');
  await pickFiles(page, [broken]);
  assert.match(await textOf(page, 'error_text', { timeout: 5000 }), /^broken\.json\n/);
  await clickItem(page, '确定');
  assert.equal((await page.evaluate(() => JSON.parse(window.localStorage.getItem('qcity.workspace.v1')))).items.length, 5);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a year outside the catalog\'s range is refused with a message naming the range, and the typed year stays', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await typeInto(page, '###new_year', '1999');
  await press(page, 'Enter');
  await clickItem(page, '创建评估');
  assert.equal(await state(page), null, 'nothing created');
  const msg = await textOf(page, 'year_message');
  const { from, to } = catalog.years;
  assert.equal(msg, `年份 1999 不在目录适用范围 ${from}–${to} 内`, 'the core\'s message, naming the range and the year typed');
  saveArtifact('i11-year-refused-zh.png', await page.screenshot());
  await clickItem(page, 'English###lang');
  assert.equal(await textOf(page, 'year_message'), `The year 1999 is outside the catalog's range ${from}–${to}`);
  saveArtifact('i11-year-refused-en.png', await page.screenshot());
  // A year after the range too; the typed year is never moved into it.
  await typeInto(page, '###new_year', String(to + 1));
  await press(page, 'Enter');
  await clickItem(page, 'Create');
  assert.equal(await state(page), null);
  assert.match(await textOf(page, 'year_message'), new RegExp(`The year ${to + 1} is outside`));
  await clickItem(page, '中文###lang');
  // Corrected: created, message gone.
  await typeInto(page, '###new_year', '2023');
  await press(page, 'Enter');
  assert.equal(await byLabelEnd(page, '###year_message'), undefined);
  await clickItem(page, '创建评估');
  assert.equal((await state(page)).year, 2023);
  await context.close();
});

test('a city-wide count smaller than one county\'s share: the contribution sentence instead of a shortfall, entry and results', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await page.evaluate(() => window.qcity.load({
    schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '亭湖区', year: 2023,
    figures: { governor_award_new: 0, mayor_award_new: 1 },
  }));
  await settle(page, 3);
  const r = (await results(page)).indicators.find((i) => i.id === 'governor_award_new');
  assert.equal(r.status, 'info');
  assert.equal(r.contribution, true);
  assert.equal(r.shortfall, null);
  assert.equal(await textOf(page, 'contribution_governor_award_new'), '全市目标 1 个，本单位新增 0 个');
  await scrollTo(page, '###contribution_governor_award_new');
  saveArtifact('i11-contribution-entry-zh.png', await page.screenshot());
  await clickItem(page, '###nav_results');
  assert.equal(await textOf(page, 'contribution_mayor_award_new'), '全市目标 5 个，本单位新增 1 个');
  await clickItem(page, 'English###lang');
  const en = (await results(page)).indicators.find((i) => i.id === 'mayor_award_new').contribution_text;
  assert.ok(en && !/[\u4e00-\u9fff]/.test(en), en);
  assert.equal(await textOf(page, 'contribution_mayor_award_new'), en);
  await scrollTo(page, '###contribution_mayor_award_new');
  saveArtifact('i11-contribution-results-en.png', await page.screenshot());
  assert.deepEqual(log.errors, []);
  await context.close();
});

const ALL = catalog.units.map((u) => u.name.zh);

test('the roll-up says how many counties are in, marks the city provisional, groups missing figures by county', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  const { files } = countyFiles(['东台市', '大丰区', '滨海县', '响水县'], {
    edit: { 大丰区: (d) => { delete d.figures.mfg_sampled_batches; delete d.figures.mfg_qualified_batches; } },
  });
  await pickFiles(page, Object.values(files));
  await clickItem(page, '###nav_rollup');
  const counts = await textOf(page, 'rollup_counts');
  assert.match(counts, /^纳入 4\/11 个县（市、区） · 全市：/);
  const note = await textOf(page, 'rollup_provisional');
  assert.match(note, /^（暂定）：尚有 7 个县（市、区）未纳入汇总/);
  assert.match(note, /尚未纳入：亭湖区、盐都区、建湖县、射阳县、阜宁县、盐城经济技术开发区、盐南高新区$/);
  const city = (await items(page)).filter((i) => /###city_/.test(i.label) && i.label !== '全市###city_row');
  assert.ok(city.length >= 4, `city cells reported for the columns in view (${city.length})`);
  const provisional = city.filter((i) => i.text.endsWith('（暂定）'));
  assert.ok(provisional.length > 0, `some city statuses are marked provisional: ${city.map((i) => i.text).join(' | ')}`);
  assert.ok(provisional.every((i) => /^(达标|未达标|缺数据|数据有误)（暂定）$/.test(i.text)));
  const missing = await textOf(page, 'missing_大丰区');
  assert.match(missing, /^大丰区（缺 2 项）：/);
  assert.equal(await byLabelEnd(page, '###missing_东台市'), undefined, 'a county that lacks nothing is not listed');
  for (const [w, h] of [[1280, 800], [1024, 640]]) {
    await page.setViewportSize({ width: w, height: h });
    await settle(page, 3);
    saveArtifact(`i11-rollup-partial-zh-${w}x${h}.png`, await page.screenshot());
  }

  await clickItem(page, 'English###lang');
  assert.match(await textOf(page, 'rollup_counts'), /^4 of 11 county-level units included · City: /);
  assert.match(await textOf(page, 'rollup_provisional'),
    /^\(provisional\): 7 county-level units are not in the roll-up yet;.* Not yet included: Tinghu District, Yandu District, /);
  assert.match(await textOf(page, 'missing_大丰区'), /^Dafeng District \(2 figures missing\): /);
  assert.equal(await textOf(page, 'row_大丰区'), 'Dafeng District');
  // The same cells are marked in English (of the columns in view in both).
  const idOf = (i) => i.label.split('###')[1];
  const markedZh = new Map(city.map((i) => [idOf(i), i.text.endsWith('（暂定）')]));
  const cityEn = (await items(page)).filter((i) => /###city_/.test(i.label) && i.label !== 'City###city_row');
  const both = cityEn.filter((i) => markedZh.has(idOf(i)));
  assert.ok(both.length >= 4 && both.some((i) => i.text.endsWith(' (provisional)')));
  for (const i of both) assert.equal(i.text.endsWith(' (provisional)'), markedZh.get(idOf(i)), i.label);
  await settle(page, 3);
  saveArtifact('i11-rollup-partial-en-1024x640.png', await page.screenshot());
  await page.setViewportSize({ width: 1280, height: 800 });
  await settle(page, 3);
  saveArtifact('i11-rollup-partial-en-1280x800.png', await page.screenshot());
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the city row stays in view at 1024×640 while eleven counties scroll; with all in, nothing is provisional', async () => {
  const { context, page } = await openApp(env.browser, env.url, { width: 1024, height: 640 });
  const { files } = countyFiles(ALL);
  await pickFiles(page, Object.values(files));
  await clickItem(page, '###nav_rollup');
  assert.match(await textOf(page, 'rollup_counts'), /^纳入 11\/11 个县（市、区） · /);
  assert.equal(await byLabelEnd(page, '###rollup_provisional'), undefined);
  const city = (await items(page)).filter((i) => /###city_/.test(i.label) && i.label !== '全市###city_row');
  assert.ok(city.every((i) => !i.text.includes('暂定')));
  const vp = page.viewportSize();
  const row = await findItem(page, '###city_row');
  assert.ok(row.y > 0 && row.y + row.h <= vp.height, `city row on screen (y ${row.y})`);
  const firstCounty = await findItem(page, '###row_东台市');
  saveArtifact('i11-rollup-all-zh-1024x640.png', await page.screenshot());
  // Scroll the counties: the city row stays where it is; the first county moves away.
  for (let i = 0; i < 6; i++) await wheel(page, 300, { x: firstCounty.x + 40, y: firstCounty.y + 5 });
  const after = await findItem(page, '###city_row');
  assert.equal(Math.round(after.y), Math.round(row.y), 'the city row did not move');
  const moved = await byLabelEnd(page, '###row_东台市');
  assert.ok(!moved || moved.y < firstCounty.y, 'the counties scrolled under it');
  saveArtifact('i11-rollup-all-scrolled-zh-1024x640.png', await page.screenshot());
  await clickItem(page, 'English###lang');
  await settle(page, 3);
  saveArtifact('i11-rollup-all-en-1024x640.png', await page.screenshot());
  await context.close();
});

test('screenshots: entry and results with the jump links, zh and en, 1024×640 and 1280×800', async () => {
  for (const [w, h] of [[1024, 640], [1280, 800]]) {
    for (const lang of ['zh-CN', 'en']) {
      const { context, page } = await openApp(env.browser, env.url, { width: w, height: h });
      const tag = `${lang === 'en' ? 'en' : 'zh'}-${w}x${h}`;
      await page.evaluate((l) => window.qcity.setLanguage(l), lang);
      const doc = structuredClone(fixture);
      doc.figures.mfg_qualified_batches = 99999;   // more qualified than sampled: the banner shows
      delete doc.figures.elder_canteens;
      await page.evaluate((d) => window.qcity.load(d), doc);
      await settle(page, 3);
      saveArtifact(`i11-entry-${tag}.png`, await page.screenshot());
      await clickItem(page, '###nav_results');
      await settle(page, 2);
      saveArtifact(`i11-results-${tag}.png`, await page.screenshot());
      await clickItem(page, '###nav_start');
      await typeInto(page, '###new_year', '1999');
      await press(page, 'Enter');
      await settle(page, 2);
      saveArtifact(`i11-start-${tag}.png`, await page.screenshot());
      await context.close();
    }
  }
});
