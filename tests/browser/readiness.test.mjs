// Award readiness end to end: an enterprise's gates and GB/T 19580 self-score through the real UI
// (mouse, keyboard, input method), kept over a reload, carried in the exported file, judged the same
// as the core; hostile values keep what was there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  useBrowser, openApp, clickItem, findItem, typeInto, settle, drained, waitFrames, frameCount, scrollTo,
  saveArtifact, pngStats,
} from './lib.mjs';

const env = useBrowser();

const state = (page) => page.evaluate(() => window.qcity.state());
const results = (page) => page.evaluate(() => window.qcity.results());
const award = (r, id) => r.readiness.awards.find((a) => a.id === id);
const gate = (r, awardId, gateId) => award(r, awardId).gates.find((g) => g.id === gateId);

async function waitSaved(page) {
  await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 5000 });
}

// An enterprise one step short of the credit AA grade (one year at A where two are needed).
const ENTERPRISE = {
  schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'enterprise', unit: '盐城市某某电子有限公司', year: 2025,
  figures: {
    ent_legal_person: true, ent_registered_locally: true, ent_registered_jiangsu: true, ent_years_registered: 12,
    ent_years_operating: 12, ent_years_pe: 2, ent_qms_years: 8,
    ent_industry_leading: true, ent_no_serious_violation: true, ent_no_major_incident_3y: true,
    ent_credit_rating: 'A', ent_years_credit_a: 1,
  },
};

async function openEnterprise(page) {
  await page.evaluate((d) => window.qcity.load(d), ENTERPRISE);
  await settle(page);
  await clickItem(page, '###nav_readiness');
}

// Scores an item as a person would: one click on the band, then +5 / −5 to the percentage.
async function pickPercent(page, item, percent) {
  const bands = [[0, 0], [10, 25], [30, 45], [50, 65], [70, 85], [90, 100]];
  const [min, max] = bands.find(([lo, hi]) => percent >= lo && percent <= hi);
  await scrollTo(page, `###band_${item}_${min}`);
  await clickItem(page, `###band_${item}_${min}`);
  const mid = min + Math.floor((max - min) / 2 / 5) * 5;  // one click gives the band's middle
  for (let p = mid; p < percent; p += 5) await clickItem(page, `###plus_${item}`);
  for (let p = mid; p > percent; p -= 5) await clickItem(page, `###minus_${item}`);
}

