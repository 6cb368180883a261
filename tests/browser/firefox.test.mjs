// Text input in Firefox: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi, under
// Xvfb (headless Firefox has no WebGL2 here). The same bridge as in Chromium: typed and composed
// Chinese, editing keys, a pasted column. Skipped (with the reason) where Firefox is not installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serve, saveArtifact } from './lib.mjs';

const FIREFOX = process.env.QCITY_FIREFOX || '/usr/bin/firefox-esr';
const skip = !fs.existsSync(FIREFOX) ? `no Firefox at ${FIREFOX}` : !process.env.DISPLAY ? 'no X display (run under xvfb-run)' : false;

let browser, server, url;
before(async () => {
  if (skip) return;
  ({ server, url } = await serve());
  const puppeteer = (await import('puppeteer-core')).default;
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: false,
    extraPrefsFirefox: { 'webgl.force-enabled': true } });
});
after(async () => {
  await browser?.close();
  server?.close();
});

const frame = (page) => page.evaluate(() => (window.Module && window.Module.qcity.frame) || 0);
// Waits for n frames after `base` (read before the action that causes them: they may all be drawn
// before this is called, and then the loop pauses).
async function frames(page, n, what = '', base = null) {
  const target = (base === null ? await frame(page) : base) + n;
  await page.waitForFunction((t) => window.Module.qcity.frame >= t, { timeout: 20000 }, target).catch(async (e) => {
    throw new Error(`${e.message} waiting for ${n} frames ${what}; frame ${await frame(page)}, paused ${await page.evaluate(() => window.Module._qcity_loop_paused())}`);
  });
}
async function drained(page) {
  await page.waitForFunction(() => window.Module._qcity_input_pending() === 0, { timeout: 20000 }).catch(async (e) => {
    throw new Error(`${e.message}; pending ${await page.evaluate(() => window.Module._qcity_input_pending())}, frame ${await frame(page)}, paused ${await page.evaluate(() => window.Module._qcity_loop_paused())}`);
  });
  const base = await frame(page);
  await page.evaluate(() => window.Module._qcity_request_redraw());
  await frames(page, 1, 'after a redraw', base);
}
async function click(page, label) {
  // The widget may appear only in the next frame (the input that shows it was just taken).
  let it = null;
  for (let tries = 0; !it && tries < 30; tries++) {
    const items = await page.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_items())));
    it = items.find((i) => i.label === label || i.label.split('##')[0] === label);
    if (!it) {
      const base = await frame(page);
      await page.evaluate(() => window.Module._qcity_request_redraw());
      await frames(page, 1, `looking for ${label}`, base);
    }
  }
  assert.ok(it, `widget ${label}`);
  let base = await frame(page);
  await page.mouse.move(it.x + it.w / 2, it.y + it.h / 2);
  await frames(page, 1, `after moving to ${label}`, base);
  base = await frame(page);
  await page.mouse.down();
  await frames(page, 1, `after pressing on ${label}`, base);
  base = await frame(page);
  await page.mouse.up();
  await frames(page, 2, `after releasing on ${label}`, base);
}
async function open() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(url);
  await page.waitForFunction(() => window.Module && window.Module.qcity.frame >= 1, { timeout: 30000 });
  await page.evaluate(() => { try { localStorage.clear(); } catch (e) { /* none */ } });
  return page;
}
async function typeChars(page, text) {
  for (const ch of text) await page.keyboard.sendCharacter(ch);
}
async function focusName(page) {
  await click(page, '企业自评');
  await click(page, '企业名称###new_name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'qcity-text-input', { timeout: 10000 });
}

test('Firefox: typed Chinese, a composition and editing keys land in the field', { skip }, async () => {
  const page = await open();
  await focusName(page);
  await typeChars(page, '盐城市某某机械');
  // An IME composition as Firefox reports it: start, composing input, end with the committed text.
  await page.evaluate(() => {
    const ta = document.getElementById('qcity-text-input');
    // (Firefox's own composition events bubble: the mirror listens once, on its root.)
    ta.dispatchEvent(new CompositionEvent('compositionstart', { data: '', bubbles: true }));
    ta.value = 'youxian';
    ta.dispatchEvent(new InputEvent('input', { data: 'youxian', isComposing: true, bubbles: true }));
    ta.dispatchEvent(new CompositionEvent('compositionend', { data: '有限', bubbles: true }));
  });
  await typeChars(page, '公司X');
  await page.keyboard.press('Backspace');
  await drained(page);
  saveArtifact('firefox-name.png', await page.screenshot());
  await click(page, '创建评估');
  const s = await page.evaluate(() => window.qcity.state());
  assert.equal(s.unit, '盐城市某某机械有限公司');
  await page.close();
});

test('Firefox: a pasted three-line column fills three figures', { skip }, async () => {
  const page = await open();
  await click(page, '创建评估');
  // Put a column on the system clipboard the way a person does: select it in a text area, Ctrl+C
  // (real key presses, so Firefox treats them as the user's), then Ctrl+V into the field.
  await page.evaluate(() => {
    const src = document.createElement('textarea');
    src.id = 'excel';
    src.value = '1150\r\n1200\r\n955\r\n';
    src.style.cssText = 'position:absolute;left:0;top:0;width:80px;height:60px;z-index:5';
    document.body.appendChild(src);
    src.focus();
    src.select();
  });
  await page.keyboard.down('Control');
  await page.keyboard.press('c');
  await page.keyboard.up('Control');
  await page.evaluate(() => document.getElementById('excel').remove());
  await click(page, '##fig_mfg_qualified_batches');
  await page.waitForFunction(() => document.activeElement.id === 'qcity-text-input', { timeout: 10000 });
  await page.keyboard.down('Control');
  await page.keyboard.press('v');
  await page.keyboard.up('Control');
  await drained(page);
  const f = (await page.evaluate(() => window.qcity.state())).figures;
  assert.deepEqual([f.mfg_qualified_batches, f.mfg_sampled_batches, f.consumer_qualified_batches], [1150, 1200, 955]);
  await page.close();
});
