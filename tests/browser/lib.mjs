// Shared helpers for qcity's browser tests: Debian's chromium through playwright-core, the built
// app served on loopback, a request log, and ways to drive the ImGui canvas by widget label.
import fs from 'node:fs';
import os from 'node:os';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..', '..');
export const dist = process.env.QCITY_DIST || path.join(repo, 'build', 'web', 'dist');
// Screenshot sets made for a person to look at (every size × DPR × language) are long on a 2-core CI
// machine: by default a test takes a representative part of its set; QCITY_SCREENSHOTS=all takes all
// of it (do that before calling UI work done, and look at the PNGs in tests/browser/artifacts).
export const allScreenshots = process.env.QCITY_SCREENSHOTS === 'all';
export const artifacts = path.join(here, 'artifacts');
fs.mkdirSync(artifacts, { recursive: true });

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-default-apps', '--disable-extensions',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.QCITY_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
  });
}

// One server and one browser per test file: `env.browser`, `env.url` once the file's tests run.
export function useBrowser() {
  const env = {};
  before(async () => {
    ({ server: env.server, url: env.url } = await serve());
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.close();
  });
  return env;
}

// One page of the app shared by a file's tests that only look (nothing they do changes what the
// next test sees): `const app = useApp(env)` at the top of the file, then in each test
// `const { page, log } = await app()` — loaded by the first test that asks (node:test starts a
// file's `before` hooks together, so not in one), closed with the file's browser. `options` as
// openApp's. A test that changes the workspace, the language or storage opens its own (openApp).
export function useApp(env, options = {}) {
  let opened = null;
  return () => (opened ??= openApp(env.browser, env.url, options));
}

export async function serve() {
  if (!fs.existsSync(path.join(dist, 'index.html'))) throw new Error(`${dist}/index.html missing: build the web app first`);
  return startServer({ dir: dist });
}

