// What a drawn frame costs the browser: CPU time of all Chromium processes (from /proc) while the
// app draws every frame (`?continuous=1`), start screen, per drawn frame. Linux only.
//   xvfb-run -a node bench/web/frame-cost.mjs            (build/web/dist, or QCITY_DIST=DIR)
import fs from 'node:fs';
import { launch, serve, frameCount } from '../../tests/browser/lib.mjs';

const chromiumCpuMs = () => {
  let ticks = 0;
  for (const p of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const s = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      if (!s.includes('(chromium') && !s.includes('(chrome')) continue;
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);  // utime + stime
    } catch { /* the process ended */ }
  }
  return ticks * 10;  // USER_HZ 100
};

const { server, url } = await serve();
const browser = await launch();
for (const [width, height, dpr] of [[1280, 800, 1], [640, 450, 2]]) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
  const page = await context.newPage();
  await page.goto(new URL('?continuous=1', url).href);
  await page.waitForTimeout(3000);
  const f0 = await frameCount(page), c0 = chromiumCpuMs();
  await page.waitForTimeout(5000);
  const f1 = await frameCount(page), c1 = chromiumCpuMs();
  console.log(`${width}×${height} DPR ${dpr}: ${f1 - f0} frames in 5 s, ${((c1 - c0) / (f1 - f0)).toFixed(1)} ms of CPU a frame`);
  await context.close();
}
await browser.close();
server.close();
