// The one-file edition: qcity.html opened from file:// (a USB stick, an e-mail attachment) runs
// the app with nothing else: no server, no other file, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, dist, importGbk, waitFrames, settle, clickItem, findItem, saveArtifact, pngStats, fontsIdle } from './lib.mjs';

test('qcity.html alone, from file://, opens, takes figures, judges them and keeps them over a reload', async () => {
  // Copied alone into an empty folder: it must not need any file beside it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-usb-'));
  const file = path.join(dir, 'qcity.html');
  fs.copyFileSync(path.join(dist, 'qcity.html'), file);
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [], requests = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(file).href);
    await waitFrames(page, 1, null, 60000);
    await fontsIdle(page);
    // (Should it fail, with what the page said: a message over it, errors on its console.)
    await clickItem(page, '创建评估').catch(async (e) => {
      const said = await page.evaluate(() => ({ fatal: document.getElementById('fatal').hidden ? '' : document.getElementById('fatal').innerText,
                                                canvas: document.getElementById('canvas').getBoundingClientRect().toJSON() }));
      throw new Error(`${e.message}\npage: ${JSON.stringify(said)}\nerrors: ${errors.join('\n')}`);
    });
    await findItem(page, '##fig_mfg_qualified_batches');
    await page.evaluate(() => { window.qcity.setFigure('mfg_qualified_batches', 1150); window.qcity.setFigure('mfg_sampled_batches', 1200); });
    await settle(page);
    const r = await page.evaluate(() => window.qcity.results());
    assert.equal(r.indicators.find((i) => i.id === 'mfg_pass_rate').status, 'met');
    const png = await page.screenshot();
    saveArtifact('one-file-entry.png', png);
    assert.ok((await pngStats(browser, png)).colors > 50);

    // Storage works from file:// here: a reload keeps the assessment.
    await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 5000 });
    const before = await page.evaluate(() => window.qcity.state());
    await page.reload();
    await waitFrames(page, 1, null, 60000);
    assert.deepEqual(await page.evaluate(() => window.qcity.state()), before);
    await importGbk(page);  // GB18030's table from the file itself

    assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('blob:')), []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

test('qcity.html without WebGL2 says so in words and never starts the program', async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 600 }, locale: 'zh-CN' });
    await context.addInitScript(() => {
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === 'webgl2' ? null : orig.call(this, type, ...rest); };
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(path.join(dist, 'qcity.html')).href);
    await page.locator('#fatal').waitFor({ state: 'visible' });
    assert.match(await page.locator('#fatal').innerText(), /WebGL2/);
    // The binaries are still decoded (begun before the check), but nothing runs them.
    await page.waitForTimeout(1000);
    assert.deepEqual(await page.evaluate(() => [typeof window.Module.ccall, window.qcityFirstFrameMs]), ['undefined', undefined]);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

test('qcity.html asks for nothing by address: no preload links, no comments about them', () => {
  const html = fs.readFileSync(path.join(dist, 'qcity.html'), 'utf8');
  assert.doesNotMatch(html.slice(0, 4000), /rel="preload"|<!--/);
});