// Opens the app in a new page; records console errors, page errors and every request.
// Chromium has the File System Access API, with which Save asks where to write (a native dialog a
// headless test cannot answer): tests get the download path of Firefox and Safari unless they ask
// for `fileSystemAccess` (and then stub window.showSaveFilePicker themselves, see issue12-backup).
//
// Every call is a first visit: nothing stored for the app's origin (localStorage, sessionStorage,
// IndexedDB, service workers, Cache Storage, cookies, any quota used, persistent storage) and no
// service worker controlling the page — checked before the app is loaded, an error if not. The
// browser context behind `context` is kept for the next openApp with the same options, a new page
// in it each time: `context.close()` closes the test's pages and clears what the origins they
// reached stored (a new context for each test cost about half a second of CPU more a load, ~200
// loads in the browser step). A test that does anything else with `context` (grantPermissions,
// route, setOffline, newPage…) gets it closed for real instead. In every such context
// navigator.storage.persist() is refused, as a first visit's is (see below).
export async function openApp(browser, url, { dpr = 1, width = 1280, height = 800, locale = 'zh-CN', fileSystemAccess = false, init = null } = {}) {
  if (!/^https?:/.test(url)) throw new Error(`openApp: ${url} is not served over http(s)`);
  const origin = new URL(url).origin;
  const key = JSON.stringify([width, height, dpr, locale, fileSystemAccess, init === null ? null : String(init)]);
  if (!contextPools.has(browser)) contextPools.set(browser, new Map());
  const pool = contextPools.get(browser);
  if (!pool.has(key)) pool.set(key, []);
  let entry = pool.get(key).find((e) => !e.busy);
  if (!entry) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale });
    if (!fileSystemAccess) await context.addInitScript(() => { Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true, writable: true }); });
    if (init) await context.addInitScript(init);
    entry = { context, origins: new Set(), refused: new Set(), spare: null, busy: false, dirty: false, list: pool.get(key) };
    // Every origin a page of the context reached: cleared when the test is done with it.
    context.on('request', (r) => {
      try {
        const u = new URL(r.url());
        if (u.protocol === 'http:' || u.protocol === 'https:') entry.origins.add(u.origin);
      } catch { /* not a URL with an origin */ }
    });
    entry.list.push(entry);
  }
  entry.busy = true;
  entry.dirty = false;
  const page = entry.spare || await entry.context.newPage();
  entry.spare = null;
  entry.origins.add(origin);
  if (!entry.refused.has(origin)) {
    entry.refused.add(origin);
    // navigator.storage.persist() refused, as on a first visit: Chromium grants it to a site with
    // enough engagement (page loads, input), which a context used by test after test builds up.
    const cdp = await entry.context.newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    await cdp.detach();
    // (On a session kept open: Chromium drops a session's permission overrides when it detaches.)
    if (!browserSessions.has(browser)) browserSessions.set(browser, browser.newBrowserCDPSession());
    await (await browserSessions.get(browser)).send('Browser.setPermission', {
      permission: { name: 'persistent-storage' }, setting: 'denied', origin, browserContextId: targetInfo.browserContextId });
  }
  const left = await storedAt(page, origin);
  if (left.length) {
    entry.list.splice(entry.list.indexOf(entry), 1);
    await entry.context.close();
    throw new Error(`openApp: not a first visit, ${origin} has stored: ${left.join('; ')}`);
  }
  const log = { errors: [], requests: [] };
  // (Not the first-visit check's page above, nor the /favicon.ico Chromium asks for on its behalf,
  // a 404 whose console message may arrive after this: the app's own icon is icon.svg.)
  const notOurs = (m) => /\/(qcity-test-first-visit|favicon\.ico)$/.test(m.location().url || '');
  page.on('console', (m) => { if (m.type() === 'error' && !notOurs(m)) log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('request', (r) => log.requests.push({ url: r.url(), time: Date.now(), method: r.method(), body: r.postData() }));
  await page.goto(url);
  await waitFrames(page, 1);
  await enableTestHooks(page);
  const context = new Proxy(entry.context, {
    get(target, prop) {
      if (prop === 'close') return () => release(entry);
      const v = Reflect.get(target, prop, target);
      if (typeof v !== 'function') return v;
      entry.dirty = true;  // anything else the test does with the context: not kept
      return v.bind(target);
    },
  });
  return { context, page, log };
}

const contextPools = new WeakMap();  // browser → options → [{ context, origins, refused, spare, busy, dirty, list }]
const browserSessions = new WeakMap();  // browser → its CDP session (a promise of it)

// What the origin has stored, as a page of it sees it (a page of the origin that is not the app:
// serve.mjs answers 404). Empty on a first visit.
async function storedAt(page, origin) {
  await page.goto(`${origin}/qcity-test-first-visit`);
  return page.evaluate(async () => {
    const left = [];
    if (localStorage.length) left.push(`localStorage ${Object.keys(localStorage).join(', ')}`);
    if (sessionStorage.length) left.push(`sessionStorage ${Object.keys(sessionStorage).join(', ')}`);
    if (document.cookie) left.push(`cookies ${document.cookie}`);
    const dbs = await indexedDB.databases();
    if (dbs.length) left.push(`IndexedDB ${dbs.map((d) => d.name).join(', ')}`);
    if (navigator.serviceWorker) {
      if (navigator.serviceWorker.controller) left.push('a service worker controls the page');
      const regs = await navigator.serviceWorker.getRegistrations();
      if (regs.length) left.push(`${regs.length} service worker registration(s)`);
    }
    if (window.caches) {
      const keys = await caches.keys();
      if (keys.length) left.push(`Cache Storage ${keys.join(', ')}`);
    }
    if (await navigator.storage.persisted()) left.push('persistent storage granted');
    const { usage } = await navigator.storage.estimate();
    if (usage) left.push(`${usage} bytes of quota used`);
    return left;
  });
}

// context.close() of openApp: the test's pages closed (each left first, so that what it saves on
// leaving is saved before the clearing), everything its origins stored cleared, and a blank page
// left for the next test; or, if the test used the context for anything else, really closed.
async function release(entry) {
  if (!entry.busy) return;
  const { context } = entry;
  if (entry.dirty) {
    entry.list.splice(entry.list.indexOf(entry), 1);
    await context.close();
    return;
  }
  for (const p of context.pages()) {
    await p.goto('about:blank').catch(() => {});
    await p.close();
  }
  const spare = await context.newPage();
  const cdp = await context.newCDPSession(spare);
  for (const o of entry.origins) await cdp.send('Storage.clearDataForOrigin', { origin: o, storageTypes: 'all' });
  await cdp.detach();
  entry.spare = spare;
  entry.busy = false;
}

// The app's item hooks (labels and rectangles of every widget) are off in the shipped app until a
// test turns them on: turns them on and waits until a frame has published its items. Called by
// openApp, and by items() whenever the page was (re)loaded since (page.reload(), page.goto()).
export async function enableTestHooks(page) {
  await items(page);
}

export async function frameCount(page) {
  return page.evaluate(() => (window.Module && (window.Module.qcity ? window.Module.qcity.frame : window.Module.qcityFrame)) || 0);
}

// Waits until at least n frames more than `after` were drawn.
export async function waitFrames(page, n = 1, after = null, timeout = 20000) {
  const base = after === null ? 0 : after;
  // (A build from before issue 13, measured by bench/web/run.mjs, counts in Module.qcityFrame.)
  await page.waitForFunction((target) => ((window.Module && (window.Module.qcity ? window.Module.qcity.frame : window.Module.qcityFrame)) || 0) >= target,
    base + n, { timeout });
}

// Waits until an async predicate, run in the page, is true. (Playwright's waitForFunction takes the
// Promise an async function returns for a true value: it would not wait at all.)
export async function waitForAsync(page, predicate, arg = null, { timeout = 30000, polling = 250 } = {}) {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(predicate, arg))) {
    if (Date.now() > deadline) throw new Error(`waitForAsync: not true within ${timeout} ms: ${predicate}`);
    await new Promise((r) => setTimeout(r, polling));
  }
}

