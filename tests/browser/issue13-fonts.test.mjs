// Issue 13: CJK glyphs in slices. The first frame needs only the first screen's part of the UI font;
// the rest of it and the slices' manifest come right after the first frame; a character typed fetches its slice (once) and is drawn the frame after it lands, never
// as "?"; a slice that lands replaces only the glyphs that waited for it; a slice that could not be
// fetched is fetched again (backoff, and at once back online) while the browser's fonts draw its
// characters; a character in no slice is drawn by the browser's own fonts; offline (service worker)
// and the one-file edition (file://) still draw any character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  useBrowser, openApp, launch, dist, clickItem, findItem, settle, drained, waitFrames, saveArtifact, pngStats, fontsIdle,
  enableTestHooks, items, waitForAsync, swFiles,
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

const lookup = (page, ch) => page.evaluate((c) => window.Module.qcity.fonts.lookup(c.codePointAt(0)), ch);
const sliceState = (page, id) => page.evaluate((i) => window.Module.qcity.fonts.state[i] || 0, id);
// How many times the browser's fonts drew this character into the atlas.
const rasters = (page, ch) => page.evaluate((c) => window.Module.qcity.fonts.rasters.filter((x) => x === c.codePointAt(0)).length, ch);

const BOOT = ['fonts/qcity-ui.otf'];
const REST = ['fonts/qcity-slices.bin', 'fonts/qcity-ui-rest-1.otf', 'fonts/qcity-ui-rest-2.otf'];
const short = (u) => u.replace(/^.*\/(fonts\/)/, '$1');
// The font files whose requests started before the first frame (Resource Timing).
const fontsBeforeFirstFrame = (page) => page.evaluate(() => performance.getEntriesByType('resource')
  .filter((e) => e.startTime < window.qcityFirstFrameMs && e.name.includes('/fonts/')).map((e) => e.name.replace(/^.*\/(fonts\/)/, '$1')));

// The first frame in `lang` (the language is kept with the workspace): only the first screen's
// part of the UI font before it, every glyph it drew from that part; the rest right after it.
async function checkFirstFrame(page, log, lang) {
  assert.deepEqual(await fontsBeforeFirstFrame(page), BOOT, `${lang}: only the first screen's part of the UI font before the first frame`);
  assert.deepEqual(await page.evaluate(() => window.Module.qcity.fonts.firstFrameMissed.map((c) => String.fromCodePoint(c)).join('')), '',
    `${lang}: the first frame drew no character beyond the first screen's part (assets/fonts/first-screen.txt lacks these)`);
  await fontsIdle(page);
  assert.deepEqual(fontRequests(log).map(short).sort(), [...BOOT, ...REST].sort(), `${lang}: the rest of the UI font and the manifest, right after it`);
  assert.equal(await page.evaluate(() => window.Module.qcity.fonts.restState), 2);
}

