// Issue 13, the wasm in two: the functions a profile of a first minute never ran
// (src/platform/web/deferred-functions.txt) are in qcity.deferred.wasm, fetched and compiled ahead
// at the first sign of a person and instantiated the first time one of its functions is called
// (web/qcity-shell.js); the rest is qcity.wasm. Here: a first visit's first frame does not need the
// deferred half, nor does a first minute of hovering, clicking, Tab, the language and large text
// switched, an assessment created and figures typed (if one does, the list is out of date: see the
// message); it is not fetched while the page is idle; its code runs, from the module compiled ahead
// or, needed at once, by a synchronous request; a returning visit loads it before its first frame;
// without the network it cannot be had, and the page says so; a browser that refuses to compile a
// module on the spot (older Chromium) waits for it before the first frame and works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, dist, waitFrames, enableTestHooks, settle } from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const split = fs.existsSync(path.join(dist, 'qcity.deferred.wasm'));
const skip = !split && 'this build is not split (no wasm-split)';
const STALE = 'src/platform/web/deferred-functions.txt moves code a first minute runs: regenerate it after a web build ' +
  '(source build/env.sh; ~15 min): bench/web/split-profile.sh --names --write-deferred src/platform/web/deferred-functions.txt';

// A first visit (no service worker: its fetch ahead would hide what the page asks for), no test
// hooks (they are test-only code: in the deferred half).
async function open(context) {
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('request', (r) => log.requests.push(r.url()));
  await page.goto(env.url);
  await waitFrames(page, 2);
  return { page, log };
}
const newContext = (opts = {}) => env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block', ...opts });
const deferredRequests = (log) => log.requests.filter((u) => u.endsWith('/qcity.deferred.wasm')).length;
const loadedAt = (page) => page.evaluate(() => window.Module.qcity.deferredLoaded || 0);
// No frame drawn for 300 ms (asked of the page's JS: a call into the wasm, such as the loop's own
// _qcity_loop_paused, may be deferred code no profile ran).
const quiet = (page) => page.evaluate(async () => {
  const frame = () => window.Module.qcity.frame || 0;
  const deadline = performance.now() + 20000;
  for (let last = frame(), since = performance.now(); performance.now() - since < 300;) {
    if (performance.now() > deadline) throw new Error('quiet: the page never stopped drawing');
    await new Promise((r) => setTimeout(r, 50));
    if (frame() !== last) { last = frame(); since = performance.now(); }
  }
});
const fetchedAhead = (page) => page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/qcity.deferred.wasm') && e.responseEnd > 0));

// The widgets of the screen as the accessible mirror places them over the canvas (it is the
// shipped page's own code, unlike the test hooks): the centre of each, with its name.
async function widgets(page) {
  return page.$$eval('#qcity-a11y .qa', (els) => els.map((el) => {
    const r = el.getBoundingClientRect();
    return { name: el.getAttribute('aria-label') || el.textContent || el.value || '', x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height };
  }).filter((w) => w.w > 1 && w.h > 1));
}
async function click(page, x, y) {
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
  await quiet(page);
}
async function clickNamed(page, re) {
  const w = (await widgets(page)).find((it) => re.test(it.name));
  assert.ok(w, `a widget named ${re} on the screen`);
  await click(page, w.x, w.y);
}
async function hoverAll(page) {
  for (const w of await widgets(page)) await page.mouse.move(w.x, w.y);
  await quiet(page);
}