// The files the service worker caches at install (scripts/offline.py's FILES, in dist/sw.js).
export function swFiles(dir = dist) {
  return JSON.parse(/var FILES = (\[[^\]]*\]);/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1]);
}

// Labelled widgets of the last drawn frame, in CSS pixels.
export async function items(page) {
  // The page hands over the hooks' JSON text, parsed here: an array of objects comes back through
  // Playwright's serializer value by value, 50–120 ms for a screen's ~150 items on the CI machine
  // (the text: 4 ms), and findItem, clickItem and the layout checks ask for it thousands of times.
  const { ratio, json } = await page.evaluate(async () => {
    // The hooks on; when this turned them on, two frames drawn (the items of a frame are published
    // when it ends; the second for a frame that had begun before the switch). (A build from before
    // issue 13 has no such switch: its hooks are always on.)
    const M = window.Module;
    if (M._qcity_test_enable && !M._qcity_test_enable()) {
      const frame = () => (M.qcity ? M.qcity.frame : M.qcityFrame) || 0;
      const target = frame() + 2, deadline = performance.now() + 20000;
      while (frame() < target && performance.now() < deadline) {
        M._qcity_request_redraw();
        await new Promise((r) => requestAnimationFrame(r));
      }
    }
    return { ratio: window.devicePixelRatio || 1, json: M.UTF8ToString(M._qcity_test_items()) };
  });
  // `clip`: what the item is drawn within — its window's or its table cell's clip rect (x, y, w, h).
  return JSON.parse(json).map((it) => ({ ...it, text: it.label.split('##')[0], x: it.x / ratio, y: it.y / ratio, w: it.w / ratio, h: it.h / ratio,
                                         clip: it.clip && { x: it.clip[0] / ratio, y: it.clip[1] / ratio, w: it.clip[2] / ratio, h: it.clip[3] / ratio } }));
}