test('the first frame (zh and en) needs only the first screen\'s part of the UI font; the rest comes right after', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await checkFirstFrame(page, log, 'zh');
  // English, kept with the workspace: the next visit's first frame is in English.
  await clickItem(page, 'English###lang');
  await page.waitForFunction(() => window.qcity.language() === 'en');
  await page.evaluate(() => window.Module._qcity_autosave());
  log.requests.length = 0;
  await page.reload();
  await waitFrames(page, 1);
  assert.equal(await page.evaluate(() => window.qcity.language()), 'en');
  await checkFirstFrame(page, log, 'en');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('typed characters fetch only their slices and are drawn', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await settle(page);
  await fontsIdle(page);
  log.requests.length = 0;
  await focusEnterpriseName(page);
  const clip = await fieldClip(page);
  await assertDrawn(page, env.browser, [NO_SLICE, ...SLICED], clip, 'served');

  // Exactly the three characters' slices (three different ones), each once: no manifest request.
  const slices = await Promise.all(SLICED.map((c) => lookup(page, c)));
  assert.equal(new Set(slices).size, 3, `three different slices: ${slices}`);
  assert.ok(slices.every((i) => i >= 0), `each in a slice: ${slices}`);
  assert.equal(await lookup(page, NO_SLICE), -1, `${NO_SLICE} is in no slice`);
  const files = await page.evaluate((ids) => ids.map((i) => 'fonts/' + window.Module.qcity.fonts.slices[i].file), slices);
  const got = fontRequests(log).map(short);
  assert.deepEqual(got.slice().sort(), files.slice().sort());

  // The slices that landed after NO_SLICE was drawn replaced only the glyphs that waited for them:
  // NO_SLICE, drawn again, is not drawn again by the browser's fonts (it stayed in the atlas).
  const before = await rasters(page, NO_SLICE);
  assert.ok(before >= 1, `${NO_SLICE} came from the browser's fonts`);
  await shot(page, NO_SLICE, clip);
  assert.equal(await rasters(page, NO_SLICE), before, `${NO_SLICE} kept its glyph while three slices landed`);

  // Typed again (another field, the same characters): nothing fetched again.
  await shot(page, SLICED.join('') + NO_SLICE, clip);
  assert.equal(fontRequests(log).length, got.length);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// A page with no service worker (every slice from the network, where a route can fail it).
// A first visit with no service worker, the requests for `pattern` (if any) answered by `route`,
// once the rest of the UI font and the manifest (fetched right after the first frame) have landed.
async function openFirstVisit(pattern, route) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' });
  if (route) await context.route(pattern, route);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.url);
  await waitFrames(page, 1);
  await enableTestHooks(page);
  await fontsIdle(page);
  return { context, page, errors };
}

// The same, with the slices' requests answered by `route`, the new enterprise's name field focused.
async function openNoWorker(route) {
  const { context, page, errors } = await openFirstVisit('**/fonts/cjk-*.otf', route);
  await focusEnterpriseName(page);
  return { context, page, errors, clip: await fieldClip(page) };
}

