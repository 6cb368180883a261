// Web benchmarks: the goals table of issue 13, for one build or two side by side in one run
// (figures go in bench/README.md; not timed tests, not part of CI).
//
//   node bench/web/run.mjs                                  this tree's build (build/web/dist)
//   node bench/web/run.mjs --before DIR --after DIR         two dist folders, side by side
//   options: --peer DIR (default build/web/peer; build it: cmake --build --preset web --target qcity_peer)
//            --runs N (first-frame loads per build, default 5)
//            --cli-before DIR --cli-after DIR  native build dirs: also the CLI evaluate-json / raw ratio
// It ends with the goals table in Markdown (paste into bench/README.md). bench/web/compare.sh does
// all of it in one command (builds "before" from a commit).
//
// What is measured, per build (headless Debian Chromium, SwiftShader WebGL2, service worker blocked):
//   - gzip bytes of what the page fetched before its first frame (Resource Timing: requests started
//     before window.qcityFirstFrameMs; each file's size is gzip -9 of the file in the dist folder);
//   - the wasm, gzip (a split build: qcity.wasm, and qcity.deferred.wasm beside it); the largest font
//     file, gzip; the one-file qcity.html, raw;
//   - gzip bytes fetched after the first frame while idle (8 s, nothing touched);
//   - bytes and requests after typing a name of 5 rare characters (燊犇淼焱垚) into the new
//     enterprise's name, the page idle before (so only what the typing itself fetches);
//   - navigation → first frame, median of N fresh loads, interleaved with the peer page's (Dear ImGui's
//     hello window built the same way): the ratio says what qcity adds over Dear ImGui itself;
//   - main-thread CPU over 5 idle seconds on the full county entry screen and the frames drawn, and
//     the mean CPU time of one frame of that screen (drawing every frame, ?continuous=1).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const lib = await import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);
const { startServer } = await import(pathToFileURL(path.join(repo, 'scripts', 'serve.mjs')).href);
const fixture = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'browser', 'fixtures', 'dongtai-2023.json'), 'utf8'));

const args = process.argv.slice(2);
const opt = (name, dflt = null) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const RUNS = Number(opt('--runs', 5));
const RARE = '燊犇淼焱垚';
const builds = [];
if (opt('--before')) builds.push({ name: 'before', dist: path.resolve(opt('--before')), cli: opt('--cli-before') });
builds.push({ name: opt('--before') ? 'after' : 'this build', dist: path.resolve(opt('--after', process.env.QCITY_DIST || path.join(repo, 'build', 'web', 'dist'))), cli: opt('--cli-after') });
const peerDir = path.resolve(opt('--peer', path.join(repo, 'build', 'web', 'peer')));
for (const b of builds) if (!fs.existsSync(path.join(b.dist, 'index.html'))) throw new Error(`${b.dist}/index.html missing: build the web preset first`);
const havePeer = fs.existsSync(path.join(peerDir, 'peer.js'));
if (!havePeer) console.warn(`no peer page in ${peerDir} (cmake --build --preset web --target qcity_peer): no first-frame ratio`);

const KiB = (n) => (n / 1024).toFixed(1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// gzip -9 size of a file of a dist folder, by the URL the page asked for (0 when not a file there).
const gzCache = new Map();
function gzipOf(dist, url) {
  let rel = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = path.join(dist, rel);
  if (!gzCache.has(file)) gzCache.set(file, fs.existsSync(file) && fs.statSync(file).isFile() ? zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length : 0);
  return gzCache.get(file);
}
function walk(dir, rel = '', out = []) {
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isDirectory()) walk(p, rel + f + '/', out);
    else out.push(rel + f);
  }
  return out;
}

const browser = await lib.launch();
for (const b of builds) ({ server: b.server, url: b.url } = await startServer({ dir: b.dist }));
let peer = null;
if (havePeer) peer = await startServer({ dir: peerDir });

// A fresh page with no service worker (every byte comes from the network, as on a first visit).
async function open(url, query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(url + query);
  await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 30000 });
  return { context, page };
}
// Requests the page made (Resource Timing, plus the document itself), with their start times.
const resources = (page) => page.evaluate(() => [{ name: location.href, startTime: 0 },
  ...performance.getEntriesByType('resource').map((e) => ({ name: e.name, startTime: e.startTime }))]);
