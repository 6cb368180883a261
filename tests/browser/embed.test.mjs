// Embedding on a public site: qcity in an iframe on another origin, driven by URL parameters and a
// postMessage bridge that answers only the origins the host lists; the page under a strict
// Content-Security-Policy (web/csp.txt) with no violation; the example host page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, dist, waitFrames, settle, clickItem, findItem, saveArtifact, repo, fontsIdle } from './lib.mjs';
import { startServer } from '../../scripts/serve.mjs';

const CSP = fs.readFileSync(`${repo}/web/csp.txt`, 'utf8').trim();
let browser, app, host, stranger;

// A host page: the iframe, and every message it receives kept in window.received.
function hostPage(src, sandbox = 'allow-scripts allow-same-origin allow-downloads allow-modals') {
  return `<!doctype html><html><body>
<iframe id="q" src="${src}" sandbox="${sandbox}" style="width:1200px;height:760px"></iframe>
<script>
window.received = [];
window.addEventListener('message', (e) => window.received.push({ origin: e.origin, data: e.data }));
window.send = (msg) => document.getElementById('q').contentWindow.postMessage(msg, '*');
</script></body></html>`;
}

before(async () => {
  browser = await launch();
  app = await startServer({ dir: dist, headers: { 'Content-Security-Policy': CSP } });
  const appOrigin = new URL(app.url).origin;
  // Two more origins (other ports): the listed host, and a stranger that embeds qcity too.
  host = await startServer({ dir: dist, files: {} });
  stranger = await startServer({ dir: dist, files: {} });
  const hostOrigin = new URL(host.url).origin;
  const q = (extra) => `${app.url}index.html?lang=en&profile=county&unit=${encodeURIComponent('东台市')}&year=2023&origins=${encodeURIComponent(hostOrigin)}${extra || ''}`;
  host.server.close();
  stranger.server.close();
  host = await startServer({ dir: dist, port: Number(new URL(host.url).port), files: {
    '/host.html': hostPage(q()),
    '/sandboxed.html': hostPage(q(), 'allow-scripts'),
  } });
  stranger = await startServer({ dir: dist, port: Number(new URL(stranger.url).port), files: { '/host.html': hostPage(q()) } });
  void appOrigin;
});

after(async () => {
  await browser?.close();
  for (const s of [app, host, stranger]) s?.server.close();
});

