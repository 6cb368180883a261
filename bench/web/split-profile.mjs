// Drives a build linked with -sSPLIT_MODULE=1 (its qcity.wasm instrumented by `wasm-split
// --instrument`) through a scenario in headless Chromium and saves the profile wasm-split reads:
// which functions ran, and in which order. Called by bench/web/split-profile.sh.
//   xvfb-run -a node bench/web/split-profile.mjs --dist DIR --scenario A|B --out FILE [--locale en-US]
// A: the page loaded until its first frame, then one more frame (asked for), nothing touched
//    (--locale: the browser's language, zh-CN unless given. The app starts in Chinese whatever it is:
//    an English first frame comes only with ?lang=en or a returning visit left in English, and both
//    load both halves of the wasm first, web/qcity-shell.js.)
// B: A, then the first minute of a visit (scenarioB below: the start screen hovered, a name typed,
//    clicked, wheeled, typed at, tabbed, resized, the language and large text switched and back; a
//    county assessment created, a wrong figure and a decimal corrected, four figures typed, the
//    results screen opened, hovered and wheeled); the fonts idle and a frame drawn after that.
//    `--out-return FILE`: then also C, the returning visit: B's workspace saved, the page reloaded
//    (it opens on B's results screen), its first frame and one more.
// `--check --actions FILE` instead of --scenario: open DIR (a split pair), replay B's recorded input
// (FILE, written by scenario B beside its profile) and reload (C), failing on any page error; says
// at which step the deferred module was loaded (the placeholder's message on the console) and what
// loading it took (the loader split-profile.sh puts in the page says).
//
// Only what the shipped page runs is in the profile: the test hooks (qcity_test_enable: labels for
// every widget, the item list as JSON) and the page API (state(), results()) are never called in the
// profiled page. B is first done in a page with the hooks on, to find the widgets; the mouse and
// keyboard input of that run is recorded and replayed in a fresh page with the hooks off, which is
// profiled. Both start from an empty workspace and the same viewport, so the same input lands on the
// same widgets; the replayed page's state is checked against the first one's after the profile is
// written.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const lib = await import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);
const { startServer } = await import(pathToFileURL(path.join(repo, 'scripts', 'serve.mjs')).href);

const arg = (name, dflt = null) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dist = arg('--dist');
const scenario = arg('--scenario');
const out = arg('--out');
const outReturn = arg('--out-return');
const check = process.argv.includes('--check');
const locale = arg('--locale', 'zh-CN');  // (the browser's language; the app starts in Chinese all the same)
if (!dist || (!check && (!scenario || !out))) {
  console.error('usage: node bench/web/split-profile.mjs --dist DIR (--scenario A|B --out FILE [--out-return FILE] | --check --actions FILE)');
  process.exit(2);
}

const frame = (page) => page.evaluate(() => (window.Module && window.Module.qcity && window.Module.qcity.frame) || 0);

// Waits until a frame after `after` was drawn, then until no frame came for `quietMs` (the app draws
// only when something changed: quiet means the input was taken and drawn).
async function quiet(page, after, { quietMs = 250, timeout = 30000 } = {}) {
  await page.waitForFunction((a) => (window.Module.qcity.frame || 0) > a, after, { timeout });
  let last = await frame(page), since = Date.now();
  const deadline = Date.now() + timeout;
  while (Date.now() - since < quietMs) {
    if (Date.now() > deadline) throw new Error('the page never stopped drawing');
    await page.waitForTimeout(50);
    const now = await frame(page);
    if (now !== last) { last = now; since = Date.now(); }
  }
}

