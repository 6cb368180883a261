// Web benchmarks (figures go in bench/README.md; not timed tests):
//   - bundle size per file, raw and gzip;
//   - time from navigation to the first frame in headless Chromium (median of 5 loads);
//   - main-thread CPU over 5 idle seconds on the full county entry screen, against the same app
//     drawing every frame (?continuous=1), in one run;
//   - CPU time of one frame of the full county entry screen (mean over continuous frames).
// Usage: node bench/web/run.mjs   (after the web build; uses tests/browser's playwright-core)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const require = createRequire(path.join(repo, 'tests', 'browser', 'package.json'));
const { chromium } = require('playwright-core');
const { startServer } = await import(path.join(repo, 'scripts', 'serve.mjs'));
const dist = process.env.QCITY_DIST || path.join(repo, 'build', 'web', 'dist');
const fixture = JSON.parse(fs.readFileSync(path.join(repo, 'tests', 'browser', 'fixtures', 'dongtai-2023.json'), 'utf8'));

const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// 1. Bundle sizes
// Files loaded before the first frame, and those loaded after it (fonts/: glyphs on demand).
const files = [];
const walk = (dir, rel = '') => {
  for (const f of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (fs.statSync(p).isDirectory()) walk(p, rel + f + '/');
    else files.push(rel + f);
  }
};
walk(dist);
const totals = { first: [0, 0], later: [0, 0] };
console.log('file                     raw KiB   gzip KiB');
for (const f of files) {
  const data = fs.readFileSync(path.join(dist, f));
  const gz = zlib.gzipSync(data, { level: 9 }).length;
  const t = f.startsWith('fonts/') ? totals.later : totals.first;
  t[0] += data.length;
  t[1] += gz;
  console.log(`${f.padEnd(24)} ${kb(data.length).padStart(8)} ${kb(gz).padStart(10)}`);
}
console.log(`${'before first frame'.padEnd(24)} ${kb(totals.first[0]).padStart(8)} ${kb(totals.first[1]).padStart(10)}   (goal: ≤ 1536 KiB gzip)`);
console.log(`${'after (fonts/)'.padEnd(24)} ${kb(totals.later[0]).padStart(8)} ${kb(totals.later[1]).padStart(10)}`);

const { server, url } = await startServer({ dir: dist });
const browser = await chromium.launch({
  executablePath: process.env.QCITY_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
         '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function open(query = '') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url + query);
  await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 30000 });
  return { context, page };
}

// 2. First frame
const firsts = [];
for (let i = 0; i < 5; i++) {
  const { context, page } = await open();
  firsts.push(await page.evaluate(() => window.qcityFirstFrameMs));
  await context.close();
}
console.log(`first frame: median ${median(firsts).toFixed(0)} ms (runs: ${firsts.map((x) => x.toFixed(0)).join(', ')}; goal ≤ 1500 ms)`);

// 3. Idle CPU, and 4. frame time (on the full county entry screen)
async function cpu(query) {
  const { context, page } = await open(query);
  await page.evaluate((d) => window.qcity.load(d), fixture);
  await page.mouse.move(5, 790); // park the mouse where nothing is hovered
  await new Promise((r) => setTimeout(r, 1000));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const framesBefore = await page.evaluate(() => window.Module.qcityFrame);
  await page.evaluate(() => window.Module._qcity_frame_ms_reset());
  const a = await metric();
  await new Promise((r) => setTimeout(r, 5000));
  const b = await metric();
  const frames = (await page.evaluate(() => window.Module.qcityFrame)) - framesBefore;
  const frameMs = await page.evaluate(() => window.Module._qcity_frame_ms_mean());
  await context.close();
  return { cpu: ((b.TaskDuration - a.TaskDuration) / (b.Timestamp - a.Timestamp)) * 100, frames, frameMs };
}
const idle = await cpu('');
const busy = await cpu('?continuous=1');
console.log(`idle CPU (5 s, entry screen): ${idle.cpu.toFixed(2)} % of a core, ${idle.frames} frames drawn (goal ≤ 2 %)`);
console.log(`same app drawing every frame: ${busy.cpu.toFixed(2)} % of a core, ${busy.frames} frames drawn`);
console.log(`frame CPU time, full county entry screen: ${busy.frameMs.toFixed(2)} ms mean over ${busy.frames} frames (goal ≤ 8 ms)`);

await browser.close();
server.close();
