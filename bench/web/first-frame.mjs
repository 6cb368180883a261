// What happens before the first frame, per build (a profile by Resource Timing and the shell's
// performance marks; figures go in bench/README.md):
//   xvfb-run -a node bench/web/first-frame.mjs [--runs 5] DIST...
// For each dist folder, the median over fresh loads (no service worker) of: when each file the page
// fetched before the first frame finished arriving (responseEnd), any other performance mark the page
// made before its first frame, when main() started (the mark
// "qcity-main": the wasm compiled and instantiated; builds before issue 13's first-frame work have
// none) and the first frame (window.qcityFirstFrameMs), in ms from navigation, and the time from
// main() to the first frame (each load's own). Loads of the builds are interleaved, so a busy machine
// slows them alike.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const lib = await import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);
const { startServer } = await import(pathToFileURL(path.join(repo, 'scripts', 'serve.mjs')).href);

const args = process.argv.slice(2);
const i = args.indexOf('--runs');
const RUNS = i >= 0 ? Number(args.splice(i, 2)[1]) : 5;
const dists = args.map((d) => path.resolve(d));
const median = (xs) => { const s = xs.filter((x) => x != null).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

const browser = await lib.launch();
const builds = [];
for (const dist of dists) builds.push({ dist, ...(await startServer({ dir: dist })), loads: [] });
for (let run = 0; run < RUNS; run++) {
  for (const b of builds) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(b.url);
    await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 60000 });
    b.loads.push(await page.evaluate(() => {
      const first = window.qcityFirstFrameMs, out = {};
      for (const e of performance.getEntriesByType('resource'))
        if (e.startTime < first) out[e.name.replace(/^https?:\/\/[^/]+\//, '')] = e.responseEnd;
      // Every mark the page made before the first frame: the shell's, and any a build under study
      // adds (EM_ASM(performance.mark("…")) at the steps of main(), as bench/README.md's "the way to
      // the first frame" did).
      for (const e of performance.getEntriesByType('mark'))
        if (e.startTime <= first && !/^qcity-(main|first-frame)$/.test(e.name)) out[`mark ${e.name}`] = e.startTime;
      const main = performance.getEntriesByName('qcity-main')[0];
      out['main() starts'] = main ? main.startTime : null;
      out['first frame'] = first;
      return out;
    }));
    await context.close();
  }
}
for (const b of builds) {
  console.log(`\n${b.dist} (median of ${RUNS}, ms from navigation)`);
  const keys = [...new Set(b.loads.flatMap((l) => Object.keys(l)))]
    .sort((x, y) => (median(b.loads.map((l) => l[x])) ?? 1e9) - (median(b.loads.map((l) => l[y])) ?? 1e9));
  for (const k of keys) console.log(`  ${k.padEnd(28)} ${median(b.loads.map((l) => l[k]))?.toFixed(0) ?? '—'}`);
  // main() to the first frame, each load's own (the median of the differences): the app's part, with
  // less of the network's and the wasm's noise than the times from navigation.
  const own = median(b.loads.map((l) => (l['main() starts'] != null ? l['first frame'] - l['main() starts'] : null)));
  if (own != null) console.log(`  ${'main() → first frame'.padEnd(28)} ${own.toFixed(1)}`);
  b.server.close();
}
await browser.close();
