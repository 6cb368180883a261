// Issue 13, the way to the first frame (web/index.html, web/qcity-shell.js, main_web.cpp):
// - the files main() needs (qcity.js, qcity.wasm, the first screen's part of the UI font) are asked
//   for by the page as it is read (<link rel=preload>), and each is downloaded once: the shell takes
//   the preloaded responses up, it does not ask again;
// - one WebGL2 context: the one the page makes (its WebGL2 check), which the app takes over, with the
//   attributes the app asks GLFW for; not a probe and then a second context;
// - the service worker is registered once the first frame is drawn, not before;
// - the first frame is drawn by main() itself, before the main loop's first animation frame;
// - the accessible mirror is built after the first paint, not in the first frame;
// - that context lost before the program took it over (a browser restarting its GPU process as it
//   starts) is waited for: given back, the program starts on it; never given back, the page says so;
//   lost while the program runs, given back, the program draws on it again.
// (Without WebGL2 the page says so and never starts the program: app.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, dist, findItem, clickItem, settle, pngStats } from './lib.mjs';

const env = useBrowser();
const BOOT_FILES = ['qcity.js', 'qcity.wasm', 'fonts/qcity-ui.otf'];

// A first visit, recorded: every request by path, the console, and what the init script saw.
async function firstVisit({ serviceWorkers = 'block', init } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'zh-CN', serviceWorkers });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const requests = [], consoleLines = [];
  page.on('request', (r) => { const u = new URL(r.url()); if (u.origin === new URL(env.url).origin) requests.push(u.pathname.slice(1)); });
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.goto(env.url);
  await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 60000 });
  return { context, page, requests, consoleLines };
}