async function quiet(page, ms = 1500, max = 15000) {  // until no new request for `ms`
  const t0 = Date.now();
  let n = -1;
  while (Date.now() - t0 < max) {
    const m = (await resources(page)).length;
    if (m === n) return;
    n = m;
    await sleep(ms);
  }
}

// 1. Files and sizes
for (const b of builds) {
  b.files = walk(b.dist).map((f) => {
    const data = fs.readFileSync(path.join(b.dist, f));
    return { f, raw: data.length, gz: zlib.gzipSync(data, { level: 9 }).length };
  });
  const get = (f) => b.files.find((x) => x.f === f) || { raw: 0, gz: 0 };
  b.wasmGz = get('qcity.wasm').gz;
  b.deferredGz = get('qcity.deferred.wasm').gz;  // a split build (CMakeLists.txt): fetched at the first input
  b.oneFile = get('qcity.html').raw;
  const fonts = b.files.filter((x) => /\.(otf|ttf|woff2?|bin)$/.test(x.f) || x.f.startsWith('fonts/'));
  b.largestFont = fonts.reduce((m, x) => (x.gz > m.gz ? x : m), { f: '—', gz: 0 });
}

// 2. Before the first frame, and after it while idle
for (const b of builds) {
  const { context, page } = await open(b.url);
  const first = await page.evaluate(() => window.qcityFirstFrameMs);
  await sleep(8000);
  await quiet(page);
  const all = await resources(page);
  const early = all.filter((r) => r.startTime < first), late = all.filter((r) => r.startTime >= first);
  b.firstGz = early.reduce((s, r) => s + gzipOf(b.dist, r.name), 0);
  b.firstFiles = early.map((r) => path.basename(new URL(r.name).pathname) || 'index.html');
  b.idleGz = late.reduce((s, r) => s + gzipOf(b.dist, r.name), 0);
  b.idleFiles = late.map((r) => new URL(r.name).pathname.replace(/^\//, ''));
  await context.close();
}

// 3. A name of 5 rare characters typed (the page idle before: only what the typing fetches)
for (const b of builds) {
  const { context, page } = await open(b.url);
  await lib.waitFrames(page, 1);
  await sleep(8000);
  await quiet(page);
  await lib.clickItem(page, '企业自评');
  await lib.clickItem(page, '企业名称###new_name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'qcity-text-input');
  const n0 = (await resources(page)).length;
  await page.keyboard.insertText(RARE);
  await lib.drained(page);
  await sleep(3000);
  await quiet(page);
  const typed = (await resources(page)).slice(n0);
  b.typedGz = typed.reduce((s, r) => s + gzipOf(b.dist, r.name), 0);
  b.typedRequests = typed.length;
  b.typedFiles = typed.map((r) => `${new URL(r.name).pathname.replace(/^\//, '')} (${KiB(gzipOf(b.dist, r.name))} KiB)`);
  await context.close();
}

// 4. First frame, N fresh loads each, interleaved (the machine's load drifts: all builds share it)
for (const b of builds) b.firsts = [];
const peerFirsts = [];
for (let i = 0; i < RUNS; i++) {
  for (const b of builds) {
    const { context, page } = await open(b.url);
    b.firsts.push(await page.evaluate(() => window.qcityFirstFrameMs));
    await context.close();
  }
  if (peer) {
    const { context, page } = await open(peer.url);
    peerFirsts.push(await page.evaluate(() => window.qcityFirstFrameMs));
    await context.close();
  }
}
const peerFirst = peer ? median(peerFirsts) : null;

// 5. Idle CPU and frame time, full county entry screen
async function cpu(b, query) {
  const { context, page } = await open(b.url, query);
  await page.evaluate((d) => window.qcity.load(d), fixture);
  await page.mouse.move(5, 790);  // where nothing is hovered
  await sleep(1500);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const frames0 = await page.evaluate(() => (window.Module.qcity ? window.Module.qcity.frame : window.Module.qcityFrame));
  await page.evaluate(() => window.Module._qcity_frame_ms_reset());
  const a = await metric();
  await sleep(5000);
  const z = await metric();
  const frames = (await page.evaluate(() => (window.Module.qcity ? window.Module.qcity.frame : window.Module.qcityFrame))) - frames0;
  const frameMs = await page.evaluate(() => window.Module._qcity_frame_ms_mean());
  await context.close();
  return { cpu: ((z.TaskDuration - a.TaskDuration) / (z.Timestamp - a.Timestamp)) * 100, frames, frameMs };
}
for (const b of builds) {
  b.idle = await cpu(b, '');
  b.busy = await cpu(b, '?continuous=1');
}

await browser.close();
for (const b of builds) b.server.close();
peer?.server.close();

// 6. CLI: evaluate --format json over 3,000 files / raw parse (bench/run.sh, 3 runs)
for (const b of builds) {
  if (!b.cli) continue;
  const out = execFileSync(path.join(repo, 'bench', 'run.sh'), ['--runs', '3'], { cwd: repo, env: { ...process.env, QCITY_BIN: path.resolve(b.cli) }, encoding: 'utf8' });
  const m = out.match(/ratio CLI evaluate\(json\) \/ raw parse:\s+([\d.]+)/);
  b.cliRatio = m ? Number(m[1]) : null;
}

// Report
for (const b of builds) {
  console.log(`\n== ${b.name}: ${b.dist}`);
  console.log('file                          raw KiB   gzip KiB');
  for (const x of b.files) console.log(`${x.f.padEnd(28)} ${KiB(x.raw).padStart(8)} ${KiB(x.gz).padStart(10)}`);
  console.log(`before the first frame: ${b.firstFiles.join(', ')}`);
  console.log(`after it, idle: ${b.idleFiles.join(', ') || 'nothing'}`);
  console.log(`typing ${RARE}: ${b.typedFiles.join(', ') || 'nothing'}`);
  console.log(`first frame runs: ${b.firsts.map((x) => x.toFixed(0)).join(', ')} ms`);
}
if (peer) console.log(`\npeer (Dear ImGui hello window, same flags) first frame runs: ${peerFirsts.map((x) => x.toFixed(0)).join(', ')} ms`);

const rows = [
  ['gzip before the first frame (no service worker)', (b) => `${KiB(b.firstGz)} KiB`, '≤ 350 KiB'],
  ['wasm, gzip', (b) => `${KiB(b.wasmGz)} KiB${b.deferredGz ? ` (+ ${KiB(b.deferredGz)} KiB qcity.deferred.wasm, at the first input)` : ''}`, '≤ 300 KiB'],
  ['fetched after the first frame while idle, no service worker', (b) => `${KiB(b.idleGz)} KiB`, '≤ 256 KiB'],
  [`a name of 5 rare characters typed (${RARE})`, (b) => `${KiB(b.typedGz)} KiB, ${b.typedRequests} requests`, '≤ 200 KiB, ≤ 5 requests'],
  ['largest font file, gzip', (b) => `${KiB(b.largestFont.gz)} KiB (${b.largestFont.f})`, '≤ 64 KiB'],
  ['one-file `qcity.html`', (b) => `${(b.oneFile / 1048576).toFixed(2)} MiB`, '≤ 3 MiB'],
  [`first frame, median of ${RUNS} (÷ peer ImGui page${peer ? `, ${peerFirst.toFixed(0)} ms` : ''})`,
   (b) => `${median(b.firsts).toFixed(0)} ms${peer ? ` (${(median(b.firsts) / peerFirst).toFixed(2)}×)` : ''}`, '≤ 250 ms'],
  ['idle CPU / frames drawn while idle (5 s, entry screen)', (b) => `${b.idle.cpu.toFixed(2)} % / ${b.idle.frames}`, 'same or better'],
  ['frame CPU, full county entry', (b) => `${b.busy.frameMs.toFixed(2)} ms`, 'same or better'],
  ['CLI evaluate json / raw parse, 3,000 files', (b) => (b.cliRatio ? `${b.cliRatio.toFixed(1)}×` : '—'), '≤ 10×'],
];
console.log('\n| measure | ' + builds.map((b) => b.name).join(' | ') + ' | goal |');
console.log('|---|' + builds.map(() => '---|').join('') + '---|');
for (const [name, f, goal] of rows) console.log(`| ${name} | ${builds.map(f).join(' | ')} | ${goal} |`);
