// Issue 16 in the app: over the years and across the counties.
//  - three saved years of a county: the results screen shows each indicator's trend (a small chart,
//    the direction in words, the years' values as text);
//  - a ×10 jump in a count since the year before: "请核实：…" under its field on the entry screen,
//    confirmed by clicking and by keyboard (Tab to 确认无误, Enter, a note, Enter): the warning goes,
//    "已核实：<note>" stays, state() has the confirmation; the results screen lists the unconfirmed ones;
//  - the roll-up's county comparison: the league table in the core's order (computed here from each
//    county's own results: most met, then completeness, then the name), and the League CSV;
//  - an enterprise's self-score per category over its saved years (readiness screen).
// Screenshots zh and en: tests/browser/artifacts/i16-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  useBrowser, openApp, clickItem, findItem, items, typeInto, settle, saveArtifact, scrollTo, textOf, fontsIdle, textMatching,
} from './lib.mjs';

const env = useBrowser();
const FULL = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const catalog = JSON.parse(fs.readFileSync(new URL('../../assets/catalog/yancheng-2022.json', import.meta.url), 'utf8'));
const figureName = (key) => catalog.figures.find((f) => f.key === key).name.zh;
const state = (page) => page.evaluate(() => window.qcity.state());

// A copy of the full county file with other figures.
function county(unit, year, figures = {}, drop = []) {
  const d = structuredClone(FULL);
  d.unit = unit;
  d.year = year;
  Object.assign(d.figures, figures);
  for (const k of drop) delete d.figures[k];
  return d;
}

// Saves each file as its own assessment (load() fills the open one: open each first), then opens `open`.
async function fill(page, docs, open) {
  await page.evaluate(([ds, o]) => {
    for (const d of ds) {
      window.qcity.open(d.profile, d.unit, d.year);
      window.qcity.load(d);
    }
    window.qcity.open(o.profile, o.unit, o.year);
  }, [docs, open]);
  await settle(page, 3);
}

async function shot(page, name) {
  await fontsIdle(page);
  await settle(page, 2);
  saveArtifact(`i16-${name}.png`, await page.screenshot());
}

async function setLang(page, lang) {
  await page.evaluate((l) => window.qcity.setLanguage(l), lang);
  await settle(page, 3);
}

// The mirror's focused element (#qcity-a11y), for keyboard-only use.
async function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    return { tag: el.tagName.toLowerCase(), text: el.textContent, label: el.getAttribute('aria-label') || '' };
  });
}
async function tabTo(page, match, max = 40) {
  for (let i = 0; i < max; i++) {
    const a = await active(page);
    if (match(a)) { await settle(page, 2); return a; }
    await page.keyboard.press('Tab');
    await settle(page, 1);
  }
  throw new Error(`focus never reached the element (last: ${JSON.stringify(await active(page))})`);
}