// Finds a widget by its visible text ("创建评估"), or by its full ImGui label when `text` starts
// with "##" or contains "###" ("##fig_mfg_sampled_batches", "English###lang").
export async function findItem(page, text, { exact = true, timeout = 3000 } = {}) {
  const byLabel = text.startsWith('##') || text.includes('###');
  const match = (it) => (byLabel ? it.label === text || (it.label.endsWith(text) && text.startsWith('###'))
                                 : exact ? it.text === text : it.text.includes(text));
  // A widget that appears as the result of the last input may be one frame away: ask for frames
  // until it is there (or the time is up).
  const deadline = Date.now() + timeout;
  for (let tries = 0; ; ) {
    const all = await items(page);
    const hit = all.find(match);
    if (hit) return hit;
    if (Date.now() > deadline) {
      throw new Error(`no widget labelled "${text}" in the last frame (have: ${all.map((i) => i.text).slice(0, 40).join(' | ')})`);
    }
    await nextFrame(page, tries++ === 0 ? 0 : 200);
  }
}

// Waits for the next frame drawn: the one the app draws on its own (a file read, a glyph fetched,
// the next step of what an input set off), or one asked for once `lazyMs` went by without one.
// For polling: the first poll asks at once (what the last input did may be a frame away), the
// next ones let what is on the way (an import of several files, a 6 MB one) arrive without
// drawing frames to pass the time (each 15–35 ms of CPU in software rendering).
export async function nextFrame(page, lazyMs = 0, timeout = 20000) {
  await page.evaluate(async ({ lazyMs, timeout }) => {
    const M = window.Module;
    const frame = () => (M.qcity ? M.qcity.frame : M.qcityFrame) || 0;
    const from = frame(), start = performance.now();
    let asked = false;
    while (frame() === from) {
      const waited = performance.now() - start;
      if (!asked && waited >= lazyMs) {
        M._qcity_request_redraw();
        asked = true;
      }
      if (waited > timeout) throw new Error(`nextFrame: no frame drawn in ${timeout} ms`);
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, { lazyMs, timeout });
}

// A line the app reports for tests ("text###id", see test_text in src/app/test_hooks.cpp).
export async function textOf(page, id, opts) {
  return (await findItem(page, `###${id}`, opts)).text;
}

// Waits until a test line (textOf) matches: the app may need a frame or two after an input.
export async function textMatching(page, id, re, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last = '';
  for (let tries = 0; ; ) {
    try { last = await textOf(page, id, { timeout: 0 }); } catch { last = '(not drawn)'; }
    if (re.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`"${id}" never matched ${re}: ${last}`);
    await nextFrame(page, tries++ === 0 ? 0 : 200);
  }
}

// Clicks a widget by its label, like a person: mouse to its centre, press, release, then lets the
// app draw the result. The three go out at once: Dear ImGui queues input and takes it in order, a
// move and the press in one frame (the widget hovered and pressed there), the release in the next
// (ImGui's trickled input queue); the wait is for the frame that took the release, and one more.
// (Waiting for a frame after each of the three drew about 8 frames a click, each costing 15–35 ms
// of CPU in software rendering; this draws about 4.)
export async function clickItem(page, text, opts = {}) {
  const it = await findItem(page, text, opts);
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await page.mouse.down();
  await page.mouse.up();
  await page.evaluate(async (timeout) => {
    const M = window.Module;
    const frame = () => (M.qcity ? M.qcity.frame : M.qcityFrame) || 0;
    const deadline = performance.now() + timeout;
    const tick = () => {
      if (performance.now() > deadline) throw new Error(`clickItem: the click not taken in ${timeout} ms`);
      return new Promise((r) => requestAnimationFrame(r));
    };
    while (M._qcity_input_pending() > 0) await tick();
    // The release taken (in this frame or an earlier one): one frame more, asked for (the app may
    // have drawn its last already).
    const target = frame() + 1;
    M._qcity_request_redraw();
    while (frame() < target) await tick();
  }, 20000);
  return it;
}

// Pixel statistics of a PNG (decoded by the browser itself, in a blank page: one for the browser's
// life, kept at about:blank — a new one each time was a new context, about a second of CPU).
const statsPages = new WeakMap();  // browser → a promise of its blank page
export async function pngStats(browser, png) {
  if (!statsPages.has(browser)) statsPages.set(browser, browser.newPage());
  const page = await statsPages.get(browser);
  return await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const colors = new Set();
    const bg = [d[0], d[1], d[2]];
    let differing = 0;
    for (let i = 0; i < d.length; i += 4) {
      colors.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 30) differing++;
    }
    return { width: c.width, height: c.height, colors: colors.size, inkFraction: differing / (d.length / 4) };
  }, png.toString('base64'));
}