// The fonts have nothing on the way (lib.fontsIdle, without its timeout error on pages that have
// no font state).
const fontsIdle = (page) => lib.fontsIdle(page, 30000);

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale, serviceWorkers: 'block' });
  await context.addInitScript(() => { Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true, writable: true }); });
  const page = await context.newPage();
  const log = { errors: [], console: [] };
  page.on('console', (m) => { log.console.push(m.text()); if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  return { context, page, log };
}

// Calls the instrumented module's profile export into a buffer of the module's own memory and
// returns the bytes (8 bytes of the module's hash, then 4 per defined function: when it first ran).
async function writeProfile(page) {
  const bytes = await page.evaluate(() => {
    const asm = window.Module.asm;
    if (typeof asm.__write_profile !== 'function') throw new Error('no __write_profile export: not an instrumented build');
    const memory = Object.values(asm).find((v) => v instanceof WebAssembly.Memory);
    const cap = 1 << 20;
    const ptr = window.Module._malloc(cap);  // malloc has run long before: the profile is unchanged by it
    const n = asm.__write_profile(ptr, cap);
    const copy = Array.from(new Uint8Array(memory.buffer, ptr, n));
    window.Module._free(ptr);
    return copy;
  });
  if (!bytes.length) throw new Error('__write_profile wrote nothing (buffer too small?)');
  return Buffer.from(bytes);
}

async function firstFrameAndOneMore(page) {
  await page.waitForFunction(() => (window.Module && window.Module.qcity && window.Module.qcity.frame) >= 1, null, { timeout: 60000 });
  const f = await frame(page);
  // One more frame: the app draws only when asked (input, a font arriving); ask through the page's
  // own wake-up (requestAnimationFrame path), as the fonts' arrival does.
  await page.evaluate(() => window.Module._qcity_wake());
  await page.waitForFunction((a) => window.Module.qcity.frame > a, f, { timeout: 30000 });
}

// Records page.mouse and page.keyboard calls, with a "quiet" wait after each, for the replay.
function recorder(page, actions) {
  const wrap = (obj, kind, names) => {
    for (const name of names) {
      const orig = obj[name].bind(obj);
      obj[name] = async (...args) => {
        actions.push({ kind, name, args });
        return orig(...args);
      };
    }
  };
  wrap(page.mouse, 'mouse', ['move', 'down', 'up', 'wheel']);
  wrap(page.keyboard, 'keyboard', ['press', 'type']);
}

// Scenario B through the real UI: the first minute of a first visit. First what any person does in
// the first seconds, whatever they came for (the page fetches the deferred half at the first input,
// so these must not need it): the pointer over every widget of the start screen, a tooltip, a press
// on nothing, the wheel, keys typed with no field being edited, Tab and Shift+Tab, Escape, the window
// resized, the language switched and back, large text on and off; a name typed on the enterprise
// form. Then a county assessment created, a figure typed wrong (a letter, then a decimal) and
// corrected, four figures typed (Tab between two of them, Enter after the last), the entry screen
// wheeled, the results screen opened, hovered and wheeled (as tests/browser/app.test.mjs's first
// test does).
async function scenarioB(page, actions) {
  const vp = page.viewportSize();
  const wait = async (ms) => { actions.push({ kind: 'wait', args: [ms] }); await page.waitForTimeout(ms); };
  const resize = async (size) => { actions.push({ kind: 'viewport', args: [size] }); await page.setViewportSize(size); await lib.settle(page, 2); };
  const hoverAll = async () => {
    const all = (await lib.items(page)).filter((it) => it.w > 0 && !it.window.startsWith('Debug##'));
    for (const it of all.slice(0, 60)) await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
    return all;
  };
  const all = await hoverAll();
  // A name typed on the enterprise form, Latin and Chinese (its own line breaking), then back to the county form.
  await lib.clickItem(page, '企业自评');
  await lib.clickItem(page, '企业名称###new_name');
  await page.keyboard.type('ACME 盐城 Quality Co., Ltd.');
  await lib.drained(page);
  await lib.clickItem(page, '县级评估');
  await lib.settle(page, 2);
  const button = all.find((it) => it.text === '创建评估');
  await page.mouse.move(button.x + button.w / 2, button.y + button.h / 2);
  await wait(1200);  // a tooltip's delay
  await page.mouse.move(vp.width - 8, vp.height - 8);
  await page.mouse.down();
  await page.mouse.up();
  await page.mouse.wheel(0, 400);
  await page.mouse.wheel(0, -400);
  await page.keyboard.type('q1五');  // typed with no field being edited
  for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Escape');
  await resize({ width: 900, height: 700 });
  await resize({ width: vp.width, height: vp.height });
  await lib.clickItem(page, '###lang');
  await lib.settle(page, 2);
  await hoverAll();
  await lib.clickItem(page, '###lang');
  await lib.settle(page, 2);
  await lib.clickItem(page, '###large_text');
  await lib.settle(page, 2);
  await lib.clickItem(page, '###large_text');
  await lib.settle(page, 2);

  await lib.clickItem(page, '创建评估');
  await lib.findItem(page, '##fig_mfg_qualified_batches', { timeout: 10000 });
  await hoverAll();
  await lib.typeInto(page, '##fig_mfg_qualified_batches', '11五0');  // not a number: the field says so
  await lib.typeInto(page, '##fig_mfg_qualified_batches', '1150.5');  // a decimal (where a count is asked)
  await lib.typeInto(page, '##fig_mfg_qualified_batches', '1150');
  let before = await lib.frameCount(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('1200');
  await lib.waitFrames(page, 1, before);
  await lib.drained(page);
  await lib.typeInto(page, '##fig_above_scale_with_cqo', '94');
  before = await lib.frameCount(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('140');
  await page.keyboard.press('Enter');
  await lib.waitFrames(page, 1, before);
  await lib.drained(page);
  await page.mouse.move(vp.width / 2, vp.height * 0.7);
  await page.mouse.wheel(0, 1500);
  await page.mouse.wheel(0, -3000);
  await lib.settle(page, 2);
  await lib.clickItem(page, '结果');
  await lib.findItem(page, '未达标', { exact: false, timeout: 10000 });
  await hoverAll();
  await page.mouse.move(vp.width / 2, vp.height * 0.7);
  await page.mouse.wheel(0, 1500);
  await page.mouse.wheel(0, -3000);
  await lib.settle(page, 2);
}

async function replay(page, actions) {
  for (const a of actions) {
    if (a.kind === 'wait') { await page.waitForTimeout(a.args[0]); continue; }
    const before = await frame(page);
    if (a.kind === 'viewport') await page.setViewportSize(a.args[0]);
    else await page[a.kind][a.name](...a.args);
    // A move, press or key always draws a frame (ImGui's input queue); give it time, then quiet.
    await quiet(page, before).catch(() => {});
  }
}

const summary = (page) => page.evaluate(() => {
  const s = window.qcity.state(), r = window.qcity.results();
  return JSON.stringify({ unit: s && s.unit, figures: s && s.figures, summary: r && r.summary });
});

const { server, url } = await startServer({ dir: dist });
const browser = await lib.launch();
try {
  if (check) {
    // B's recorded input replayed (no test hooks: the shipped page's code only), then the page
    // reloaded (C): where the deferred module is loaded, if at all.
    const actions = JSON.parse(fs.readFileSync(arg('--actions'), 'utf8'));
    const { context, page, log } = await newPage(browser);
    let phase = 'load';
    page.on('console', (m) => {
      if (/placeholder function called|qcity split:/.test(m.text())) console.log(`  [${phase}] ${m.text()}`);
    });
    await page.goto(url);
    await firstFrameAndOneMore(page);
    phase = 'after the first frame';
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      phase = `B input ${i + 1}/${actions.length}: ${a.kind}.${a.name}(${JSON.stringify(a.args).slice(1, -1)})`;
      await replay(page, [a]);
    }
    phase = 'B: results screen, the fonts arriving';
    await fontsIdle(page);
    await page.waitForTimeout(500);
    phase = 'the page API (qcity.state(), qcity.results(): not in any profile)';
    const got = JSON.parse(await summary(page));
    await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 10000 });
    phase = 'C: reload';
    await page.reload();
    await firstFrameAndOneMore(page);
    phase = 'C: after its first frame';
    await page.waitForTimeout(500);
    const loads = log.console.filter((t) => /qcity split:/.test(t)).length;
    console.log(JSON.stringify({ figures: Object.fromEntries(Object.entries(got.figures).filter(([, v]) => v !== null)), summary: got.summary, deferredLoads: loads, errors: log.errors }));
    await context.close();
    if (log.errors.length) process.exitCode = 1;
  } else if (scenario === 'A') {
    const { context, page, log } = await newPage(browser);
    await page.goto(url);
    await firstFrameAndOneMore(page);
    fs.writeFileSync(out, await writeProfile(page));
    console.log(`A: profile after frame ${await frame(page)} → ${out}; page errors: ${log.errors.length}`);
    await context.close();
  } else if (scenario === 'B') {
    // 1. With the hooks, recording the input.
    const rec = await newPage(browser);
    const actions = [];
    await rec.page.goto(url);
    await firstFrameAndOneMore(rec.page);
    await lib.enableTestHooks(rec.page);
    recorder(rec.page, actions);
    await scenarioB(rec.page, actions);
    const expected = await summary(rec.page);
    await rec.context.close();
    fs.writeFileSync(out + '.actions.json', JSON.stringify(actions));
    // 2. Replayed without the hooks, profiled.
    const { context, page, log } = await newPage(browser);
    await page.goto(url);
    await firstFrameAndOneMore(page);
    await replay(page, actions);
    await fontsIdle(page);
    const f = await frame(page);
    await page.evaluate(() => window.Module._qcity_wake());
    await page.waitForFunction((a) => window.Module.qcity.frame > a, f, { timeout: 30000 });
    fs.writeFileSync(out, await writeProfile(page));
    await page.screenshot({ path: out + '.png' });
    const got = await summary(page);  // the page API only now, after the profile
    console.log(`B: ${actions.length} input actions replayed, profile after frame ${await frame(page)} → ${out}; page errors: ${log.errors.length}`);
    if (got !== expected) {
      console.error(`B: the replayed page differs from the recorded one:\n  recorded ${expected}\n  replayed ${got}`);
      process.exitCode = 1;
    } else {
      console.log(`B: same state as the recorded page: ${got}`);
    }
    if (outReturn) {
      // C: the returning visit. The workspace is saved 300 ms after an edit (saveTimer), and when the
      // page is hidden; wait for the save, then reload in the same context (same localStorage).
      await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 10000 });
      await page.reload();
      await firstFrameAndOneMore(page);
      fs.writeFileSync(outReturn, await writeProfile(page));
      await page.screenshot({ path: outReturn + '.png' });
      console.log(`C: profile of the reloaded page after frame ${await frame(page)} → ${outReturn}; page errors: ${log.errors.length}`);
    }
    await context.close();
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
} finally {
  await browser.close();
  server.close();
}
