// Issue 15, items 4–6 in the app: evidence (佐证材料) on the entry row — set in its dialog by mouse and
// by keyboard, counted in the summary line, kept over a reload, in the exported file; the sign-off
// (填报人 …) typed, in state() and in the printed report; 定稿 — the header shows the hash, an edit is
// named as a change since the submission, freezing again makes version 2; the city roll-up shows per
// county submitted and unchanged / changed after submission / never submitted. Screenshots in zh and
// en of the entry row with evidence, the sign-off section and the frozen header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  useBrowser, openApp, clickItem, findItem, items, typeInto, settle, waitFrames, saveArtifact, scrollTo, textOf, enableTestHooks, textMatching,
} from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const catalog = JSON.parse(fs.readFileSync(new URL('../../assets/catalog/yancheng-2022.json', import.meta.url), 'utf8'));
const countyIndicators = catalog.indicators.filter((i) => i.profile === 'county').length;
const state = (page) => page.evaluate(() => window.qcity.state());

async function loadCounty(page, unit = '东台市', edit = null) {
  const doc = structuredClone(fixture);
  doc.unit = unit;
  if (edit) edit(doc);
  await page.evaluate((d) => window.qcity.open('county', d.unit, d.year), doc);
  await page.evaluate((d) => window.qcity.load(d), doc);
  await settle(page);
  await findItem(page, '##fig_mfg_qualified_batches');
}

async function waitSaved(page) {
  await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 5000 });
}

// The mirror's focused element (#qcity-a11y), for keyboard-only use.
async function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    return { tag: el.tagName.toLowerCase(), text: el.textContent, label: el.getAttribute('aria-label') || '', type: el.type || '' };
  });
}
async function tabTo(page, match, max = 60) {
  for (let i = 0; i < max; i++) {
    const a = await active(page);
    if (match(a)) { await settle(page, 2); return a; }
    await page.keyboard.press('Tab');
    await settle(page, 1);  // ImGui's focus moves in the frame after the key
  }
  throw new Error(`focus never reached the element (last: ${JSON.stringify(await active(page))})`);
}

const evidenceCount = (text) => text.match(/(\d+)\/(\d+)$/).slice(1).map(Number);

