// Issue 12, items 7 and 8 in the browser: JSON nested deeper than 64 levels is refused with a
// message (by the page API and by file import), autosave keeps working and a reload keeps the
// session (before: 8,000 nested objects in `settings` made every later autosave throw and the
// session was lost on reload); 1e999 names its figure; a county unit must be the catalog's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openApp, clickItem, findItem, settle, saveArtifact } from './lib.mjs';

const env = useBrowser();

const state = (page) => page.evaluate(() => window.qcity.state());

// The debounced autosave (300 ms) has run.
async function waitSaved(page) {
  await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 5000 });
}

// A county assessment whose settings nest `depth` objects deep, as JSON text.
function deepDoc(depth) {
  const head = '{"schema":"qcity.assessment/1","catalog":"yancheng-2022","profile":"county","unit":"东台市","year":2023,'
    + '"figures":{"mfg_sampled_batches":1200},"settings":';
  return head + '{"a":'.repeat(depth) + '{}' + '}'.repeat(depth) + '}';
}

test('8,000 nested objects by the page API: refused with a message; autosave works; reload keeps the session', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  const result = await page.evaluate((deep) => {
    window.qcity.load({
      schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '东台市', year: 2023,
      figures: { mfg_qualified_batches: 1150 },
    });
    let message = null;
    try { window.qcity.load(deep); } catch (e) { message = e.message; }
    window.qcity.setFigure('mfg_sampled_batches', 1200);
    return { message, after: window.qcity.state() };
  }, deepDoc(8000));
  assert.ok(result.message, 'the deep document is refused');
  assert.match(result.message, /64/);
  assert.match(result.message, /settings\.a\.a/);
  assert.equal(result.after.unit, '东台市');
  assert.equal(result.after.figures.mfg_qualified_batches, 1150, 'the open assessment is unchanged');
  assert.equal(result.after.settings, undefined);
  await waitSaved(page);
  // A later edit is saved too (before the fix, every autosave after the deep load threw).
  await page.evaluate(() => window.qcity.setFigure('above_scale_enterprises', 140));
  await waitSaved(page);
  await page.reload();
  await page.waitForFunction(() => window.qcity && window.qcity.state() !== null, null, { timeout: 20000 });
  const back = await state(page);
  assert.equal(back.unit, '东台市');
  assert.equal(back.figures.mfg_qualified_batches, 1150);
  assert.equal(back.figures.mfg_sampled_batches, 1200);
  assert.equal(back.figures.above_scale_enterprises, 140);
  assert.deepEqual(log.errors.filter((e) => !/favicon/.test(e)), []);
  await context.close();
});

test('a file with deep nesting is refused on import with a message; nothing changes', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await page.evaluate(() => window.qcity.load({
    schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '亭湖区', year: 2023,
    figures: { mfg_qualified_batches: 10 },
  }));
  const before = await state(page);
  const file = saveArtifact('deep-80000.json', deepDoc(80000));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  await chooser.setFiles(file);
  await settle(page, 3);
  const ok = await findItem(page, '确定'); // the error dialog's button
  assert.ok(ok.w > 0);
  saveArtifact('issue12-deep-import.png', await page.screenshot());
  await clickItem(page, '确定');
  assert.deepEqual(await state(page), before);
  await waitSaved(page);
  await context.close();
});

test('1e999 names its figure; a county unit outside the catalog is refused naming the list', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  const out = await page.evaluate(() => {
    const attempt = (f) => { try { f(); return null; } catch (e) { return e.message; } };
    const huge = attempt(() => window.qcity.load('{"schema":"qcity.assessment/1","catalog":"yancheng-2022","profile":"county",'
      + '"unit":"东台市","year":2023,"figures":{"mfg_sampled_batches":1e999}}'));
    const unit = attempt(() => window.qcity.load({
      schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '东台县', year: 2023, figures: {},
    }));
    window.qcity.load({ schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: ' 东台 ', year: 2023, figures: {} });
    return { huge, unit, state: window.qcity.state() };
  });
  assert.match(out.huge, /figures\.mfg_sampled_batches（制造业产品抽检批次）：数值超出范围（1e999）/);
  assert.doesNotMatch(out.huge, /column/);
  assert.match(out.unit, /“东台县”不是本目录的县级单位，应为以下之一：亭湖区、盐都区/);
  assert.equal(out.state.unit, '东台市', 'a short form is the catalog unit, trimmed');
  await context.close();
});