test('through the real UI: a threshold adjusted, a gate waived, items scored with notes; kept over a reload', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await openEnterprise(page);

  let r = await results(page);
  assert.equal(award(r, 'jiangsu-credit-aa').status, 'not_eligible');
  assert.equal(gate(r, 'jiangsu-credit-aa', 'years_at_a').status, 'failed');
  assert.equal(award(r, 'yancheng-mayor').status, 'eligible');

  // Eligibility tab: this year's notice asks one year at A, not two.
  await clickItem(page, '###tab_gates');
  await typeInto(page, '##thr_years_at_a', '1');
  r = await results(page);
  assert.equal(gate(r, 'jiangsu-credit-aa', 'years_at_a').status, 'passed');
  assert.equal(gate(r, 'jiangsu-credit-aa', 'years_at_a').adjusted, true);
  assert.equal(award(r, 'jiangsu-credit-aa').status, 'eligible');
  assert.deepEqual((await state(page)).readiness.thresholds, { 'jiangsu-credit-aa': { years_at_a: 1 } });

  // A gate figure typed in the eligibility table goes into the same figures as everywhere else.
  await typeInto(page, '##fig_ent_years_batch_production', '1');
  r = await results(page);
  assert.equal((await state(page)).figures.ent_years_batch_production, 1);
  assert.equal(gate(r, 'jiangsu-boutique', 'batch_years').status, 'failed');
  assert.match(gate(r, 'jiangsu-boutique', 'batch_years').reason, /1/);

  // Waive a gate for this year: it counts neither way and says so.
  await scrollTo(page, '###waive_trademark');
  await clickItem(page, '###waive_trademark');
  r = await results(page);
  assert.equal(gate(r, 'jiangsu-boutique', 'trademark').status, 'waived');
  assert.equal((await state(page)).readiness.thresholds['jiangsu-boutique'].trademark, false);

  // Self-score tab: 4.1.2 (50 points) at 55 % → 27.5; 4.4.3 (15 points) at 25 % → 3.75.
  await clickItem(page, '###tab_score');
  await pickPercent(page, '4.1.2', 55);
  await pickPercent(page, '4.4.3', 25);
  r = await results(page);
  assert.equal(r.readiness.self_score.total, 31.25);
  assert.equal(r.readiness.self_score.scored, 2);
  const s412 = r.readiness.self_score.items.find((i) => i.id === '4.1.2');
  assert.equal(s412.percent, 55);
  assert.equal(s412.band, '50-65%');
  assert.equal(s412.earned, 27.5);
  assert.deepEqual(r.readiness.self_score.top_lost, ['4.1.2', '4.4.3']);

  // A strength note through the input method (Chinese text inserted at once).
  await scrollTo(page, '##strength_4.1.2');
  await clickItem(page, '##strength_4.1.2');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'qcity-text-input');
  const before = await frameCount(page);
  await page.keyboard.insertText('高层每月评审关键绩效指标');
  await waitFrames(page, 1, before);
  await drained(page);
  await page.keyboard.press('Enter');
  await drained(page);
  assert.equal((await state(page)).readiness.self_score.items['4.1.2'].strength, '高层每月评审关键绩效指标');

  // Overview tab: the reference line, typed; the gap is computed by the core.
  await clickItem(page, '###tab_summary');
  await typeInto(page, '##score_reference', '600');
  r = await results(page);
  assert.equal(r.readiness.self_score.reference, 600);
  assert.equal(r.readiness.self_score.reference_gap, 568.75);
  // Not a number ("600x"): the field keeps the text, the saved reference stays 600.
  await clickItem(page, '##score_reference');
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await drained(page);
  assert.equal((await state(page)).readiness.self_score.reference, 600);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await drained(page);

  await waitSaved(page);
  const saved = await state(page);
  await page.reload();
  await waitFrames(page, 1);
  assert.deepEqual(await state(page), saved);
  await findItem(page, '###tab_summary');  // back on the readiness screen
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('export carries the readiness; hostile readiness values keep what was there', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  const doc = structuredClone(ENTERPRISE);
  doc.readiness = {
    thresholds: { 'jiangsu-governor': { pe_years: 2 } },
    self_score: { model: 'gbt19580-2012', reference: 550, items: { '4.7.4': { percent: 30, improvement: '利润率低于行业均值' } } },
  };
  await page.evaluate((d) => window.qcity.load(d), doc);
  await settle(page);
  await clickItem(page, '###nav_readiness');
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, '导出文件')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(exported.readiness, doc.readiness);

  // A percentage in no band (47 %): an error naming the item, the value kept, the item unscored.
  const bad = structuredClone(doc);
  bad.readiness.self_score.items['4.1.2'] = { percent: 47 };
  await page.evaluate((d) => window.qcity.load(d), bad);
  await settle(page);
  let r = await results(page);
  const problem = r.problems.find((p) => p.key === 'score.4.1.2');
  assert.ok(problem, 'a problem for 4.1.2');
  assert.equal(problem.severity, 'error');
  assert.match(problem.message, /4\.1\.2/);
  assert.match(problem.message, /47/);
  assert.equal((await state(page)).readiness.self_score.items['4.1.2'].percent, 47);
  assert.equal(r.readiness.self_score.items.find((i) => i.id === '4.1.2').scored, false);
  assert.equal(r.readiness.self_score.total, 24);  // 4.7.4 only: 80 × 30 %

  // A readiness that is not an object: the load fails with the core's message, nothing changes.
  const before = await state(page);
  const message = await page.evaluate((d) => {
    try { window.qcity.load(d); return null; } catch (e) { return e.message; }
  }, { ...ENTERPRISE, readiness: [1, 2] });
  assert.match(message, /评奖准备|award readiness/);
  assert.deepEqual(await state(page), before);
  await context.close();
});