test('a first visit: the first frame runs from qcity.wasm alone; the deferred half is not fetched while idle, is fetched and compiled at the first input, and its code then runs', { skip }, async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context);
    await quiet(page);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await loadedAt(page), 0, STALE);
    assert.equal(deferredRequests(log), 0, 'not fetched while the page is idle');
    // The pointer moving over the page fetches it ahead and compiles it; nothing needed it yet.
    await page.mouse.move(1270, 790);
    await fetchedAhead(page);
    assert.equal(deferredRequests(log), 1);
    await quiet(page);
    assert.equal(await loadedAt(page), 0, 'fetched ahead, not needed yet');
    // Deferred code (the test hooks) now: instantiated from the module compiled ahead, no second request.
    await enableTestHooks(page);
    assert.ok(await loadedAt(page) > 0);
    assert.equal(await page.evaluate(() => window.Module.qcity.deferredAhead), true, 'instantiated from the module compiled ahead');
    assert.equal(deferredRequests(log), 1);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('needed at once on a first visit, the deferred half comes by a synchronous request; a returning visit (work saved) loads both halves before its first frame', { skip }, async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context);
    await quiet(page);
    // Deferred code before any input: a synchronous request, and it works.
    await enableTestHooks(page);
    assert.equal(await page.evaluate(() => window.Module.qcity.deferredAhead), false);
    assert.equal(deferredRequests(log), 1);
    await page.evaluate((doc) => { window.qcity.open('county', '东台市', 2023); window.qcity.load(doc); }, fixture);
    await settle(page, 2);
    await page.evaluate(() => window.Module._qcity_autosave());

    // The returning visit opens on what it left (any screen, any data: paths no first-visit profile
    // took): the deferred half is fetched and compiled before its first frame.
    log.requests.length = 0;
    await page.reload();
    await waitFrames(page, 2);
    await quiet(page);
    assert.equal(deferredRequests(log), 1);
    const before = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/qcity.deferred.wasm')).every((e) => e.responseEnd > 0 && e.responseEnd < window.qcityFirstFrameMs));
    assert.ok(before, 'fetched before the first frame');
    assert.equal(await page.evaluate(() => window.qcity.state().unit), '东台市');
    await enableTestHooks(page);
    assert.equal(await page.evaluate(() => window.Module.qcity.deferredAhead), true);
    assert.equal(deferredRequests(log), 1);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a first visit whose first sign of a person is a file dragged onto the page fetches the deferred half ahead', { skip }, async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context);
    await quiet(page);
    assert.equal(deferredRequests(log), 0, 'not fetched while the page is idle');
    // A drag from the file manager: no pointer event reaches the page before the drop, only drag events.
    await page.evaluate(() => {
      const files = new DataTransfer();
      files.items.add(new File(['{}'], 'a.json', { type: 'application/json' }));
      document.getElementById('canvas').dispatchEvent(new DragEvent('dragenter', { bubbles: true, dataTransfer: files }));
    });
    await fetchedAhead(page);
    assert.equal(deferredRequests(log), 1);
    assert.equal(await loadedAt(page), 0, 'fetched ahead, not needed yet');
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a first minute (every widget hovered, a press on nothing, the wheel, keys, Tab, a resize, the language and large text switched, an assessment created, figures typed) runs from qcity.wasm alone', { skip }, async () => {
  const context = await newContext();
  try {
    // The fetch ahead held back (answered only at the end): what the minute runs must not need it.
    // (The synchronous request of a function needed at once is let through: it is what fails below.)
    let release;
    const held = new Promise((r) => { release = r; });
    await context.route('**/qcity.deferred.wasm', async (route) => {
      if (route.request().resourceType() === 'fetch') await held;
      await route.continue();
    });
    const { page, log } = await open(context);
    await quiet(page);
    const stale = async (what) => assert.equal(await loadedAt(page), 0, `${what}: ${STALE}`);
    await hoverAll(page);
    await stale('the start screen hovered');
    await click(page, 1270, 790);
    await page.mouse.wheel(0, 400);
    await page.mouse.wheel(0, -400);
    await page.keyboard.type('q1五');  // typed with no field being edited
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Escape');
    await quiet(page);
    await stale('a press on nothing, the wheel, Tab, Escape');
    await page.setViewportSize({ width: 900, height: 700 });
    await quiet(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await quiet(page);
    await stale('the window resized');
    await clickNamed(page, /^English/);
    await hoverAll(page);
    await clickNamed(page, /^中文/);
    await clickNamed(page, /大字|Large/);
    await clickNamed(page, /大字|Large/);
    await stale('the language and large text switched and back');
    await clickNamed(page, /^创建评估/);
    await hoverAll(page);
    const field = (await page.$$eval('#qcity-a11y input.qa[type=text]', (els) => els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width }; })))
      .find((f) => f.w > 1);
    assert.ok(field, 'a figure field on the entry screen');
    await click(page, field.x, field.y);
    await page.keyboard.type('11五0');  // not a number: the field says so
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1150.5');  // a decimal (where a count is asked)
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1150');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1200');
    await page.keyboard.press('Enter');
    await quiet(page);
    await page.mouse.wheel(0, 1500);
    await page.mouse.wheel(0, -3000);
    await quiet(page);
    await stale('an assessment created and figures typed');
    release();
    assert.equal(deferredRequests(log), 1, 'fetched ahead once');
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('without the network the deferred half cannot be had: the page says so, in both languages', { skip }, async () => {
  const context = await newContext();
  try {
    await context.route('**/qcity.deferred.wasm', (route) => route.abort('internetdisconnected'));
    const { page } = await open(context);
    await quiet(page);
    // The test hooks are deferred code (as are the report, the imports, the roll-up…): it cannot be loaded.
    await page.evaluate(() => { try { window.Module._qcity_test_enable(); window.Module._qcity_request_redraw(); } catch (e) { /* the call fails */ } });
    await page.waitForSelector('#fatal:not([hidden])');
    const text = await page.locator('#fatal-text').innerText();
    assert.match(text, /无法加载程序的其余部分/);
    assert.match(text, /Could not load the rest of the program/);
  } finally {
    await context.close();
  }
});

// Older Chromium, and the browsers built on it (360, QQ, older Edge, Android WebViews), refuse
// `new WebAssembly.Module` of more than 4 KB on the main thread; here an init script plays it.
const olderChromium = () => {
  const Module = WebAssembly.Module;
  WebAssembly.Module = function (bytes) {
    if ((bytes.byteLength || bytes.length) > 4096) {
      throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB. Use WebAssembly.compile, or compile on a worker thread.');
    }
    return new Module(bytes);
  };
  WebAssembly.Module.prototype = Module.prototype;
};

test('a browser that cannot compile on the spot (older Chromium) fetches both halves before the first frame and runs the deferred code', { skip }, async () => {
  const context = await newContext();
  try {
    await context.addInitScript(olderChromium);
    const { page, log } = await open(context);
    assert.equal(deferredRequests(log), 1, 'fetched before the first frame');
    await quiet(page);
    await enableTestHooks(page);
    assert.equal(await page.evaluate(() => window.Module.qcity.deferredAhead), true);
    await page.evaluate((doc) => { window.qcity.open('county', '东台市', 2023); window.qcity.load(doc); }, fixture);
    await settle(page, 2);
    assert.equal(await page.evaluate(() => window.qcity.state().unit), '东台市');
    assert.deepEqual(log.errors, []);
    assert.equal(await page.locator('#fatal:not([hidden])').count(), 0);
  } finally {
    await context.close();
  }
});
