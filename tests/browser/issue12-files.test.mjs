// Issue 12, files as bytes: the page hands a file's bytes to the core, which finds the encoding
// (UTF-8, GBK/GB18030, UTF-16) or the format (.xlsx) itself; large files and large texts never go
// through the wasm stack. The GBK, UTF-16 and .xlsx files come from another program (Python's codecs
// and openpyxl, tests/fixtures/other_programs.py), never from qcity's writer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useBrowser, openApp, clickItem, findItem, settle, saveArtifact, items, waitFrames, enableTestHooks, otherProgramsFiles } from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const state = (page) => page.evaluate(() => window.qcity.state());
const saved = (page) => page.evaluate(() => JSON.parse(window.localStorage.getItem('qcity.workspace.v1') || 'null'));

// Files as other programs write them, made once for this test file.
const other = otherProgramsFiles();

// Picks files through the app's own file picker (the input it creates), then waits until the
// open assessment changed (or the replace question / an error is shown).
async function pick(page, files) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  const accept = await chooser.element().getAttribute('accept');
  for (const ext of ['.json', '.csv', '.tsv', '.txt', '.xlsx']) assert.ok(accept.includes(ext), `the picker accepts ${ext}: ${accept}`);
  await chooser.setFiles(files);
}

test('a GBK CSV, GB18030, UTF-16 tab-separated text and an openpyxl .xlsx import un-garbled', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1400, height: 900 });
  const { expected } = other;

  // GB18030's table is not in the wasm (issue 13): fetched when the first file needs it, once.
  const tableFetches = () => log.requests.filter((r) => r.url.endsWith('/gb18030.bin')).length;
  assert.equal(tableFetches(), 0, 'no GB18030 table fetched before a file needs it');
  // GBK, as Chinese Excel and WPS save "CSV (逗号分隔)" (was: imported as "��̨��" without a word).
  await pick(page, other.file('gbk.csv'));
  await page.waitForFunction(() => { const s = window.qcity.state(); return s && s.unit; }, null, { timeout: 10000 });
  let s = await state(page);
  assert.equal(s.unit, expected.unit);
  assert.equal(s.notes.above_scale_enterprises, expected.note_gbk);  // 喆堃犇: GBK only, not GB2312
  assert.equal(s.figures.above_scale_with_cqo, 94);
  saveArtifact('issue12-gbk.png', await page.screenshot());

  // The same unit and year again: each asks before replacing.
  const replaceWith = async (name, check) => {
    await pick(page, other.file(name));
    await clickItem(page, '替换', { timeout: 5000 });
    await settle(page, 2);
    check(await state(page));
  };
  // GB18030 four-byte characters (U+3400, U+20000): decoded by the core, not by musl's iconv.
  await replaceWith('gb18030.csv', (st) => assert.equal(st.notes.above_scale_enterprises, expected.note_gb18030));
  // Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated, a .txt.
  await replaceWith('utf16le.txt', (st) => {
    assert.equal(st.unit, expected.unit);
    assert.equal(st.notes.above_scale_enterprises, expected.note_gb18030);
  });
  // A workbook written by openpyxl.
  await replaceWith('openpyxl.xlsx', (st) => {
    assert.equal(st.notes.above_scale_enterprises, expected.note_gbk);
    assert.equal(st.figures.public_service_satisfaction_score, 81.95);
    assert.equal(st.figures.one_stop_platform, true);
  });

  assert.equal(tableFetches(), 1, 'the GB18030 table fetched once, for the first GBK file');

  // UTF-16 without a BOM: refused, naming the problem; nothing changes.
  const before = await state(page);
  await pick(page, other.file('utf16-nobom.txt'));
  await findItem(page, '确定', { timeout: 5000 });
  const texts = (await items(page)).map((i) => i.text).join(' | ');
  assert.ok(texts.includes('没有 BOM 的 UTF-16'), texts);  // the dialog names the problem
  saveArtifact('issue12-utf16-nobom.png', await page.screenshot());
  await clickItem(page, '确定');
  assert.deepEqual(await state(page), before);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a GBK file while GB18030\'s table cannot be fetched: refused naming the file and why, nothing changed; the next try reads it', async () => {
  // No service worker: it would answer from its cache (it caches the table with the app's files).
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', serviceWorkers: 'block' });
  let attempts = 0;
  await context.route('**/gb18030.bin', (route) => (++attempts === 1 ? route.abort('internetdisconnected') : route.continue()));
  const page = await context.newPage();
  const log = { errors: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  await page.goto(env.url);
  await waitFrames(page, 1);
  await enableTestHooks(page);
  const { expected } = other;
  await page.evaluate((doc) => { window.qcity.open('county', '东台市', 2023); window.qcity.load(doc); }, fixture);
  await settle(page, 2);
  const before = await state(page);
  await pick(page, other.file('gbk.csv'));
  await findItem(page, '确定', { timeout: 10000 });
  const texts = (await items(page)).map((i) => i.text).join(' | ');
  assert.ok(texts.includes('gbk.csv'), `the dialog names the file: ${texts}`);
  assert.ok(texts.includes('GB18030 编码表未能加载'), `the dialog says why: ${texts}`);
  saveArtifact('issue13-gb18030-table-failed.png', await page.screenshot());
  await clickItem(page, '确定');
  assert.deepEqual(await state(page), before, 'nothing changed');
  // The network back: the same file again fetches the table and reads it.
  await pick(page, other.file('gbk.csv'));
  await clickItem(page, '替换', { timeout: 10000 });
  await settle(page, 2);
  const s = await state(page);
  assert.equal(s.notes.above_scale_enterprises, expected.note_gbk);
  assert.equal(attempts, 2);
  // (Chromium logs the failed request itself; nothing else.)
  assert.deepEqual(log.errors.filter((e) => !e.includes('net::ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

test('a 3 MB assessment file imports and loads; the app keeps working and the data survives a reload', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
  // 1,000,000 × 东 in one note: 3 MB of UTF-8 (was: "memory access out of bounds" from 1.25 MB on).
  const big = structuredClone(fixture);
  big.notes.mfg_pass_rate = '东'.repeat(1000000);
  const text = JSON.stringify(big);
  assert.ok(Buffer.byteLength(text) > 3000000 && Buffer.byteLength(text) < 5 * 1024 * 1024);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-big-'));
  const file = path.join(dir, 'big.json');
  fs.writeFileSync(file, text);

  await pick(page, file);
  await page.waitForFunction(() => { const s = window.qcity.state(); return s && s.notes && s.notes.mfg_pass_rate; }, null, { timeout: 20000 });
  assert.equal((await page.evaluate(() => window.qcity.state().notes.mfg_pass_rate.length)), 1000000);

  // The page API with the same 3 MB text, then ordinary calls: all work.
  const other2 = structuredClone(big);
  other2.figures.above_scale_with_cqo = 99;
  await page.evaluate((t) => window.qcity.load(t), JSON.stringify(other2));
  await page.evaluate(() => window.qcity.setFigure('above_scale_enterprises', 150));
  const s = await page.evaluate(() => {
    const st = window.qcity.state();
    return { cqo: st.figures.above_scale_with_cqo, ent: st.figures.above_scale_enterprises, note: st.notes.mfg_pass_rate.length };
  });
  assert.deepEqual(s, { cqo: 99, ent: 150, note: 1000000 });
  // A 1.3 MB paste goes through malloc'd memory too.
  await page.evaluate(() => window.Module.qcity.paste('1'.repeat(1300000)));
  await settle(page, 2);
  assert.equal((await page.evaluate(() => window.qcity.results())).unit, '东台市');

  // Saved, and there after a reload.
  await page.waitForFunction(() => {
    const raw = window.localStorage.getItem('qcity.workspace.v1');
    return raw && raw.includes('"above_scale_enterprises":150');
  }, null, { timeout: 10000 });
  await page.reload();
  await page.waitForFunction(() => window.qcity && window.qcity.state && window.qcity.state(), null, { timeout: 20000 });
  const after = await page.evaluate(() => {
    const st = window.qcity.state();
    return { cqo: st.figures.above_scale_with_cqo, note: st.notes.mfg_pass_rate.length };
  });
  assert.deepEqual(after, { cqo: 99, note: 1000000 });
  assert.ok((await saved(page)).items.length >= 1);
  assert.deepEqual(log.errors, []);
  await context.close();
});