test('one fact asked once: the entry form asks the years and the indicator follows; a provincial little giant qualifies', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  const doc = structuredClone(ENTERPRISE);
  doc.figures.ent_industry_leading = false;   // not an industry leader: the little giant must carry it
  await page.evaluate((d) => window.qcity.load(d), doc);
  await settle(page);
  await clickItem(page, '###nav_entry');
  const indicator = async () => (await results(page)).indicators.find((i) => i.id === 'ent_performance_excellence');

  // The indicator 导入卓越绩效管理 shows the years field, not a second yes/no for the same fact.
  await scrollTo(page, '##fig_ent_years_pe');
  const labels = (await page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_items())))).map((i) => i.label);
  assert.ok(!labels.includes('##fig_ent_performance_excellence'), 'the derived yes/no is not asked');
  assert.equal((await indicator()).status, 'met');  // 2 years typed: adopted
  await typeInto(page, '##fig_ent_years_pe', '0');
  assert.equal((await indicator()).status, 'not_met');
  let s = await state(page);
  assert.equal(s.figures.ent_years_pe, 0);
  assert.equal(s.figures.ent_performance_excellence, undefined, 'the file holds what was typed, nothing derived');
  await typeInto(page, '##fig_ent_years_pe', '3');
  assert.equal((await indicator()).status, 'met');
  // The same figure on the eligibility tab: the Governor's 3 years are reached.
  await clickItem(page, '###nav_readiness');
  await clickItem(page, '###tab_gates');
  let r = await results(page);
  assert.equal(gate(r, 'jiangsu-governor', 'pe_years').status, 'passed');

  // 江苏精品: an industry leader, a provincial (or national) little giant or a champion. Not a leader,
  // the other two unanswered: missing; a provincial little giant picked: passed.
  assert.equal(gate(r, 'jiangsu-boutique', 'industry_leading').status, 'missing');
  assert.equal(gate(r, 'jiangsu-boutique', 'industry_leading').rule, 'any_of');
  assert.deepEqual(gate(r, 'jiangsu-boutique', 'industry_leading').figures, ['ent_industry_leading', 'ent_little_giant', 'ent_single_champion']);
  await scrollTo(page, '##fig_ent_little_giant');
  await clickItem(page, '##fig_ent_little_giant');
  await clickItem(page, '省级');
  r = await results(page);
  assert.equal((await state(page)).figures.ent_little_giant, 'provincial');
  assert.equal(gate(r, 'jiangsu-boutique', 'industry_leading').status, 'passed');
  assert.match(gate(r, 'jiangsu-boutique', 'industry_leading').value, /省级/);
  // The Mayor's award asks whether the enterprise leads its industry: still no.
  assert.equal(gate(r, 'yancheng-mayor', 'industry_leading').status, 'failed');

  await page.evaluate(() => window.qcity.setLanguage('en'));
  await settle(page, 3);
  r = await results(page);
  assert.equal(award(r, 'jiangsu-boutique').name, "'Jiangsu Premium Product' certification");
  assert.match(gate(r, 'jiangsu-boutique', 'industry_leading').requirement, /Provincial or above/);
  assert.equal(gate(r, 'jiangsu-governor', 'pe_years').value, '3 years');
  assert.equal(gate(r, 'yancheng-mayor', 'pe_years').requirement, 'Practising performance excellence: at least 1 year');
  saveArtifact('readiness-any-of-en.png', await page.screenshot());
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('county assessments have no readiness screen; screenshots of every tab in both languages', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await page.evaluate(() => window.qcity.load({ schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county',
                                                unit: '东台市', year: 2023, figures: {} }));
  await settle(page);
  const labels = (await page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_items())))).map((i) => i.label);
  assert.ok(labels.some((l) => l.endsWith('###nav_results')), 'the county has its results tab');
  assert.ok(!labels.some((l) => l.endsWith('###nav_readiness')), 'but no readiness tab');
  assert.equal((await results(page)).readiness, undefined);

  const doc = structuredClone(ENTERPRISE);
  doc.readiness = { self_score: { reference: 500, items: { '4.1.2': { percent: 55, strength: '高层领导定期评审绩效' }, '4.7.2': { percent: 40 } } } };
  await page.evaluate((d) => window.qcity.load(d), doc);
  await settle(page);
  await clickItem(page, '###nav_readiness');
  for (const lang of ['zh', 'en']) {
    await page.evaluate((l) => window.qcity.setLanguage(l), lang);
    await settle(page, 3);
    for (const tab of ['tab_summary', 'tab_gates', 'tab_score']) {
      await clickItem(page, `###${tab}`);
      await settle(page, 3);
      const png = await page.screenshot();
      saveArtifact(`readiness-${tab}-${lang}.png`, png);
      const stats = await pngStats(env.browser, png);
      assert.ok(stats.inkFraction > 0.03, `${tab} ${lang}: something is drawn`);
    }
  }
  await context.close();
});
