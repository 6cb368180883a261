// The web app end to end: real keyboard and mouse into the canvas, reload, files, the page API,
// the request log, and screenshots of every screen in both languages at DPR 1 and 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useBrowser, openApp, clickItem, findItem, typeInto, settle, drained, waitFrames, frameCount,
  saveArtifact, pngStats, textOf, fontsIdle, dist,
} from './lib.mjs';

const env = useBrowser();

const byId = (results, id) => results.indicators.find((i) => i.id === id);
const state = (page) => page.evaluate(() => window.qcity.state());
const results = (page) => page.evaluate(() => window.qcity.results());

// Waits for the debounced autosave (300 ms) to have written the workspace.
async function waitSaved(page) {
  await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 5000 });
}

async function createCounty(page) {
  await clickItem(page, '创建评估');
  await findItem(page, '##fig_mfg_qualified_batches');
}

test('through the real UI: create a county assessment, type figures, see them judged', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await createCounty(page);
  // Manufacturing pass rate: 1150 of 1200 batches → 95.8 %, met. Tab moves to the next field.
  await typeInto(page, '##fig_mfg_qualified_batches', '1150');
  let before = await frameCount(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('1200');
  await waitFrames(page, 1, before);
  await drained(page);
  // Chief quality officers: 94 of 140 → 67.1 %; 70 % needs 98, so 4 more.
  await typeInto(page, '##fig_above_scale_with_cqo', '94');
  before = await frameCount(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('140');
  await page.keyboard.press('Enter');
  await waitFrames(page, 1, before);
  await drained(page);

  const s = await state(page);
  assert.equal(s.profile, 'county');
  assert.equal(s.unit, '亭湖区');
  assert.equal(s.figures.mfg_qualified_batches, 1150);
  assert.equal(s.figures.mfg_sampled_batches, 1200);
  assert.equal(s.figures.above_scale_with_cqo, 94);
  assert.equal(s.figures.above_scale_enterprises, 140);
  const r = await results(page);
  const mfg = byId(r, 'mfg_pass_rate');
  assert.equal(mfg.status, 'met');
  assert.ok(Math.abs(mfg.value - 95.8333) < 1e-3, `value ${mfg.value}`);
  const cqo = byId(r, 'cqo_coverage');
  assert.equal(cqo.status, 'not_met');
  assert.equal(cqo.shortfall, 4);
  assert.match(cqo.shortfall_text, /4/);
  assert.equal(r.summary.met, 1);
  assert.equal(r.summary.not_met, 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a bad figure shows the core message, keeps the typed text, and breaks nothing else', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);
  await typeInto(page, '##fig_mfg_qualified_batches', '1300');
  await typeInto(page, '##fig_mfg_sampled_batches', '1200');
  await typeInto(page, '##fig_consumer_qualified_batches', 'abc');
  await typeInto(page, '##fig_consumer_sampled_batches', '500');
  const r = await results(page);
  assert.equal(byId(r, 'mfg_pass_rate').status, 'invalid');
  assert.equal(byId(r, 'consumer_pass_rate').status, 'invalid');
  const keys = r.problems.filter((p) => p.severity === 'error').map((p) => p.key).sort();
  assert.deepEqual(keys, ['consumer_qualified_batches', 'mfg_qualified_batches']);
  // The sentence names both figures as the form does; the key is in its own field only.
  assert.equal(r.problems.find((p) => p.key === 'mfg_qualified_batches').message, '制造业产品抽检合格批次（1300）不能多于制造业产品抽检批次（1200）');
  const s = await state(page);
  assert.equal(s.figures.consumer_qualified_batches, 'abc', 'the typed text is kept, not dropped');
  assert.equal(s.figures.consumer_sampled_batches, 500);
  // Fixing the value makes it valid again.
  await typeInto(page, '##fig_mfg_qualified_batches', '1,150');
  const r2 = await results(page);
  assert.equal(byId(r2, 'mfg_pass_rate').status, 'met');
  assert.equal((await state(page)).figures.mfg_qualified_batches, 1150);
  await context.close();
});

test('reload keeps everything: figures, the screen and the language', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);
  await typeInto(page, '##fig_mfg_qualified_batches', '900');
  await clickItem(page, '结果');
  await clickItem(page, 'English###lang');
  await waitSaved(page);
  const before = await state(page);
  await page.reload();
  await waitFrames(page, 1);
  assert.deepEqual(await state(page), before);
  assert.equal(await page.evaluate(() => window.qcity.language()), 'en');
  await findItem(page, 'Not met only'); // the results screen, in English
  await context.close();
});

