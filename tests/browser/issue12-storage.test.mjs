// Issue 12, items 1 and 2: storage that survives, and two tabs that never lose an edit.
// Two pages in one browser context are two tabs of one origin (one localStorage, storage events
// between them). Storage faults are made by replacing Storage.prototype.setItem before the app
// runs; navigator.storage.persist is stubbed to answer yes or no.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, clickItem, findItem, items, typeInto, settle, waitFrames, saveArtifact,
} from './lib.mjs';

const env = useBrowser();

const state = (page) => page.evaluate(() => window.qcity.state());
const workspace = (page) => page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_workspace())));
const stored = (page) => page.evaluate(() => JSON.parse(window.localStorage.getItem('qcity.workspace.v1')));

// Waits until no save is pending (the debounced one and any retry).
async function waitSaved(page) {
  await page.waitForFunction(() => !window.Module.qcity.saveTimer && !window.Module.qcity.retryTimer, null, { timeout: 10000 });
}

async function newTab(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await waitFrames(page, 1);
  return { page, errors };
}

async function newContext(init = null) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  if (init) await context.addInitScript(init);
  return context;
}

// A visible line the app tagged for tests (test_text), or null when it is not drawn.
async function line(page, id) {
  await settle(page, 1);
  const hit = (await items(page)).find((it) => it.label.endsWith('###' + id));
  return hit ? hit.text : null;
}

