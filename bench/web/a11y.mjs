// What the accessible mirror (issue 14) costs a frame: the mean C++ time of a frame on the full
// county entry screen drawn every frame (?continuous=1), with the mirror on and off, alternated
// (the machine's load drifts), and the time of a11y::end_frame alone (the diff and its message).
//   node bench/web/a11y.mjs [--rounds 3] [--seconds 3]      (build the web app first)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../tests/browser/lib.mjs';  // playwright-core, from tests/browser's node_modules
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const rounds = arg('--rounds', 3), seconds = arg('--seconds', 3);
const fixture = JSON.parse(fs.readFileSync(path.join(repo, 'tests/browser/fixtures/dongtai-2023.json'), 'utf8'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { server, url } = await startServer({ dir: path.join(repo, 'build/web/dist') });
const browser = await launch();
const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
await page.goto(url + '?continuous=1');
await page.waitForFunction(() => window.Module && window.Module.qcity && window.Module.qcity.frame > 2);
await page.evaluate((d) => window.qcity.load(d), fixture);
await page.mouse.move(5, 790);
await sleep(1500);
const measure = async (on) => {
  await page.evaluate((v) => window.Module._qcity_a11y_enable(v), on ? 1 : 0);
  await sleep(500);
  await page.evaluate(() => window.Module._qcity_frame_ms_reset());
  let endMs = 0, n = 0;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    endMs += await page.evaluate(() => window.Module._qcity_a11y_end_ms());
    n++;
    await sleep(50);
  }
  return { frame: await page.evaluate(() => window.Module._qcity_frame_ms_mean()), end: on ? endMs / n : 0 };
};
const on = [], off = [];
for (let r = 0; r < rounds; r++) {
  off.push(await measure(false));
  on.push(await measure(true));
}
const nodes = await page.evaluate(() => window.Module._qcity_a11y_nodes());
const elements = await page.evaluate(() => window.Module.qcity.a11y.nodes.size);
const mean = (a, k) => a.reduce((s, x) => s + x[k], 0) / a.length;
console.log(`full county entry screen: ${nodes} nodes, ${elements} mirror elements`);
console.log(`frame CPU, mirror off: ${mean(off, 'frame').toFixed(3)} ms; on: ${mean(on, 'frame').toFixed(3)} ms; ` +
            `difference: ${(mean(on, 'frame') - mean(off, 'frame')).toFixed(3)} ms; end_frame alone: ${mean(on, 'end').toFixed(3)} ms`);
await browser.close();
server.close();