test('export then import gives an identical state; importing an existing unit+year asks first', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);
  await typeInto(page, '##fig_mfg_qualified_batches', '1150');
  await typeInto(page, '##fig_mfg_sampled_batches', '1200');
  await page.evaluate(() => window.qcity.setFigure('one_stop_platform', true));
  await settle(page);
  const original = await state(page);

  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, '导出文件')]);
  assert.equal(download.suggestedFilename(), `qcity-亭湖区-${original.year}.json`);
  const file = saveArtifact('exported.json', fs.readFileSync(await download.path()));
  assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), original);

  // Change it, then import the file back: same unit + year, so the app asks before replacing.
  await page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 5000));
  await settle(page);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => true);
  await settle(page, 3);
  await clickItem(page, '替换');
  assert.deepEqual(await state(page), original);

  // Into a fresh env.browser profile: added, identical.
  const fresh = await openApp(env.browser, env.url);
  const [chooser2] = await Promise.all([fresh.page.waitForEvent('filechooser'), clickItem(fresh.page, '导入文件')]);
  await chooser2.setFiles(file);
  await fresh.page.waitForFunction(() => window.qcity.state() !== null);
  assert.deepEqual(await state(fresh.page), original);
  await fresh.context.close();
  await context.close();
});

test('a broken file gets a message and changes nothing', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);
  await typeInto(page, '##fig_mfg_qualified_batches', '10');
  const before = await state(page);
  const broken = saveArtifact('broken.json', '{"schema": "qcity.assessment/1",\n  "unit": \n}');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  await chooser.setFiles(broken);
  await settle(page, 3);
  const ok = await findItem(page, '确定'); // the error dialog's button
  assert.ok(ok.w > 0);
  saveArtifact('import-error-zh.png', await page.screenshot());
  await clickItem(page, '确定');
  assert.deepEqual(await state(page), before);
  await context.close();
});

test('the page API: load, state, results, setFigure, setLanguage, errors and events', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  const out = await page.evaluate(() => {
    const events = [];
    document.addEventListener('qcity:results', (e) => events.push(e.detail));
    const errors = [];
    const attempt = (f) => { try { f(); return null; } catch (e) { errors.push(e instanceof Error); return e.message; } };
    const doc = {
      schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '东台市', year: 2023,
      figures: { above_scale_enterprises: 140, above_scale_with_cqo: 98 },
    };
    window.qcity.load(doc);
    const afterLoad = window.qcity.state();
    const r1 = window.qcity.results();
    window.qcity.setFigure('mfg_sampled_batches', 200);
    const badKey = attempt(() => window.qcity.setFigure('no_such_key', 1));
    const negative = attempt(() => window.qcity.setFigure('mfg_qualified_batches', -3));
    const nan = attempt(() => window.qcity.setFigure('mfg_qualified_batches', NaN));
    const badLoad = attempt(() => window.qcity.load('{"schema":"qcity.assessment/9"}'));
    const badLang = attempt(() => window.qcity.setLanguage('fr'));
    const afterErrors = window.qcity.state();
    window.qcity.setLanguage('en');
    const r2 = window.qcity.results();
    return { afterLoad, r1, badKey, negative, nan, badLoad, badLang, afterErrors, r2, events: events.length, errors };
  });
  assert.equal(out.afterLoad.unit, '东台市');
  assert.equal(out.r1.indicators.find((i) => i.id === 'cqo_coverage').status, 'met', '98 of 140 is exactly 70 %');
  assert.match(out.badKey, /no_such_key/);
  assert.equal(out.negative, '制造业产品抽检合格批次不能为负数（现为 -3）');
  assert.match(out.nan, /^制造业产品抽检合格批次/);
  assert.doesNotMatch(out.nan, /mfg_qualified_batches/);
  assert.match(out.badLoad, /version 9|版本 9/);
  assert.match(out.badLang, /fr/);
  assert.ok(out.errors.every(Boolean), 'errors are thrown as Error objects');
  assert.equal(out.afterErrors.figures.mfg_sampled_batches, 200);
  assert.equal(out.afterErrors.figures.mfg_qualified_batches, undefined, 'failed calls changed nothing');
  assert.equal(out.afterErrors.unit, '东台市');
  assert.equal(out.r2.indicators[0].name, 'Manufacturing product quality pass rate');
  assert.ok(out.events >= 3, `qcity:results after every change (${out.events})`);
  await context.close();
});

test('without storage (sandboxed, private mode) the app works in memory and says so', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await waitFrames(page, 1);
  await createCounty(page);
  await typeInto(page, '##fig_mfg_qualified_batches', '5');
  assert.equal((await state(page)).figures.mfg_qualified_batches, 5);
  assert.equal(await page.evaluate(() => window.Module.qcity.storage), 1);
  saveArtifact('no-storage-zh.png', await page.screenshot());
  assert.deepEqual(errors, []);
  await context.close();
});