export function saveArtifact(name, data) {
  const file = path.join(artifacts, name);
  fs.writeFileSync(file, data);
  return file;
}

// Scrolls the canvas with the mouse wheel until the widget is fully inside the viewport. Widgets
// scrolled out of view are not reported by ImGui (clipped items skip their labels), so when the
// widget is not found the page is scrolled down step by step, then up, looking for it.
// A step of the wheel is about a third to a half of the scrolling area's height (Dear ImGui scrolls
// 5 lines a wheel notch of 100 px, capped at 2/3 of the area): fewer steps, fewer frames drawn (each
// step costs a few; this was the costliest helper of the browser tests), and never past a widget.
export async function scrollTo(page, text, { at = null } = {}) {
  const vp = page.viewportSize();
  const pos = at || { x: vp.width * 0.6, y: vp.height * 0.6 };
  const step = Math.round(Math.min(600, Math.max(120, (vp.height - 252) * 0.7)));
  let moved = false;
  const wheel = async (dy) => {
    const before = await frameCount(page);
    if (!moved) await page.mouse.move(pos.x, pos.y);  // once: each move is an input, and frames
    moved = true;
    await page.mouse.wheel(0, dy);
    await waitFrames(page, 2, before);
  };
  let direction = step;
  for (let i = 0; i < 80; i++) {
    let it = null;
    try { it = await findItem(page, text, { timeout: 0 }); } catch { it = null; }
    if (it) {
      // The scrolling areas start under the top bar, the tabs and the summary lines (up to about
      // 140 CSS px down): a widget above 160 may be hidden under them.
      const top = 160, bottom = vp.height - 12;
      if (it.y >= top && it.y + it.h <= bottom) return it;
      await wheel(it.y < top ? -160 : 160);
      continue;
    }
    if (i === 40) direction = -step;  // not below: look above
    await wheel(direction);
  }
  throw new Error(`could not scroll "${text}" into view`);
}

// Waits until ImGui has taken every queued key and character (it takes one per frame) and drawn
// the result.
export async function drained(page, timeout = 20000) {
  await page.waitForFunction(() => window.Module._qcity_input_pending() === 0, null, { timeout });
  const before = await frameCount(page);
  await page.evaluate(() => window.Module._qcity_request_redraw());
  await waitFrames(page, 1, before);
}

