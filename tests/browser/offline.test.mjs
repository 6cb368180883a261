// Offline for real: the service worker caches every file on the first visit, so the page opens and
// works with the network off; a new build is picked up on the next visit, keeps the saved
// assessments, and says that it was updated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, dist, importGbk, waitFrames, settle, clickItem, findItem, saveArtifact, fontsIdle, waitForAsync, swFiles } from './lib.mjs';
import { startServer } from '../../scripts/serve.mjs';

const state = (page) => page.evaluate(() => window.qcity.state());

// A copy of the build we can change, served from its own folder, opened in a fresh browser once the
// service worker has cached it; `body` gets the page and the folder.
async function withBuildCopy(body) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-sw-'));
  fs.cpSync(dist, dir, { recursive: true });
  const browser = await launch();
  const { server, url } = await startServer({ dir });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(url);
    await waitFrames(page, 1);
    await cached(page);
    await body({ page, dir });
    await context.close();
  } finally {
    server.close();
    await browser.close();
  }
}

// A new build in that folder: another version in the page and the service worker. The next visit
// loads the old version from the cache, the browser finds the new worker, which takes over; the page
// reloads into the new version. Returns the new version.
async function newBuild(page, dir) {
  const v1 = await page.evaluate(() => window.QCITY_VERSION);
  const v2 = 'test' + Date.now().toString(16);
  for (const f of ['sw.js', 'qcity-version.js']) {
    const file = path.join(dir, f);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').split(v1).join(v2));
  }
  await page.reload();
  await page.waitForFunction((v) => window.QCITY_VERSION === v, v2, { timeout: 30000, polling: 250 });
  await waitFrames(page, 1);
  return v2;
}

// Waits until the service worker controls the page and has cached all of this build's files.
async function cached(page) {
  await waitForAsync(page, async (n) => {
    if (!navigator.serviceWorker.controller) return false;
    const cache = await caches.open('qcity-' + window.QCITY_VERSION);
    return (await cache.keys()).length >= n;
  }, swFiles().length);
}

test('first visit caches the app; with the network off it opens, takes figures and judges them', async () => {
  const browser = await launch();
  const { server, url } = await startServer({ dir: dist });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await waitFrames(page, 1);
    await cached(page);

    await context.setOffline(true);
    server.close();  // and the server gone too: nothing can come from the network
    await page.reload();
    await waitFrames(page, 1);
    await fontsIdle(page);
    await clickItem(page, '创建评估');
    await findItem(page, '##fig_mfg_qualified_batches');
    await page.evaluate(() => { window.qcity.setFigure('mfg_qualified_batches', 1150); window.qcity.setFigure('mfg_sampled_batches', 1200); });
    await settle(page);
    const r = await page.evaluate(() => window.qcity.results());
    assert.equal(r.indicators.find((i) => i.id === 'mfg_pass_rate').status, 'met');
    saveArtifact('offline-entry.png', await page.screenshot());
    await importGbk(page);  // GB18030's table too, cached with the app's files (never fetched before)
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    server.close();
    await browser.close();
  }
});

test('a new build is picked up on the next visit: saved assessments kept, the update announced', async () => {
  await withBuildCopy(async ({ page, dir }) => {
    await page.evaluate(() => window.qcity.load({ schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county',
                                                   unit: '射阳县', year: 2024, figures: { mfg_sampled_batches: 300 } }));
    await page.waitForFunction(() => !window.Module.qcity.saveTimer, null, { timeout: 5000 });
    const saved = await state(page);
    // The page reloads into the new version and says so.
    const v2 = await newBuild(page, dir);
    await page.waitForFunction(() => { const n = document.getElementById('notice'); return n && !n.hidden; }, null, { timeout: 10000 });
    assert.match(await page.textContent('#notice'), /已更新/);
    saveArtifact('offline-updated.png', await page.screenshot());
    assert.deepEqual(await state(page), saved);
    const keys = await page.evaluate(() => caches.keys());
    assert.deepEqual(keys, ['qcity-' + v2], 'the old cache is gone');
  });
});

test('an update prunes the font cache of slices the new build no longer names, and keeps the others', async () => {
  await withBuildCopy(async ({ page, dir }) => {
    // A slice fetched through the service worker (kept in qcity-fonts), and one an earlier build named.
    const id = await page.evaluate(() => window.Module.qcity.fonts.lookup('燊'.codePointAt(0)));
    const file = await page.evaluate((i) => window.Module.qcity.fonts.slices[i].file, id);
    await page.evaluate((i) => { window.Module.qcity.fonts.fetchSlice(i); }, id);
    await fontsIdle(page);
    const stale = 'fonts/cjk-0123456789-' + id + '.otf';
    await page.evaluate(async (f) => (await caches.open('qcity-fonts')).put(f, new Response('an old slice')), stale);
    const names = async () => (await page.evaluate(async () => (await (await caches.open('qcity-fonts')).keys()).map((r) => r.url)))
      .map((u) => u.replace(/^.*\/fonts\//, '')).sort();
    assert.deepEqual(await names(), [stale.slice(6), file].sort());

    // A new build (the same slices): the stale one goes when the new worker activates.
    await newBuild(page, dir);
    assert.deepEqual(await names(), [file], 'only the slice this build names is kept');
  });
});
