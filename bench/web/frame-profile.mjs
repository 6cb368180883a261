// Where a frame's C++ time goes on the full county entry screen (issue 13's "frame CPU" goal), and
// that time for one build or several side by side in one run:
//   node bench/web/frame-profile.mjs [--dist DIR]... [--rounds 5] [--seconds 5] [--profile] [--top 40]
// Each round opens each build in turn (a fresh context; the machine's load drifts, so the builds
// alternate) with ?continuous=1, loads the fixture dongtai-2023.json, parks the mouse at (5,790) and
// reads the mean C++ time of a frame over `seconds` (_qcity_frame_ms_mean, as bench/web/run.mjs).
// --profile: also Chrome's sampling profiler (CDP, 100 µs) over `seconds` of each build, self and
// total time summed by function name, the top `top` printed. Names need a wasm linked with
// --profiling-funcs (e.g. `emcc … --profiling-funcs`: relink build/web with
// -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs and copy its dist); otherwise they read wasm-function[N].
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../tests/browser/lib.mjs';  // playwright-core, from tests/browser's node_modules
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const num = (name, def) => { const i = argv.indexOf(name); return i >= 0 ? Number(argv[i + 1]) : def; };
const rounds = num('--rounds', 5), seconds = num('--seconds', 5), top = num('--top', 40);
const profile = argv.includes('--profile');
const callersOf = argv.includes('--callers') ? new RegExp(argv[argv.indexOf('--callers') + 1]) : null;
const dists = argv.flatMap((a, i) => (a === '--dist' ? [path.resolve(argv[i + 1])] : []));
if (!dists.length) dists.push(path.join(repo, 'build/web/dist'));
const fixture = JSON.parse(fs.readFileSync(path.join(repo, 'tests/browser/fixtures/dongtai-2023.json'), 'utf8'));
const frameCount = (page) => page.evaluate(() => (window.Module.qcity ? window.Module.qcity.frame : window.Module.qcityFrame));  // (older builds)
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await launch();
const builds = [];
for (const dist of dists) builds.push({ dist, ...(await startServer({ dir: dist })), means: [] });

async function open(b) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(b.url + '?continuous=1');
  await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 30000 });
  await page.evaluate((d) => window.qcity.load(d), fixture);
  await page.mouse.move(5, 790);  // where nothing is hovered
  await sleep(1500);
  return { context, page };
}

// Self and total time by function name from a CDP profile (a name counted once per sample in total).
function summarise(p) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const self = new Map(), total = new Map(), callers = new Map();
  let all = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i]) / 1000;  // the time until the next sample, ms
    let id = p.samples[i];
    const leaf = byId.get(id).callFrame.functionName || '(anonymous)';
    if (leaf === '(idle)' || leaf === '(program)' || leaf === '(garbage collector)') continue;
    all += dt;
    self.set(leaf, (self.get(leaf) || 0) + dt);
    if (callersOf && callersOf.test(leaf)) {  // the chain of callers above it, glue left out
      const chain = [];
      for (let up = parent.get(id); up !== undefined && chain.length < 4; up = parent.get(up)) {
        const name = byId.get(up).callFrame.functionName;
        if (name && !/^(wasm-to-js|js-to-wasm|emscriptenWebGLGet|_gl[A-Z])/.test(name)) chain.push(name);
      }
      const key = `${leaf} <- ${chain.join(' <- ')}`;
      callers.set(key, (callers.get(key) || 0) + dt);
    }
    const seen = new Set();
    for (; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id).callFrame.functionName || '(anonymous)';
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) || 0) + dt);
    }
  }
  return { all, self, total, callers };
}

for (let r = 0; r < rounds; r++) {
  for (const b of builds) {
    const { context, page } = await open(b);
    await page.evaluate(() => window.Module._qcity_frame_ms_reset());
    await sleep(seconds * 1000);
    b.means.push(await page.evaluate(() => window.Module._qcity_frame_ms_mean()));
    await context.close();
  }
}
if (profile) {
  for (const b of builds) {
    const { context, page } = await open(b);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const f0 = await frameCount(page);
    await cdp.send('Profiler.start');
    await sleep(seconds * 1000);
    const { profile: p } = await cdp.send('Profiler.stop');
    const frames = (await frameCount(page)) - f0;
    await context.close();
    const s = summarise(p);
    const row = (m, name) => `${(m.get(name) / frames).toFixed(3).padStart(8)} ms  ${(100 * m.get(name) / s.all).toFixed(1).padStart(5)} %  ${name}`;
    const sorted = (m) => [...m.keys()].sort((x, y) => m.get(y) - m.get(x)).slice(0, top);
    console.log(`\n== ${b.dist}: ${frames} frames profiled, ${(s.all / frames).toFixed(2)} ms of main-thread CPU a frame (JS + wasm, sampled)`);
    console.log(`-- self time a frame, top ${top}`);
    for (const name of sorted(s.self)) console.log(row(s.self, name));
    console.log(`-- total time a frame (with callees), top ${top}`);
    for (const name of sorted(s.total)) console.log(row(s.total, name));
    if (callersOf) {
      console.log(`-- where ${callersOf} is called from`);
      for (const name of sorted(s.callers)) console.log(row(s.callers, name));
    }
  }
}

console.log('\nframe CPU, full county entry (mean C++ time of a frame, ms), each round:');
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (const b of builds) console.log(`${b.means.map((m) => m.toFixed(2)).join(' ')}  median ${median(b.means).toFixed(2)}  ${b.dist}`);
await browser.close();
for (const b of builds) b.server.close();