// Clicks a text field and types into it, as a person would (replacing what was there).
export async function typeInto(page, label, text) {
  await scrollTo(page, label);
  await clickItem(page, label);
  const before = await frameCount(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await waitFrames(page, 1, before);
  await drained(page);
}

// Waits until the app has drawn a few more frames (after keyboard input, an API call…).
// (In the page, one round trip for all n: three round trips a frame made a settled frame 79 ms at
// 1280×800 here, this 32 — the frame itself.)
export async function settle(page, n = 2, timeout = 20000) {
  await page.evaluate(async ({ n, timeout }) => {
    const frame = () => (window.Module && (window.Module.qcity ? window.Module.qcity.frame : window.Module.qcityFrame)) || 0;
    for (let i = 0; i < n; i++) {
      const target = frame() + 1, deadline = performance.now() + timeout;
      window.Module._qcity_request_redraw();
      while (frame() < target) {
        if (performance.now() > deadline) throw new Error(`settle: no frame drawn in ${timeout} ms`);
        await new Promise((r) => requestAnimationFrame(r));
      }
    }
  }, { n, timeout });
}

// Waits until the app has stopped drawing on its own: nothing queued for it (a wake, input) and an
// animation frame gone by with no frame drawn. After an input the app draws until a frame looks
// like the one before it (main_web.cpp, main_loop): what it shows then is what it settled on. Unlike
// settle(n), it draws no frame only to wait for it (each costs 15–35 ms of CPU in software
// rendering); use it after what wakes the app (input, an API call), not to wait on time or a fetch.
export async function quiet(page, timeout = 20000) {
  await page.evaluate(async (timeout) => {
    const M = window.Module;
    const frame = () => (M.qcity ? M.qcity.frame : M.qcityFrame) || 0;
    const tick = () => new Promise((r) => requestAnimationFrame(r));
    const deadline = performance.now() + timeout;
    for (;;) {
      const f = frame();
      // Two animation frames: the app's loop (also on animation frames) has run between them.
      await tick();
      await tick();
      if (frame() === f && !(M.qcity && M.qcity.wake) && !(M._qcity_input_pending && M._qcity_input_pending() > 0)) return;
      if (performance.now() > deadline) throw new Error(`quiet: still drawing after ${timeout} ms`);
    }
  }, timeout);
}

// The fonts have nothing on the way (src/platform/web/library_fonts.js): the rest of the UI font and
// the manifest (fetched right after the first frame) not on the way, and no CJK slice being fetched.
// A character typed or loaded asks for its slice at once; once this returns, a frame or two (settle)
// draws it.
export async function fontsIdle(page, timeout = 20000) {
  await page.waitForFunction(() => {
    const F = window.Module.qcity && window.Module.qcity.fonts;
    return !F || (F.manifestState !== 1 && F.restState !== 1 && !F.state.includes(1));
  }, null, { timeout });
}

// Files as other programs write them (tests/fixtures/other_programs.py: GBK, GB18030, UTF-16 and
// .xlsx by Python's codecs and openpyxl), made into a new temporary folder; `expected` is what they hold.
export function otherProgramsFiles() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-other-'));
  execFileSync(process.env.QCITY_PYTHON || '/usr/bin/python3', [path.join(repo, 'tests', 'fixtures', 'other_programs.py'), dir]);
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'));
  return { dir, file: (name) => path.join(dir, name), expected };
}

// A GBK CSV as Chinese Excel saves it, imported through the app's own file picker (answering
// "replace" if it asks), and read right: GB18030's table came from wherever this edition keeps it.
export async function importGbk(page) {
  const { file, expected } = otherProgramsFiles();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '导入文件')]);
  await chooser.setFiles(file('gbk.csv'));
  await page.waitForFunction((u) => {
    const s = window.qcity.state();
    return (s && s.unit === u && s.notes && s.notes.above_scale_enterprises) ||
      JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_items())).some((i) => i.label.split('##')[0] === '替换');
  }, expected.unit, { timeout: 20000 });
  if (!(await page.evaluate((u) => window.qcity.state().unit === u, expected.unit))) await clickItem(page, '替换');
  await settle(page, 2);
  const s = await page.evaluate(() => window.qcity.state());
  assert.equal(s.unit, expected.unit);
  assert.equal(s.notes.above_scale_enterprises, expected.note_gbk);
}