test('evidence on the entry row: set in its dialog, counted, by keyboard too, kept over a reload, in the exported file', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  await loadCounty(page);
  assert.deepEqual(evidenceCount(await textOf(page, 'evidence_count')), [0, countyIndicators]);
  assert.equal(await textOf(page, 'evidence_state_mfg_pass_rate'), '缺少');

  // By mouse: the row's 佐证材料 button opens the dialog; provided, where it is kept; Done.
  await scrollTo(page, '###evidence_mfg_pass_rate');
  await clickItem(page, '###evidence_mfg_pass_rate');
  await clickItem(page, '###ev_status_provided');
  await typeInto(page, '##ev_where', '档案室 A-3');
  await typeInto(page, '##ev_note', 'scan 2023-12');
  saveArtifact('i15-evidence-dialog-zh.png', await page.screenshot());
  await clickItem(page, '###ev_done');
  await textMatching(page, 'evidence_state_mfg_pass_rate', /^已提供$/);
  await textMatching(page, 'evidence_count', new RegExp(`^佐证材料 1/${countyIndicators}$`));
  assert.deepEqual((await state(page)).evidence, { mfg_pass_rate: { status: 'provided', where: '档案室 A-3', note: 'scan 2023-12' } });
  await scrollTo(page, '###evidence_mfg_pass_rate');
  saveArtifact('i15-evidence-row-zh.png', await page.screenshot());

  // By keyboard only, in the accessible mirror: from the next row's note, Tab to its 佐证材料 button,
  // Enter; Tab to "not needed", Space; Escape closes. The indicator then leaves the count's denominator.
  const consumer = catalog.indicators.find((i) => i.id === 'consumer_pass_rate').name.zh;
  await page.evaluate((name) => document.querySelector(`#qcity-a11y input[aria-label="数据来源 / 备注：${name}"]`).focus(), consumer);
  await settle(page, 2);
  await tabTo(page, (a) => a.text === `佐证材料：${consumer}`);
  await page.keyboard.press('Enter');
  await settle(page, 4);
  await findItem(page, '###ev_status_not_needed');
  await tabTo(page, (a) => a.label === '无需提供');
  await page.keyboard.press('Space');
  await textMatching(page, 'evidence_count', new RegExp(`^佐证材料 1/${countyIndicators - 1}$`));
  await page.keyboard.press('Escape');
  await settle(page, 4);
  assert.equal((await items(page)).some((i) => i.label.endsWith('###ev_done')), false, 'Escape closed the dialog');
  assert.equal((await state(page)).evidence.consumer_pass_rate.status, 'not_needed');
  assert.equal(await textOf(page, 'evidence_state_consumer_pass_rate'), '无需提供');

  // In English: the same row, its words.
  await clickItem(page, 'English###lang');
  await textMatching(page, 'evidence_count', new RegExp(`^Evidence 1 of ${countyIndicators - 1}$`));
  assert.equal(await textOf(page, 'evidence_state_mfg_pass_rate'), 'Provided');
  await scrollTo(page, '###evidence_mfg_pass_rate');
  saveArtifact('i15-evidence-row-en.png', await page.screenshot());
  await clickItem(page, '###evidence_mfg_pass_rate');
  await findItem(page, '###ev_done');
  saveArtifact('i15-evidence-dialog-en.png', await page.screenshot());
  await clickItem(page, '###ev_done');
  await clickItem(page, '中文###lang');

  // Kept over a reload (autosaved with the assessment), and in the exported file.
  await waitSaved(page);
  const before = await state(page);
  await page.reload();
  await waitFrames(page, 1);
  await enableTestHooks(page);
  assert.deepEqual((await state(page)).evidence, before.evidence);
  await textMatching(page, 'evidence_count', new RegExp(`^佐证材料 1/${countyIndicators - 1}$`));
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, '###export')]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(exported.evidence, before.evidence);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('sign-off typed is in state() and the printed report; 定稿 shows the hash; an edit is named; freezing again is version 2', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  await loadCounty(page);
  const signoff = { preparer: '张三', reviewer: '李四', head: '王五', phone: '0515-88886666' };
  for (const [key, value] of Object.entries(signoff)) await typeInto(page, `##signoff_${key}`, value);
  await clickItem(page, '###signoff_today');
  const s1 = await state(page);
  assert.match(s1.signoff.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.deepEqual(s1.signoff, { ...signoff, date: s1.signoff.date });
  await scrollTo(page, '##signoff_preparer');
  saveArtifact('i15-signoff-zh.png', await page.screenshot());

  // The printed report ends with the sign-off block filled from them, and the evidence index.
  await clickItem(page, '###nav_results');
  await clickItem(page, '###print_report');
  await page.waitForFunction(() => {
    const f = document.getElementById('qcity-print-frame');
    return f && f.srcdoc.includes('签字与盖章') && f.srcdoc.includes('张三') && f.srcdoc.includes('0515-88886666') && f.srcdoc.includes('佐证材料索引');
  }, null, { timeout: 10000 });

  // 定稿: the header shows the hash's first 12 hex digits and the time.
  await clickItem(page, '###nav_entry');
  await scrollTo(page, '###freeze');
  await clickItem(page, '###freeze');
  const header = await textMatching(page, 'submission_header', /^已定稿 · [0-9a-f]{12} · /);
  const s2 = await state(page);
  assert.equal(s2.submission.version, 1);
  assert.match(s2.submission.sha256, /^[0-9a-f]{64}$/);
  assert.ok(header.includes(s2.submission.sha256.slice(0, 12)), header);
  assert.match(await textOf(page, 'submission_state'), /已提交，提交后未改动$/);
  assert.equal(await textOf(page, 'status_line'), `已定稿：东台市 2023（第 1 版），SHA-256 ${s2.submission.sha256.slice(0, 12)}…`);
  saveArtifact('i15-frozen-zh.png', await page.screenshot());

  // An edit after it: allowed, and named as a change since the submission (entry and results).
  await typeInto(page, '##fig_mfg_sampled_batches', '1300');
  const changed = await textMatching(page, 'submission_changes', /^定稿后有 1 处改动：/);
  assert.ok(changed.includes('制造业产品抽检批次（mfg_sampled_batches）：1200 → 1300'), changed);
  await textMatching(page, 'submission_header', /· 提交后有改动$/);
  await clickItem(page, '###nav_results');
  assert.ok((await textOf(page, 'submission_changes')).includes('1200 → 1300'));
  await clickItem(page, 'English###lang');
  await textMatching(page, 'submission_changes', /^1 change since the submission: .*mfg_sampled_batches.*1200 → 1300/);
  await clickItem(page, '###nav_entry');
  await scrollTo(page, '###freeze');
  saveArtifact('i15-frozen-changed-en.png', await page.screenshot());
  await scrollTo(page, '##signoff_preparer');
  saveArtifact('i15-signoff-en.png', await page.screenshot());

  // Freezing again: version 2, the earlier one kept; nothing changed since.
  await scrollTo(page, '###freeze');
  await clickItem(page, '###freeze');
  await textMatching(page, 'submission_header', /^Frozen \(version 2\) · [0-9a-f]{12} · [^·]+$/);
  const s3 = await state(page);
  assert.equal(s3.submission.version, 2);
  assert.equal(s3.submission.previous[0].sha256, s2.submission.sha256);
  assert.notEqual(s3.submission.sha256, s2.submission.sha256);
  saveArtifact('i15-frozen-en.png', await page.screenshot());
  await clickItem(page, '中文###lang');
  await textMatching(page, 'submission_header', /^已定稿（第 2 版） · /);
  await clickItem(page, '###nav_results');
  await clickItem(page, '###print_report');
  await page.waitForFunction((h) => {
    const f = document.getElementById('qcity-print-frame');
    return f && f.srcdoc.includes('定稿提交（第 2 版）') && f.srcdoc.includes(h);
  }, s3.submission.sha256.slice(0, 12), { timeout: 10000 });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the roll-up shows per county: submitted and unchanged, changed after submission, never submitted', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  const freezeOpen = async () => {
    await scrollTo(page, '###freeze');
    await clickItem(page, '###freeze');
    await textMatching(page, 'submission_header', /^已定稿 · /);
  };
  await loadCounty(page, '东台市');
  await freezeOpen();
  await loadCounty(page, '大丰区');
  await freezeOpen();
  await typeInto(page, '##fig_mfg_sampled_batches', '1250');
  await textMatching(page, 'submission_changes', /^定稿后有 1 处改动/);
  await loadCounty(page, '滨海县');
  await clickItem(page, '###nav_rollup');
  await textMatching(page, 'submission_东台市', /^已提交，提交后未改动$/);
  assert.equal(await textOf(page, 'submission_大丰区'), '提交后有改动');
  assert.equal(await textOf(page, 'submission_滨海县'), '未提交');
  saveArtifact('i15-rollup-zh.png', await page.screenshot());
  await clickItem(page, 'English###lang');
  await textMatching(page, 'submission_东台市', /^Submitted, unchanged since$/);
  assert.equal(await textOf(page, 'submission_大丰区'), 'Changed after submission');
  assert.equal(await textOf(page, 'submission_滨海县'), 'Never submitted');
  saveArtifact('i15-rollup-en.png', await page.screenshot());
  assert.deepEqual(log.errors, []);
  await context.close();
});
