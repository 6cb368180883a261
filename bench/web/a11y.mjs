// What the accessible mirror (issue 14) costs a frame: the mean C++ time of a frame on the full
// county entry screen drawn every frame (?continuous=1), with the mirror on and off, alternated
// (the machine's load drifts), and the time of a11y::end_frame alone (the diff and its message).
//   node bench/web/a11y.mjs [--rounds 6] [--seconds 2] [--dist build/web/dist]   (build the web app first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../tests/browser/lib.mjs';  // playwright-core, from tests/browser's node_modules
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const rounds = arg('--rounds', 6), seconds = arg('--seconds', 2);
const distArg = process.argv.indexOf('--dist');  // another build's dist (a before/after comparison)
const dist = distArg > 0 ? path.resolve(process.argv[distArg + 1]) : path.join(repo, 'build/web/dist');
const fixture = JSON.parse(fs.readFileSync(path.join(repo, 'tests/browser/fixtures/dongtai-2023.json'), 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { server, url } = await startServer({ dir: dist });
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(url + '?continuous=1');
await page.waitForFunction(() => window.Module && window.Module.qcity && window.Module.qcity.frame > 2);
await page.evaluate((d) => window.qcity.load(d), fixture);
await page.mouse.move(5, 790);
await sleep(1500);
// The messages the page gets and the time it spends applying them (inside the frame's time: the
// call is synchronous).
await page.evaluate(() => {
  const A = window.Module.qcity.a11y;
  const apply = A.apply;
  window.__mirror = { messages: 0, bytes: 0, ms: 0 };
  A.apply = (m) => {
    const t = performance.now();
    apply(m);
    window.__mirror.ms += performance.now() - t;
    window.__mirror.messages++;
    window.__mirror.bytes += JSON.stringify(m).length;
  };
});
// Every frame's own time (qcity_frame_ms_last, read as the frame reports itself drawn): the median
// of each half is robust to the spikes of a loaded machine, the mean is not.
await page.evaluate(() => {
  const q = window.Module.qcity;
  let frame = q.frame;
  window.__times = [];
  Object.defineProperty(q, 'frame', { configurable: true, get: () => frame,
    set: (v) => { frame = v; window.__times.push(window.Module._qcity_frame_ms_last()); } });
});
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
// The mean of the middle half (the browser's clock ticks in 0.1 ms steps: a median alone is one step).
const midMean = (a) => {
  const s = [...a].sort((x, y) => x - y), lo = Math.floor(s.length / 4), hi = Math.max(lo + 1, Math.ceil(s.length * 3 / 4));
  const mid = s.slice(lo, hi);
  return mid.reduce((t, x) => t + x, 0) / mid.length;
};
const measure = async (on) => {
  await page.evaluate((v) => window.Module._qcity_a11y_enable(v), on ? 1 : 0);
  await sleep(300);
  await page.evaluate(() => { window.__times = []; window.__mirror = { messages: 0, bytes: 0, ms: 0 }; });
  let endMs = 0, n = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    endMs += await page.evaluate(() => window.Module._qcity_a11y_end_ms());
    n++;
    await sleep(50);
  }
  const times = await page.evaluate(() => window.__times);
  const mirror = await page.evaluate(() => window.__mirror);
  return { times, end: on ? endMs / n : 0, messages: mirror.messages, bytes: mirror.bytes, apply: mirror.ms };
};
const on = [], off = [];
for (let r = 0; r < rounds; r++) {
  off.push(await measure(false));
  on.push(await measure(true));
}
const nodes = await page.evaluate(() => window.Module._qcity_a11y_nodes());
const elements = await page.evaluate(() => window.Module.qcity.a11y.nodes.size);
const all = (a) => a.flatMap((x) => x.times);
const sum = (a, k) => a.reduce((s, x) => s + x[k], 0);
const pct = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor((s.length - 1) * q)]; };
const mOff = midMean(all(off)), mOn = midMean(all(on));
// The difference of each round (the load drifts between rounds), then their median.
const diffs = on.map((x, r) => midMean(x.times) - midMean(off[r].times));
console.log(`full county entry screen: ${nodes} nodes, ${elements} mirror elements; ${rounds} rounds of ${seconds} s off, ${seconds} s on`);
console.log(`frame CPU (mean of the middle half), mirror off: ${mOff.toFixed(3)} ms (${all(off).length} frames); on: ${mOn.toFixed(3)} ms (${all(on).length} frames)`);
console.log(`difference: ${(mOn - mOff).toFixed(3)} ms (median of the rounds' differences: ${median(diffs).toFixed(3)} ms); ` +
            `end_frame alone: ${(sum(on, 'end') / rounds).toFixed(3)} ms`);
// The fastest frames are those the machine's load did not interrupt: their 10th percentile.
console.log(`frame CPU, 10th percentile: mirror off ${pct(all(off), 0.1).toFixed(3)} ms, on ${pct(all(on), 0.1).toFixed(3)} ms; ` +
            `minimum: off ${Math.min(...all(off)).toFixed(3)} ms, on ${Math.min(...all(on)).toFixed(3)} ms`);
console.log(`mirror on: ${sum(on, 'messages')} messages to the page (${sum(on, 'bytes')} bytes), applying them ${sum(on, 'apply').toFixed(2)} ms in all`);
for (let r = 0; r < rounds; r++) console.log(`  round ${r + 1}: off ${midMean(off[r].times).toFixed(3)} ms, on ${midMean(on[r].times).toFixed(3)} ms`);
await browser.close();
server.close();