async function qcityFrame(page) {
  await page.waitForFunction(() => document.getElementById('q').contentWindow !== null);
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((fr) => fr.url().startsWith(app.url));
    if (f) {
      await f.waitForFunction(() => window.qcity !== undefined, null, { timeout: 30000 });
      return f;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no qcity frame');
}

const received = (page, type) => page.evaluate((t) => window.received.filter((m) => m.data && m.data.type === t), type);

test('a host on another origin: the URL opens the unit and year, messages load figures and return results', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${host.url}host.html`);
  const frame = await qcityFrame(page);
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'qcity:ready'), null, { timeout: 20000 });
  const ready = await received(page, 'qcity:ready');
  assert.equal(ready[0].origin, new URL(app.url).origin);
  // The URL's unit, year and language.
  const s0 = await frame.evaluate(() => window.qcity.state());
  assert.equal(s0.unit, '东台市');
  assert.equal(s0.year, 2023);
  assert.equal(await frame.evaluate(() => window.qcity.language()), 'en');
  // A split build: the page the bridge is on loads the wasm's deferred half before its first frame
  // (the results it posts are the page API's code), never by a synchronous request.
  if (fs.existsSync(`${dist}/qcity.deferred.wasm`)) {
    assert.equal(await frame.evaluate(() => window.Module.qcity.deferredAhead), true);
  }

  await page.evaluate(() => window.send({ type: 'qcity:load', assessment: {
    schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county', unit: '东台市', year: 2023,
    figures: { mfg_qualified_batches: 1150, mfg_sampled_batches: 1200 } } }));
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'qcity:results' &&
    m.data.results.indicators.find((i) => i.id === 'mfg_pass_rate').status === 'met'), null, { timeout: 10000 });
  // A file that does not read (the year is not a year): an error message back, nothing changed.
  const before = await frame.evaluate(() => window.qcity.state());
  await page.evaluate(() => window.send({ type: 'qcity:load', assessment: { schema: 'qcity.assessment/1', catalog: 'yancheng-2022',
    profile: 'county', unit: '东台市', year: 'next year', figures: {} } }));
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'qcity:error'), null, { timeout: 10000 });
  assert.deepEqual(await frame.evaluate(() => window.qcity.state()), before);
  saveArtifact('embed-host.png', await page.screenshot());
  await context.close();
});

test('a page on an unlisted origin gets nothing and changes nothing', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on('console', (m) => warnings.push(m.text()));
  await page.goto(`${stranger.url}host.html`);
  const frame = await qcityFrame(page);
  await waitFrames(frame, 1);
  const before = await frame.evaluate(() => window.qcity.state());
  await page.evaluate(() => window.send({ type: 'qcity:load', assessment: { schema: 'qcity.assessment/1', catalog: 'yancheng-2022',
    profile: 'county', unit: '东台市', year: 2023, figures: { mfg_sampled_batches: 999 } } }));
  await page.evaluate(() => window.send({ type: 'qcity:get' }));
  await new Promise((r) => setTimeout(r, 1500));
  assert.deepEqual(await page.evaluate(() => window.received), [], 'not even "ready" reaches an unlisted origin');
  assert.deepEqual(await frame.evaluate(() => window.qcity.state()), before);
  await context.close();
});

test('in a sandboxed iframe without storage it still works, warns, and answers its host', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${host.url}sandboxed.html`);
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'qcity:ready'), null, { timeout: 30000 });
  const ready = (await received(page, 'qcity:ready'))[0];
  assert.equal(ready.origin, 'null', 'an opaque origin: no storage');
  await page.evaluate(() => window.send({ type: 'qcity:load', assessment: { schema: 'qcity.assessment/1', catalog: 'yancheng-2022',
    profile: 'county', unit: '东台市', year: 2023, figures: { mfg_qualified_batches: 1150, mfg_sampled_batches: 1200 } } }));
  await page.waitForFunction(() => window.received.some((m) => m.data.type === 'qcity:results' &&
    m.data.results.indicators.find((i) => i.id === 'mfg_pass_rate').status === 'met'), null, { timeout: 10000 });
  // No storage in an opaque origin: the app says so (the banner), and works in memory.
  const frame = page.frames().find((fr) => fr.url().startsWith(app.url));
  assert.equal(await frame.evaluate(() => window.Module.qcity.storage), 1);
  saveArtifact('embed-sandboxed.png', await page.screenshot());
  await context.close();
});

test('under the strict Content-Security-Policy the app, its report and the example host page run without violations', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(app.url);
  await waitFrames(page, 1);
  await fontsIdle(page);
  await page.evaluate(() => window.qcity.load({ schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'county',
    unit: '东台市', year: 2023, figures: { mfg_qualified_batches: 1150, mfg_sampled_batches: 1200 } }));
  await settle(page);
  await clickItem(page, '结果');
  await clickItem(page, '###print_report');
  await page.waitForFunction(() => document.getElementById('qcity-print-frame'), null, { timeout: 5000 });
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);

  // The example host page, served with the same policy, embeds qcity and exchanges messages.
  const example = await context.newPage();
  await example.goto(`${app.url}embed-example.html`);
  await example.waitForFunction(() => /就绪|ready/.test(document.getElementById('status').textContent), null, { timeout: 30000 });
  await example.click('#send');
  await example.waitForFunction(() => /达标 \d+/.test(document.getElementById('status').textContent), null, { timeout: 10000 });
  assert.match(await example.textContent('#out'), /mfg_pass_rate/);
  assert.deepEqual(await example.evaluate(() => window.__violations), []);
  saveArtifact('embed-example.png', await example.screenshot());
  await context.close();
});