test('no network request of any kind after the page has loaded: the figures never leave', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  // The page's own files include the CJK font, fetched after the first frame.
  await fontsIdle(page);
  const loaded = log.requests.length;
  await createCounty(page);
  await typeInto(page, '##fig_mfg_qualified_batches', '1150');
  await page.evaluate(() => { window.qcity.setFigure('mfg_sampled_batches', 1200); window.qcity.setLanguage('en'); });
  await settle(page);
  await Promise.all([page.waitForEvent('download'), clickItem(page, 'Export')]);
  await clickItem(page, 'Results');
  await new Promise((r) => setTimeout(r, 500));
  const later = log.requests.slice(loaded).filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
  // The requests allowed: the app's own qcity.deferred.wasm (a split build fetches it at the first
  // input), its own i18n/ui.en.json and catalog/*.json (the UI's English and the catalogs, fetched
  // right after the first frame), each a GET of the file as built, with nothing in it from the page.
  const catalogs = fs.existsSync(path.join(dist, 'catalog')) ? fs.readdirSync(path.join(dist, 'catalog')).map((f) => `catalog/${f}`) : [];
  const own = (r) => r.method === 'GET' && !r.body &&
    ['qcity.deferred.wasm', 'i18n/ui.en.json', ...catalogs].some((f) => r.url === new URL(f, env.url).href && fs.existsSync(path.join(dist, f)));
  assert.deepEqual(later.filter((r) => !own(r)).map((r) => `${r.method} ${r.url}`), []);
  await context.close();
});

test('screenshots of start, entry and results in zh and en at DPR 1 and 2', async () => {
  const doc = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
  for (const dpr of [1, 2]) {
    for (const lang of ['zh-CN', 'en']) {
      const { context, page } = await openApp(env.browser, env.url, { dpr });
      const tag = `${lang === 'en' ? 'en' : 'zh'}-dpr${dpr}`;
      await page.evaluate((l) => window.qcity.setLanguage(l), lang);
      await settle(page);
      saveArtifact(`start-empty-${tag}.png`, await page.screenshot());
      await page.evaluate((d) => window.qcity.load(d), doc);
      await settle(page, 3);
      const entry = await page.screenshot();
      saveArtifact(`entry-${tag}.png`, entry);
      const stats = await pngStats(env.browser, entry);
      assert.equal(stats.width, 1280 * dpr, 'the canvas is drawn at device pixels');
      assert.ok(stats.colors > 50);
      await clickItem(page, lang === 'en' ? 'Results' : '结果');
      saveArtifact(`results-${tag}.png`, await page.screenshot());
      await clickItem(page, lang === 'en' ? 'Start' : '首页');
      saveArtifact(`start-${tag}.png`, await page.screenshot());
      await context.close();
    }
  }
});

test('a file dropped on the page is imported', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  const doc = fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dongtai-2023.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
  }, doc);
  await page.waitForFunction(() => window.qcity.state() !== null);
  const s = await state(page);
  assert.equal(s.unit, '东台市');
  assert.deepEqual(s, JSON.parse(doc));
  await context.close();
});

test('without WebAssembly or WebGL2 the page says so in words, not a blank page', async () => {
  for (const [name, script] of [
    ['wasm', () => { delete window.WebAssembly; }],
    ['webgl2', () => {
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === 'webgl2' ? null : orig.call(this, type, ...rest); };
    }],
  ]) {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 600 } });
    await context.addInitScript(script);
    const page = await context.newPage();
    await page.goto(env.url);
    await page.locator('#fatal').waitFor({ state: 'visible' });
    const text = await page.locator('#fatal').innerText();
    assert.match(text, name === 'wasm' ? /WebAssembly/ : /WebGL2/);
    assert.equal(await page.locator('#loading').isVisible(), false);
    if (name === 'webgl2') {
      // qcity.js still arrives and runs (it is asked for before the check), but the program never
      // starts: qcity.js asked for its wasm as it ran, and the answer never comes, so main() never
      // runs and draws nothing over the message.
      await page.waitForFunction(() => typeof window.Module.ccall === 'function');
      assert.deepEqual(await page.evaluate(() => [!!window.Module.calledRun, window.qcityFirstFrameMs]), [false, undefined]);
    }
    saveArtifact(`fatal-${name}.png`, await page.screenshot());
    await context.close();
  }
});

test('saved assessments: open, duplicate, and delete only after confirming', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await createCounty(page);                       // 亭湖区
  await typeInto(page, '##fig_mfg_qualified_batches', '77');
  const year = (await state(page)).year;
  await clickItem(page, '首页');
  await clickItem(page, '复制');                  // a copy for the next year opens on the entry screen
  assert.equal((await state(page)).unit, '亭湖区');
  assert.equal((await state(page)).year, year + 1);
  assert.match(await textOf(page, 'status_line'), new RegExp(`已复制为亭湖区 ${year + 1} 年的评估`));
  assert.equal((await state(page)).figures.mfg_qualified_batches, 77);
  await clickItem(page, '首页');
  const rows = async () => (await page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_items()))))
    .filter((i) => i.label.endsWith('##del')).length;
  assert.equal(await rows(), 2);
  await clickItem(page, '删除');
  await clickItem(page, '取消');                  // nothing deleted
  assert.equal(await rows(), 2);
  await clickItem(page, '删除');
  saveArtifact('delete-confirm-zh.png', await page.screenshot());
  await clickItem(page, '删除###delete_yes');
  await settle(page);
  assert.equal(await rows(), 1);
  await clickItem(page, '打开');
  assert.equal((await state(page)).unit, '亭湖区');
  assert.equal((await state(page)).year, year + 1);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await clickItem(page, 'English###lang');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await context.close();
});