test('three saved years: the results screen shows the trend with its direction; the report carries it', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  // 制造业产品质量合格率: 90 % → 93 % → 95.5 % (the fixture's), better each year; saved out of order.
  const years = [
    county('东台市', 2024),
    county('东台市', 2022, { mfg_qualified_batches: 1080 }),
    county('东台市', 2023, { mfg_qualified_batches: 1116 }),
  ];
  await fill(page, years, years[0]);
  await clickItem(page, '###nav_results');
  const zh = await textMatching(page, 'trend_mfg_pass_rate', /^历年趋势：/);
  const [word, values] = zh.split(' | ');
  assert.equal(word, '历年趋势：改善');
  // The years in order, each with its value.
  const shown = values.split(' · ').map((s) => s.split('：'));
  assert.deepEqual(shown.map((s) => s[0]), ['2022', '2023', '2024']);
  assert.deepEqual(shown.map((s) => parseFloat(s[1])), [90, 93, 95.5]);
  await findItem(page, '###trend_chart_mfg_pass_rate');  // the chart itself is drawn
  await scrollTo(page, '###trend_mfg_pass_rate');
  await shot(page, 'trend-zh');
  await setLang(page, 'en');
  await textMatching(page, 'trend_mfg_pass_rate', /^Trend: improving \| 2022: 90/);
  await scrollTo(page, '###trend_mfg_pass_rate');
  await shot(page, 'trend-en');

  // The printed report has the trends section.
  await clickItem(page, '###print_report');
  await page.waitForFunction(() => {
    const f = document.getElementById('qcity-print-frame');
    return f && /2022/.test(f.srcdoc) && /improving/.test(f.srcdoc);
  }, null, { timeout: 10000 });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a ×10 jump since last year warns under its field; confirmed by click and by keyboard; state() has it', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  const before = county('东台市', 2022, { mfg_sampled_batches: 120, mfg_qualified_batches: 115 });
  const now = county('东台市', 2023);  // 1200 and 1146: ×10
  await fill(page, [before, now], now);
  await clickItem(page, '###nav_entry');
  const sampled = figureName('mfg_sampled_batches'), qualified = figureName('mfg_qualified_batches');
  const warn = await textMatching(page, 'unusual_mfg_sampled_batches', /^请核实：/);
  assert.ok(warn.includes('2022') && warn.includes('120') && warn.includes('2023') && warn.includes('1200'), warn);
  assert.match(await textOf(page, 'unusual_mfg_qualified_batches'), /^请核实：.*115.*1146/);
  // The results screen lists both, unconfirmed.
  await clickItem(page, '###nav_results');
  assert.equal(await textOf(page, 'unusual_count'), '2');
  await clickItem(page, '###nav_entry');
  await scrollTo(page, '###confirm_mfg_sampled_batches');
  await shot(page, 'unusual-zh');

  // By mouse: 确认无误, a note, 确认.
  await clickItem(page, '###confirm_mfg_sampled_batches');
  await typeInto(page, '##confirm_note', '今年起含新设检测站');
  await shot(page, 'confirm-dialog-zh');
  await clickItem(page, '###confirm_ok');
  await textMatching(page, 'unusual_confirmed_mfg_sampled_batches', /^已核实：今年起含新设检测站$/);
  assert.equal((await items(page)).some((i) => i.label.endsWith('###unusual_mfg_sampled_batches')), false, 'the warning is gone');
  let s = await state(page);
  assert.equal(s.confirmed.mfg_sampled_batches.note, '今年起含新设检测站');
  assert.equal(s.confirmed.mfg_sampled_batches.value, 1200);

  // By keyboard: from the field, Tab to its 确认无误, Enter; type the note; Enter confirms.
  await page.evaluate((name) => document.querySelector(`#qcity-a11y input[aria-label^="${name}"]`).focus(), qualified);
  await settle(page, 2);
  await tabTo(page, (a) => a.text === `确认无误：${qualified}`);
  await page.keyboard.press('Enter');
  await settle(page, 4);
  await findItem(page, '###confirm_ok');
  await tabTo(page, (a) => a.tag === 'input' && a.label.startsWith('说明'));
  await page.keyboard.type('合格批次随抽检批次增加');
  await settle(page, 3);
  await page.keyboard.press('Enter');
  await textMatching(page, 'unusual_confirmed_mfg_qualified_batches', /^已核实：合格批次随抽检批次增加$/);
  s = await state(page);
  assert.equal(s.confirmed.mfg_qualified_batches.note, '合格批次随抽检批次增加');
  await clickItem(page, '###nav_results');
  assert.equal((await items(page)).some((i) => i.label.endsWith('###unusual_count')), false, 'no unconfirmed warning is listed');

  // Escape cancels: a new value warns again; the dialog opened and Escaped confirms nothing.
  await clickItem(page, '###nav_entry');
  await typeInto(page, '##fig_mfg_sampled_batches', '1300');
  await textMatching(page, 'unusual_mfg_sampled_batches', /1300/);
  await scrollTo(page, '###confirm_mfg_sampled_batches');
  await clickItem(page, '###confirm_mfg_sampled_batches');
  await findItem(page, '###confirm_ok');
  await page.keyboard.press('Escape');
  await settle(page, 4);
  assert.equal((await items(page)).some((i) => i.label.endsWith('###confirm_ok')), false, 'Escape closed the dialog');
  await textMatching(page, 'unusual_mfg_sampled_batches', /^请核实：/);
  await setLang(page, 'en');
  await textMatching(page, 'unusual_mfg_sampled_batches', /^Please check: .*1,?300/);
  await scrollTo(page, '###confirm_mfg_sampled_batches');
  await shot(page, 'unusual-en');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the roll-up compares the counties: the league in the core\'s order, the League CSV', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  const docs = [
    county('大丰区', 2023, {}, ['mfg_qualified_batches', 'food_sampled_batches']),   // two indicators missing
    county('东台市', 2023),
    county('射阳县', 2023, { mfg_qualified_batches: 1000 }),                          // 83 %: not met
    county('建湖县', 2023, { mfg_qualified_batches: 1000 }, ['food_sampled_batches']),
  ];
  await fill(page, docs, docs[0]);
  // Each county's own result (the league judges each as the matrix does, with its quota).
  const records = [];
  for (const d of docs) {
    const r = await page.evaluate((x) => { window.qcity.open(x.profile, x.unit, x.year); return window.qcity.results(); }, d);
    const s = r.summary;
    records.push({ unit: d.unit, met: s.met, judged: s.met + s.not_met, all: s.met + s.not_met + s.missing + s.invalid });
  }
  // Most met; then completeness (judged / all, compared exactly); then the name's UTF-8 bytes.
  const expected = [...records].sort((a, b) => (b.met - a.met) || (b.judged * a.all - a.judged * b.all) ||
                                                Buffer.compare(Buffer.from(a.unit), Buffer.from(b.unit))).map((r) => r.unit);
  assert.notDeepEqual(expected, docs.map((d) => d.unit), 'the league is not the order saved');
  await clickItem(page, '###nav_rollup');
  await clickItem(page, '###tab_league');
  const shown = [];
  for (let i = 1; i <= docs.length; i++) shown.push(await textOf(page, `league_${i}`));
  assert.deepEqual(shown, expected);
  await shot(page, 'league-zh');
  // Min / median / max of an indicator, opened.
  await clickItem(page, '###rank_mfg_pass_rate');
  // 大丰区 has no value; 东台市 1146/1200, 射阳县 and 建湖县 1000/1200: min and median 83.3 %, max 95.5 %.
  assert.match(await textOf(page, 'minmax_mfg_pass_rate'), /^最低 83\.3 ?% · 中位数 83\.3 ?% · 最高 95\.5 ?%$/);
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, '###league_csv')]);
  const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const rows = csv.trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
  assert.deepEqual(rows.map((r) => r[0]), expected.map((_, i) => String(i + 1)));
  await setLang(page, 'en');
  await shot(page, 'league-en');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an enterprise scored in two years: the readiness screen charts each category per year, with the numbers', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  const ent = (year, items) => ({
    schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'enterprise', unit: '盐城市某某电子有限公司', year,
    figures: { ent_legal_person: true, ent_registered_locally: true, ent_years_registered: 12, ent_years_pe: 2 },
    readiness: { self_score: { model: 'gbt19580-2012', items } },
  });
  const docs = [ent(2024, { '4.1.2': { percent: 35 }, '4.4.3': { percent: 30 } }), ent(2025, { '4.1.2': { percent: 55 }, '4.4.3': { percent: 50 } })];
  await fill(page, docs, docs[1]);
  await clickItem(page, '###nav_readiness');
  await clickItem(page, '###tab_summary');
  await scrollTo(page, '###readiness_years');
  // The totals per year, in year order: more points the second year (both items scored higher).
  const totals = (await textOf(page, 'readiness_years_total')).split(' · ').map((t) => t.split(': '));
  assert.deepEqual(totals.map((t) => t[0]), ['2024', '2025']);
  assert.ok(parseFloat(totals[1][1]) > parseFloat(totals[0][1]), JSON.stringify(totals));
  await shot(page, 'readiness-years-zh');
  await setLang(page, 'en');
  await scrollTo(page, '###readiness_years');
  await shot(page, 'readiness-years-en');
  assert.deepEqual(log.errors, []);
  await context.close();
});