test('a slice that failed is fetched again (backoff) and its character drawn from it, with no reload', async () => {
  const ch = SLICED[1];
  // The reference: the character drawn from its slice on a page where nothing failed.
  const ok = await openNoWorker(null);
  const fromSlice = await shot(ok.page, ch, ok.clip);
  await ok.context.close();

  let attempts = 0;
  const { context, page, errors, clip } = await openNoWorker((route) => (++attempts <= 2 ? route.abort('failed') : route.continue()));
  const id = await lookup(page, ch);
  await page.keyboard.insertText(ch);
  await page.waitForFunction((i) => window.Module.qcity.fonts.state[i] === 3, id, { timeout: 10000 });
  // Meanwhile the browser's fonts draw it (not blank, not "?").
  const meanwhile = await shot(page, ch, clip);
  saveArtifact('issue13-retry-meanwhile.png', meanwhile);
  assert.ok(await rasters(page, ch) >= 1, `${ch} drawn by the browser's fonts while its slice is missing`);
  // Fetched again after 2 s (fails), then 4 s more (lands): drawn from the slice, as on the page where
  // nothing failed, without a reload.
  await page.waitForFunction((i) => window.Module.qcity.fonts.state[i] === 2, id, { timeout: 20000 });
  assert.equal(attempts, 3);
  const after = await shot(page, ch, clip);
  saveArtifact('issue13-retry-landed.png', after);
  assert.deepEqual(after, fromSlice, `${ch} drawn from its slice once it landed`);
  assert.notDeepEqual(meanwhile, fromSlice, 'the stand-in (the browser\'s fonts) is not the slice\'s glyph: the test can tell them apart');
  assert.equal(await page.evaluate(() => window.Module.qcity.fonts.fetched.length), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('offline with no service worker: a slice is fetched as soon as the browser is back online', async () => {
  const ch = SLICED[0];
  const { context, page, errors, clip } = await openNoWorker(null);
  const id = await lookup(page, ch);
  await context.setOffline(true);
  await page.keyboard.insertText(ch);
  await page.waitForFunction((i) => window.Module.qcity.fonts.state[i] === 3, id, { timeout: 10000 });
  const png = await shot(page, ch, clip);
  const blank = await shot(page, ' ', clip);
  assert.ok((await pngStats(env.browser, png)).inkFraction > (await pngStats(env.browser, blank)).inkFraction + 0.01, `${ch} drawn offline`);
  // Offline, the retry timer does not fetch (2 s passed): only the "online" event does.
  await new Promise((r) => setTimeout(r, 2500));
  assert.equal(await page.evaluate(() => window.Module.qcity.fonts.fetched.length), 1, 'no fetch while offline');
  await context.setOffline(false);
  await page.waitForFunction((i) => window.Module.qcity.fonts.state[i] === 2, id, { timeout: 10000 });
  await shot(page, ch, clip);
  assert.deepEqual(errors, []);
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
    await waitForAsync(page, async (n) => {
      if (!navigator.serviceWorker.controller) return false;
      return (await (await caches.open('qcity-' + window.QCITY_VERSION)).keys()).length >= n;  // all of them
    }, swFiles().length);
    await focusEnterpriseName(page);
    let clip = await fieldClip(page);
    await shot(page, SLICED[0], clip);  // its slice fetched (and kept by the service worker)
    await waitForAsync(page, async () => (await (await caches.open('qcity-fonts')).keys()).length >= 1, null, { timeout: 10000 });

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
    const [here, table] = await page.evaluate(() => {
      const F = window.Module.qcity.fonts;
      return [F.state.filter((s) => s === 2).length, F.slices.filter((s) => s.level > 0).length];
    });
    assert.ok(table >= 40, `the table's slices: ${table}`);
    assert.equal(here, table, 'all of the table\'s slices came from the file, and nothing else');
    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

test('the first part of the UI font could not be fetched: the text comes from the slices and the browser\'s fonts, laid out the same', async () => {
  // The reference: a page that had it.
  const ok = await openFirstVisit(null, null);
  const failed = await openFirstVisit('**/fonts/qcity-ui.otf', (route) => route.abort('failed'));
  await settle(ok.page, 3);
  await settle(failed.page, 3);
  try {
    // Laid out the same: every widget of the start screen where it was, the same height (the font's
    // metrics are the UI font's; Latin text may be a little wider or narrower in the browser's font).
    const place = (list) => list.map((it) => `${it.label} y=${it.y.toFixed(1)} h=${it.h.toFixed(1)}`);
    const [a, b] = [await items(ok.page), await items(failed.page)];
    assert.ok(a.length > 10);
    assert.deepEqual(place(b), place(a));
    // Chinese text drawn from the slices: the same pixels as from the UI font (both Noto Sans CJK SC).
    const nav = await findItem(failed.page, '企业自评');
    const clip = { x: nav.x, y: nav.y, width: nav.w, height: nav.h };
    const [pa, pb] = [await ok.page.screenshot({ clip }), await failed.page.screenshot({ clip })];
    saveArtifact('issue13-no-ui-font-nav.png', pb);
    assert.ok((await pngStats(env.browser, pb)).inkFraction > 0.02, 'the button\'s text is drawn');
    assert.deepEqual(pb, pa, '企业自评 drawn from its slice, as from the UI font');
    // The Latin text (the language button's "English") from the browser's own fonts: drawn, not "?".
    assert.ok(await failed.page.evaluate(() => window.Module.qcity.fonts.rasters.includes('E'.codePointAt(0))), 'E drawn by the browser\'s fonts');
    const en = await findItem(failed.page, 'English###lang');
    const enPng = await failed.page.screenshot({ clip: { x: en.x, y: en.y, width: en.w, height: en.h } });
    assert.ok((await pngStats(env.browser, enPng)).inkFraction > 0.02, '"English" is drawn');
    assert.deepEqual(failed.errors, []);
  } finally {
    await ok.context.close();
    await failed.context.close();
  }
});