async function waitLine(page, id, re, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const text = await line(page, id);
    if (text !== null && re.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`line ${id}: ${JSON.stringify(text)} does not match ${re}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Both tabs on one county assessment (亭湖区 2023), tab 1 made it.
async function twoTabsOnOneAssessment(context) {
  const t1 = await newTab(context, env.url);
  await t1.page.evaluate(() => window.qcity.open('county', '亭湖区', 2023));
  await waitSaved(t1.page);
  const t2 = await newTab(context, env.url);
  assert.equal((await workspace(t2.page)).items.length, 1, 'tab 2 loads what tab 1 saved');
  await t2.page.evaluate(() => window.qcity.open('county', '亭湖区', 2023));
  assert.equal((await workspace(t2.page)).items.length, 1, 'the same assessment, not a second one');
  return [t1, t2];
}

test('two tabs: different figures edited in each both survive, in both tabs and after a reload', async () => {
  const context = await newContext();
  const [t1, t2] = await twoTabsOnOneAssessment(context);
  // Tab 1 types (the real UI), tab 2 sets another figure before tab 1's save reached it.
  await typeInto(t1.page, '##fig_mfg_qualified_batches', '1150');
  await t2.page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 1200));
  await waitSaved(t1.page);
  await waitSaved(t2.page);
  for (const { page } of [t1, t2]) {
    await page.waitForFunction(() => {
      const s = window.qcity.state();
      return s.figures.mfg_qualified_batches === 1150 && s.figures.mfg_sampled_batches === 1200;
    }, null, { timeout: 10000 });
  }
  const s = await stored(t1.page);
  assert.equal(s.items.length, 1);
  assert.equal(s.items[0].assessment.figures.mfg_qualified_batches, 1150);
  assert.equal(s.items[0].assessment.figures.mfg_sampled_batches, 1200);
  await t1.page.reload();
  await waitFrames(t1.page, 1);
  const after = await state(t1.page);
  assert.equal(after.figures.mfg_qualified_batches, 1150);
  assert.equal(after.figures.mfg_sampled_batches, 1200);
  // No message: nothing was lost.
  assert.equal(await line(t2.page, 'storage_merge'), null);
  assert.deepEqual([...t1.errors, ...t2.errors], []);
  await context.close();
});

test('two tabs: the same figure edited in both — the later wins, the other tab shows it and is told', async () => {
  const context = await newContext();
  const [t1, t2] = await twoTabsOnOneAssessment(context);
  // Tab 1 first, tab 2 later, both before either save (the debounce is 300 ms).
  await t1.page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 1200));
  await t2.page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 1300));
  await waitSaved(t1.page);
  await waitSaved(t2.page);
  await t1.page.waitForFunction(() => window.qcity.state().figures.mfg_sampled_batches === 1300, null, { timeout: 10000 });
  assert.equal((await state(t2.page)).figures.mfg_sampled_batches, 1300);
  const message = await waitLine(t1.page, 'storage_merge', /另一个标签页/);
  assert.match(message, /亭湖区 2023/);
  assert.match(message, /制造业产品抽检批次/);
  assert.match(message, /1300/);
  assert.match(message, /1200/);
  assert.equal(await line(t2.page, 'storage_merge'), null, 'the tab whose edit won is not told');
  saveArtifact('issue12-merge-conflict-zh.png', await t1.page.screenshot());
  await t1.page.evaluate(() => window.qcity.setLanguage('en'));
  const en = await waitLine(t1.page, 'storage_merge', /Another tab changed/);
  assert.match(en, /Tinghu|亭湖/);
  assert.match(en, /1300/);
  saveArtifact('issue12-merge-conflict-en.png', await t1.page.screenshot());
  assert.equal((await stored(t1.page)).items[0].assessment.figures.mfg_sampled_batches, 1300);
  // Dismissed, it goes.
  await clickItem(t1.page, '###storage_merge_ok');
  // Gone within a few frames (on a busy machine the click's release may land a frame later).
  let left = await line(t1.page, 'storage_merge');
  for (let i = 0; i < 20 && left !== null; i++) left = await line(t1.page, 'storage_merge');
  assert.equal(left, null);
  assert.deepEqual([...t1.errors, ...t2.errors], []);
  await context.close();
});

test('two tabs: an assessment created in one appears in the other; a deletion propagates', async () => {
  const context = await newContext();
  const [t1, t2] = await twoTabsOnOneAssessment(context);
  // Both create one at the same time: before, both were "a2" and one erased the other.
  await Promise.all([
    t1.page.evaluate(() => window.qcity.open('county', '滨海县', 2023)),
    t2.page.evaluate(() => window.qcity.open('county', '响水县', 2023)),
  ]);
  await waitSaved(t1.page);
  await waitSaved(t2.page);
  for (const { page } of [t1, t2]) {
    await page.waitForFunction(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_workspace())).items.length === 3,
                               null, { timeout: 10000 });
  }
  const units = (ws) => ws.items.map((it) => it.assessment.unit).sort();
  assert.deepEqual(units(await workspace(t1.page)), ['亭湖区', '响水县', '滨海县'].sort());
  assert.deepEqual(units(await workspace(t2.page)), units(await workspace(t1.page)));
  assert.equal((await state(t1.page)).unit, '滨海县', 'each tab keeps its own open assessment');
  assert.equal((await state(t2.page)).unit, '响水县');
  // Tab 1 deletes 响水县 (the one open in tab 2) on the start screen, through the real UI.
  await clickItem(t1.page, '首页###nav_start');
  const dels = (await items(t1.page)).filter((it) => it.label === '删除##del').sort((a, b) => a.y - b.y);
  assert.equal(dels.length, 3);
  const order = (await workspace(t1.page)).items.map((it) => it.assessment.unit);
  const row = dels[order.indexOf('响水县')];
  await t1.page.mouse.click(row.x + row.w / 2, row.y + row.h / 2);
  await settle(t1.page);
  await clickItem(t1.page, '###delete_yes');
  await waitSaved(t1.page);
  await t2.page.waitForFunction(() => window.qcity.state() === null, null, { timeout: 10000 });
  assert.deepEqual(units(await workspace(t2.page)), ['亭湖区', '滨海县'].sort());
  assert.match(await waitLine(t2.page, 'storage_merge', /删除/), /响水县/);
  await t2.page.reload();
  await waitFrames(t2.page, 1);
  assert.deepEqual(units(await workspace(t2.page)), ['亭湖区', '滨海县'].sort());
  assert.deepEqual([...t1.errors, ...t2.errors], []);
  await context.close();
});

test('two tabs: a tab that missed the other tab\'s save still does not overwrite it (read-merge-write)', async () => {
  const context = await newContext();
  const [t1, t2] = await twoTabsOnOneAssessment(context);
  // Tab 2 hears nothing: its storage events are swallowed.
  await t2.page.evaluate(() => window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true));
  await t1.page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 900));
  await waitSaved(t1.page);
  await t2.page.evaluate(() => window.qcity.setFigure('mfg_qualified_batches', 880));
  await waitSaved(t2.page);
  const s = await stored(t2.page);
  assert.equal(s.items[0].assessment.figures.mfg_sampled_batches, 900);
  assert.equal(s.items[0].assessment.figures.mfg_qualified_batches, 880);
  assert.equal((await state(t2.page)).figures.mfg_sampled_batches, 900);
  await context.close();
});

// localStorage.setItem throws QuotaExceededError while sessionStorage.qcityFull is "1" (a flag that
// survives a reload of the tab).
function quotaFault() {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (this === window.localStorage && window.sessionStorage.getItem('qcityFull') === '1') {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    return setItem.call(this, key, value);
  };
}

test('storage full: says so (not "private mode"), keeps the work, retries, and a reload still opens it', async () => {
  const context = await newContext(quotaFault);
  const { page, errors } = await newTab(context, env.url);
  await page.evaluate(() => window.qcity.open('county', '东台市', 2023));
  await typeInto(page, '##fig_mfg_sampled_batches', '1200');
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.Module.qcity.storage), 0);

  // The quota runs out: the edit stays in memory, the banner says the storage is full and when the
  // last save worked.
  await page.evaluate(() => window.sessionStorage.setItem('qcityFull', '1'));
  await typeInto(page, '##fig_mfg_qualified_batches', '1150');
  await page.waitForFunction(() => window.Module.qcity.storage === 2, null, { timeout: 5000 });
  assert.match(await waitLine(page, 'storage_state', /存储空间已满/), /重试/);
  assert.doesNotMatch(await line(page, 'storage_state'), /隐私/);
  assert.match(await line(page, 'storage_last_saved'), /上次成功保存：\d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.equal((await state(page)).figures.mfg_qualified_batches, 1150);
  assert.equal((await stored(page)).items[0].assessment.figures.mfg_qualified_batches ?? null, null, 'not saved');
  saveArtifact('issue12-storage-full-zh.png', await page.screenshot());
  await page.evaluate(() => window.qcity.setLanguage('en'));
  assert.match(await waitLine(page, 'storage_state', /Storage is full/), /retried/);
  saveArtifact('issue12-storage-full-en.png', await page.screenshot());
  await page.evaluate(() => window.qcity.setLanguage('zh-CN'));

  // A reload while still full: the saved work opens (before, the failed probe hid it).
  await page.reload();
  await waitFrames(page, 1);
  assert.equal((await state(page)).figures.mfg_sampled_batches, 1200);
  await waitLine(page, 'storage_state', /存储空间已满/);
  assert.match(await line(page, 'storage_last_saved'), /尚未成功保存/);

  // Space comes back: the next attempt (a retry, with no further edit) saves, the banner goes.
  await page.evaluate(() => window.qcity.setFigure('mfg_qualified_batches', 1100));
  await page.waitForFunction(() => window.Module.qcity.storage === 2, null, { timeout: 5000 });
  await page.evaluate(() => window.sessionStorage.removeItem('qcityFull'));
  await page.waitForFunction(() => window.Module.qcity.storage === 0, null, { timeout: 10000 });
  assert.equal((await stored(page)).items[0].assessment.figures.mfg_qualified_batches, 1100);
  assert.equal(await line(page, 'storage_state'), null);
  await page.reload();
  await waitFrames(page, 1);
  const s = await state(page);
  assert.equal(s.figures.mfg_sampled_batches, 1200);
  assert.equal(s.figures.mfg_qualified_batches, 1100);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 3 MB workspace loads and saves in localStorage', async () => {
  const context = await newContext();
  const { page, errors } = await newTab(context, env.url);
  await page.evaluate(() => window.qcity.open('enterprise', '测试企业0', 2023));
  await waitSaved(page);
  const size = await page.evaluate(() => {
    const ws = JSON.parse(window.localStorage.getItem('qcity.workspace.v1'));
    const base = ws.items[0];
    for (let i = 1; i < 60; i++) {
      const it = JSON.parse(JSON.stringify(base));
      it.id = 'big' + i;
      it.assessment.unit = '测试企业' + i;
      it.assessment.notes = { ent_qc_groups: 'n'.repeat(50000) };
      ws.items.push(it);
    }
    const text = JSON.stringify(ws);
    window.localStorage.setItem('qcity.workspace.v1', text);
    return text.length;
  });
  assert.ok(size > 3e6, `${size} characters`);
  await page.reload();
  await waitFrames(page, 1);
  assert.equal((await workspace(page)).items.length, 60);
  await page.evaluate(() => window.qcity.setFigure('ent_qc_groups', 12));
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.Module.qcity.storage), 0);
  const after = await page.evaluate(() => window.localStorage.getItem('qcity.workspace.v1').length);
  assert.ok(after > 3e6);
  await page.reload();
  await waitFrames(page, 1);
  assert.equal((await state(page)).figures.ent_qc_groups, 12);
  assert.equal((await workspace(page)).items.length, 60);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the answer to navigator.storage.persist() is shown on the start screen, in both languages', async () => {
  for (const granted of [true, false]) {
    const context = await newContext(`(() => {
      const sm = navigator.storage;
      sm.persisted = () => Promise.resolve(false);
      sm.persist = () => { window.__persistAsked = true; return Promise.resolve(${granted}); };
    })()`);
    const { page, errors } = await newTab(context, env.url);
    const zh = await waitLine(page, 'storage_persist', granted ? /浏览器已承诺保留本机数据/ : /可能在空间不足时清除.*导出备份/);
    assert.ok(zh);
    assert.equal(await page.evaluate(() => window.__persistAsked), true);
    saveArtifact(`issue12-persist-${granted}-zh.png`, await page.screenshot());
    await page.evaluate(() => window.qcity.setLanguage('en'));
    await waitLine(page, 'storage_persist', granted ? /has promised to keep this data/ : /may clear this data when space is short.*— export a backup/);
    saveArtifact(`issue12-persist-${granted}-en.png`, await page.screenshot());
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('localStorage.clear() between two visits is noticed and pointed to backups', async () => {
  const context = await newContext();
  const { page, errors } = await newTab(context, env.url);
  await page.evaluate(() => window.qcity.open('county', '东台市', 2023));
  await page.evaluate(() => window.qcity.open('county', '亭湖区', 2023));
  await waitSaved(page);
  await page.evaluate(() => window.Module.qcity.markerWritten);
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await waitFrames(page, 1);
  const text = await waitLine(page, 'storage_cleared', /曾保存 2 个评估/);
  assert.match(text, /导入/);
  saveArtifact('issue12-cleared-zh.png', await page.screenshot());
  await page.evaluate(() => window.qcity.setLanguage('en'));
  assert.match(await waitLine(page, 'storage_cleared', /had 2 saved assessments/), /Import/);
  saveArtifact('issue12-cleared-en.png', await page.screenshot());
  await clickItem(page, '###storage_cleared_ok');
  assert.equal(await line(page, 'storage_cleared'), null);
  // A first visit (nothing saved before) says nothing.
  const fresh = await newContext();
  const other = await newTab(fresh, env.url);
  await settle(other.page, 3);
  assert.equal(await line(other.page, 'storage_cleared'), null);
  assert.deepEqual([...errors, ...other.errors], []);
  await fresh.close();
  await context.close();
});