test('the page asks for what main() needs as it is read, and each of those files comes once', async () => {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const preloads = [...html.matchAll(/<link rel="preload" href="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(preloads.sort(), [...BOOT_FILES].sort());
  const { context, page, requests, consoleLines } = await firstVisit();
  try {
    for (const file of BOOT_FILES) assert.equal(requests.filter((r) => r === file).length, 1, `${file} is downloaded once: ${requests.join(', ')}`);
    // Each came by its preload (initiator "link"), which the page then took up: asked for again it
    // would have come twice (above).
    assert.deepEqual(consoleLines.filter((l) => /preload/i.test(l)), []);
    const initiators = await page.evaluate((files) => files.map((f) => performance.getEntriesByType('resource')
      .filter((e) => e.name.endsWith('/' + f)).map((e) => e.initiatorType)), BOOT_FILES);
    assert.deepEqual(initiators, BOOT_FILES.map(() => ['link']));
  } finally {
    await context.close();
  }
});

test('one WebGL2 context: the page\'s, taken over by the app, opaque, with no depth, stencil or multisampling', async () => {
  const { context, page } = await firstVisit({
    init: () => {
      const made = window.__contexts = [];
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        const ctx = orig.call(this, type, ...rest);
        if (/webgl/.test(type) && ctx && !made.some((m) => m.ctx === ctx)) made.push({ ctx, canvas: this });
        return ctx;
      };
    },
  });
  try {
    const seen = await page.evaluate(() => window.__contexts.map(({ ctx, canvas }) => ({
      onCanvas: canvas === document.getElementById('canvas'),
      webgl2: ctx instanceof WebGL2RenderingContext,
      attributes: (({ alpha, depth, stencil, antialias }) => ({ alpha, depth, stencil, antialias }))(ctx.getContextAttributes()),
      theApps: ctx === window.Module.ctx,
      // What the app asked GLFW for (main_web.cpp's hints), as Emscripten recorded it.
      asked: (({ alpha, depth, stencil, antialias }) => ({ alpha, depth, stencil, antialias }))(window.GL.currentContext.attributes),
    })));
    const opaqueBare = { alpha: false, depth: false, stencil: false, antialias: false };
    assert.deepEqual(seen, [{ onCanvas: true, webgl2: true, attributes: opaqueBare, theApps: true, asked: opaqueBare }]);
  } finally {
    await context.close();
  }
});

test('the service worker is registered once the first frame is drawn, and the first frame is main()\'s own', async () => {
  const { context, page } = await firstVisit({
    serviceWorkers: 'allow',
    init: () => {
      window.__registered = [];
      window.__rafBeforeFirstFrame = 0;
      const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
      navigator.serviceWorker.register = (...args) => { window.__registered.push(performance.now()); return register(...args); };
      // The main loop's animation frames (Emscripten's Browser.requestAnimationFrame calls
      // window.requestAnimationFrame): none has run by the time the first frame is drawn.
      const raf = window.requestAnimationFrame.bind(window);
      window.requestAnimationFrame = (cb) => raf((t) => { if (!window.qcityFirstFrameMs) window.__rafBeforeFirstFrame++; cb(t); });
    },
  });
  try {
    const { registered, first, rafs } = await page.evaluate(() => ({ registered: window.__registered, first: window.qcityFirstFrameMs, rafs: window.__rafBeforeFirstFrame }));
    assert.equal(registered.length, 1);
    assert.ok(registered[0] >= first, `registered at ${registered[0]} ms, the first frame at ${first} ms`);
    assert.equal(rafs, 0);
    // And it still takes the page over (offline.test.mjs plays the offline visits).
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  } finally {
    await context.close();
  }
});

test('the accessible mirror is built once the first frame is on screen, not in it, and with no input', async () => {
  const { context, page } = await firstVisit({
    init: () => {
      // The mirror's controls as the first frame is marked drawn (web/qcity-shell.js, onFirstFrame).
      const mark = performance.mark.bind(performance);
      performance.mark = (name, ...rest) => {
        if (name === 'qcity-first-frame') window.__mirrorAtFirstFrame = document.querySelectorAll('#qcity-a11y button, #qcity-a11y input').length;
        return mark(name, ...rest);
      };
    },
  });
  try {
    assert.equal(await page.evaluate(() => window.__mirrorAtFirstFrame), 0, 'the first frame built no mirror');
    // Then, untouched, the whole start screen is there for a screen reader and the keyboard.
    await page.waitForFunction(() => [...document.querySelectorAll('#qcity-a11y button')].some((b) => b.textContent === '创建评估'), null, { timeout: 10000 });
    const at = await page.evaluate(() => performance.now() - window.qcityFirstFrameMs);
    assert.ok(at < 5000, `the mirror came ${at.toFixed(0)} ms after the first frame`);
  } finally {
    await context.close();
  }
});

// The page's context lost as soon as it is made (a browser restarting its GPU process as it starts):
// restored, the program starts on it; never restored, the page says so.
for (const restored of [true, false]) {
  test(`a context lost before the program took it over: ${restored ? 'given back, the program starts on it' : 'never given back, the page says so'}`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'zh-CN', serviceWorkers: 'block' });
    await context.addInitScript((restore) => {
      const orig = HTMLCanvasElement.prototype.getContext;
      let done = false;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        const ctx = orig.call(this, type, ...rest);
        if (type === 'webgl2' && ctx && !done) {
          done = true;
          const ext = ctx.getExtension('WEBGL_lose_context');
          ext.loseContext();
          if (restore) setTimeout(() => ext.restoreContext(), 1500);  // (well after main() would have started)
        }
        return ctx;
      };
    }, restored);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(env.url);
      if (restored) {
        await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 30000 });
        assert.equal(await page.locator('#fatal').isVisible(), false);
        // The program draws with it: the start screen is there, and a click on it works.
        await findItem(page, '创建评估');
        await clickItem(page, '创建评估');
        await findItem(page, '##fig_mfg_qualified_batches');
        assert.equal(await page.evaluate(() => window.Module.ctx.isContextLost()), false);
        // And it is seen: the entry screen drawn on the canvas (not a blank one).
        await settle(page, 2);
        const png = await page.locator('#canvas').screenshot();
        assert.ok((await pngStats(env.browser, png)).colors > 50, 'the canvas shows the entry screen');
      } else {
        await page.locator('#fatal').waitFor({ state: 'visible', timeout: 20000 });
        assert.match(await page.locator('#fatal').innerText(), /图形上下文丢失[^]*graphics context was lost/);
        assert.deepEqual(await page.evaluate(() => [!!window.Module.calledRun, window.qcityFirstFrameMs]), [false, undefined]);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

// The context lost while the program runs (a GPU process restarted, a driver reset): given back, the
// program draws again on it, all of it (its glyphs uploaded anew), and what was typed meanwhile is
// there; never given back, the page says so after 5 s.
for (const restored of [true, false]) {
  test(`a context lost while the program runs: ${restored ? 'given back, the program draws on it again' : 'never given back, the page says so'}`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(env.url);
      await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 30000 });
      await clickItem(page, '创建评估');
      await findItem(page, '##fig_mfg_qualified_batches');
      await settle(page, 2);
      const before = await pngStats(env.browser, await page.locator('#canvas').screenshot());
      await page.evaluate(() => { window.__lose = window.Module.ctx.getExtension('WEBGL_lose_context'); window.__lose.loseContext(); });
      await page.waitForFunction(() => window.Module.ctx.isContextLost());
      // Typed while it is lost: kept (the program runs on; only its drawing waits).
      await page.evaluate(() => window.qcity.setFigure('mfg_qualified_batches', 97));
      if (restored) {
        await new Promise((r) => setTimeout(r, 1000));
        await page.evaluate(() => window.__lose.restoreContext());
        await page.waitForFunction(() => !window.Module.ctx.isContextLost());
        await settle(page, 3);
        assert.equal(await page.locator('#fatal').isVisible(), false);
        const after = await pngStats(env.browser, await page.locator('#canvas').screenshot());
        assert.ok(after.colors > 50 && after.colors >= before.colors * 0.5, `the entry screen is drawn again (${after.colors} colours, ${before.colors} before the loss)`);
        assert.equal((await page.evaluate(() => window.qcity.state())).figures.mfg_qualified_batches, 97);
        // And it goes on: a click acts, and its screen is drawn.
        await clickItem(page, '结果');
        await settle(page, 2);
        assert.ok((await pngStats(env.browser, await page.locator('#canvas').screenshot())).colors > 50);
        await new Promise((r) => setTimeout(r, 5000));  // past the 5 s a context that never came back is given
        assert.equal(await page.locator('#fatal').isVisible(), false, 'no message once it is back');
      } else {
        await page.locator('#fatal').waitFor({ state: 'visible', timeout: 20000 });
        assert.match(await page.locator('#fatal').innerText(), /图形上下文丢失[^]*graphics context was lost/);
        assert.equal((await page.evaluate(() => window.qcity.state())).figures.mfg_qualified_batches, 97, 'the work is kept');
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

// The loading screen: not painted on a load that is up within 0.4 s (painted at once, it held the
// first frame back ~20 ms); shown, in both languages, on one that is not (here qcity.wasm held back
// 2 s), and gone with the first frame.
test('the loading screen shows only on a slow load, and goes with the first frame', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'zh-CN', serviceWorkers: 'block' });
  await context.route('**/qcity.wasm', async (route) => {
    const response = await route.fetch();
    await new Promise((r) => setTimeout(r, 2000));
    await route.fulfill({ response });
  });
  const page = await context.newPage();
  try {
    await page.goto(env.url);
    assert.equal(await page.locator('#loading').isVisible(), false, 'not at once');
    await page.locator('#loading').waitFor({ state: 'visible', timeout: 1500 });
    const text = await page.locator('#loading').innerText();
    assert.match(text, /正在加载[^]*Loading/);
    await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 60000 });
    assert.equal(await page.locator('#loading').isVisible(), false, 'gone with the first frame');
  } finally {
    await context.close();
  }
});

// A file main() needs that cannot be had (asked for by the page's preload, then by the shell): the
// page says which, in both languages, and the program does not start.
for (const [file, said] of [['qcity.wasm', /无法加载 qcity\.wasm[^]*Could not load qcity\.wasm[^]*404/], ['qcity.js', /无法加载 qcity\.js[^]*Could not load qcity\.js/]]) {
  test(`${file} that cannot be had: the page says so, and the program does not start`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1000, height: 700 }, locale: 'zh-CN', serviceWorkers: 'block' });
    await context.route(`**/${file}`, (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
    const page = await context.newPage();
    try {
      await page.goto(env.url);
      await page.locator('#fatal').waitFor({ state: 'visible', timeout: 20000 });
      assert.match(await page.locator('#fatal').innerText(), said);
      assert.equal(await page.evaluate(() => window.qcityFirstFrameMs), undefined);
    } finally {
      await context.close();
    }
  });
}
