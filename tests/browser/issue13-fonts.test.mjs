// Issue 13: CJK glyphs in slices. The first frame needs only the UI font; a character typed fetches
// its slice (once) and is drawn the frame after it lands, never as "?"; a character in no slice is
// drawn by the browser's own fonts; offline (service worker) and the one-file edition (file://)
// still draw any character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useBrowser, openApp, launch, dist, clickItem, findItem, settle, drained, waitFrames, saveArtifact, pngStats, fontsIdle,
} from './lib.mjs';
import { startServer } from '../../scripts/serve.mjs';

const env = useBrowser();

// From three different slices of the 通用规范汉字表 (levels 2 and 3) and beyond it (Hangul), and
// one that is in no slice (Noto Sans CJK SC lacks it; DejaVu Sans, a system font here, has it).
const SLICED = ['鑫', '燊', '한'];
const NO_SLICE = '❦';

async function focusEnterpriseName(page) {
  await clickItem(page, '企业自评');
  await clickItem(page, '企业名称###new_name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'qcity-text-input');
}

// The name field showing exactly `text` (typed over what it held), once its fonts have landed.
async function shot(page, text, clip) {
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.insertText(text);
  await drained(page);
  await fontsIdle(page);
  await settle(page, 3);
  return page.screenshot({ clip });
}

// Each character drawn: ink in the field, and not the "?" ImGui draws for a missing glyph.
async function assertDrawn(page, browser, chars, clip, tag) {
  const question = await shot(page, '?', clip);
  const blank = await shot(page, ' ', clip);  // a space: no glyph, and no hint text either
  const seen = [];
  for (const ch of chars) {
    const png = await shot(page, ch, clip);
    saveArtifact(`issue13-glyph-${tag}-${ch.codePointAt(0).toString(16)}.png`, png);
    const s = await pngStats(browser, png), b = await pngStats(browser, blank);
    assert.ok(s.inkFraction > b.inkFraction + 0.01, `${ch} is drawn (${s.inkFraction} vs blank ${b.inkFraction})`);
    assert.notDeepEqual(png, question, `${ch} is not drawn as "?"`);
    for (const other of seen) assert.notDeepEqual(png, other, `${ch} has its own glyph`);
    seen.push(png);
  }
}

async function fieldClip(page) {
  const field = await findItem(page, '企业名称###new_name');
  return { x: field.x, y: field.y, width: Math.min(field.w, 120), height: field.h };
}

const fontRequests = (log) => log.requests.map((r) => r.url).filter((u) => u.includes('/fonts/'));

test('the first frame fetches no font beyond the UI font; typed characters fetch only their slices and are drawn', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await settle(page);
  assert.deepEqual(fontRequests(log), [], 'nothing fetched for fonts before a character needs it');
  await focusEnterpriseName(page);
  const clip = await fieldClip(page);
  await assertDrawn(page, env.browser, [...SLICED, NO_SLICE], clip, 'served');

  // Exactly the manifest and the three characters' slices (three different ones), each once.
  const slices = await page.evaluate((chars) => chars.map((c) => window.Module.qcity.fonts.lookup(c.codePointAt(0))), SLICED);
  assert.equal(new Set(slices).size, 3, `three different slices: ${slices}`);
  assert.equal(await page.evaluate((c) => window.Module.qcity.fonts.lookup(c.codePointAt(0)), NO_SLICE), -1, `${NO_SLICE} is in no slice`);
  const files = await page.evaluate((ids) => ids.map((i) => 'fonts/' + window.Module.qcity.fonts.manifest.slices[i].file), slices);
  const got = fontRequests(log).map((u) => u.replace(/^.*\/(fonts\/)/, '$1'));
  assert.deepEqual(got.slice().sort(), ['fonts/manifest.json', ...files].sort());

  // Typed again (another field, the same characters): nothing fetched again.
  await shot(page, SLICED.join('') + NO_SLICE, clip);
  assert.equal(fontRequests(log).length, got.length);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('offline (service worker): a slice fetched before still draws, a character never fetched comes from the browser\'s fonts', async () => {
  const browser = await launch();
  const { server, url } = await startServer({ dir: dist });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await waitFrames(page, 1);
    await page.waitForFunction(async () => {
      if (!navigator.serviceWorker.controller) return false;
      return (await (await caches.open('qcity-' + window.QCITY_VERSION)).keys()).length >= 11;
    }, null, { timeout: 30000, polling: 250 });
    await focusEnterpriseName(page);
    let clip = await fieldClip(page);
    await shot(page, SLICED[0], clip);  // its slice fetched (and kept by the service worker)
    await page.waitForFunction(async () => (await (await caches.open('qcity-fonts')).keys()).length >= 1, null, { timeout: 10000 });

    await context.setOffline(true);
    server.close();
    await page.reload();
    await waitFrames(page, 1);
    await focusEnterpriseName(page);
    clip = await fieldClip(page);
    // SLICED[1]'s slice was never fetched: offline it cannot be, so the browser's fonts draw it.
    await assertDrawn(page, browser, [SLICED[0], SLICED[1], NO_SLICE], clip, 'offline');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    server.close();
    await browser.close();
  }
});

test('the one-file edition (file://) draws characters of the table and beyond it with no request', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-usb-'));
  const file = path.join(dir, 'qcity.html');
  fs.copyFileSync(path.join(dist, 'qcity.html'), file);
  assert.ok(fs.statSync(file).size <= 3 * 1024 * 1024, `qcity.html is ${fs.statSync(file).size} bytes (≤ 3 MiB)`);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [], requests = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await waitFrames(page, 1, null, 60000);
    await focusEnterpriseName(page);
    const clip = await fieldClip(page);
    // 鑫 and 燊 from the file's own font (the table), 한 and ❦ from the browser's fonts.
    await assertDrawn(page, browser, [...SLICED, NO_SLICE], clip, 'onefile');
    assert.equal(await page.evaluate(() => window.Module.qcity.fonts.state.filter((s) => s === 2).length), 42, 'all of the table\'s slices came from the file');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});
