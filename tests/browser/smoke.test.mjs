// Smoke test: the served page starts, draws a non-blank first frame in Chinese, logs no errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, useApp, pngStats, saveArtifact, findItem, dist } from './lib.mjs';

const env = useBrowser();
// Both tests only look: one page, loaded once, for the file.
const app = useApp(env);

test('the page loads, draws a non-blank first frame and logs no errors', async () => {
  const { page, log } = await app();
  assert.equal(await page.locator('#loading').isVisible(), false, 'the loading indicator goes away after the first frame');
  assert.equal(await page.locator('#fatal').isVisible(), false, 'no fatal message');
  const png = await page.locator('#canvas').screenshot();
  saveArtifact('smoke-first-frame-zh.png', png);
  const stats = await pngStats(env.browser, png);
  assert.ok(stats.colors > 20, `canvas has many colours (text is drawn): ${stats.colors}`);
  assert.ok(stats.inkFraction > 0.01, `canvas is not blank: ${stats.inkFraction}`);
  assert.deepEqual(log.errors, [], 'no console errors');
});

test('the indicator list is in Chinese, with a CJK font (阜 and ≥ included)', async () => {
  const { page } = await app();
  // The tab labels come from the catalog/translations; the font must have their glyphs.
  await findItem(page, '县级评估');
  await findItem(page, '企业自评');
  // The UI font's characters (both its parts), as the build listed them.
  const chars = fs.readFileSync(path.join(dist, '..', 'font', 'qcity-ui.chars'), 'utf8');
  for (const ch of ['阜', '≥', '：', '盐', '质']) assert.ok(chars.includes(ch), `the UI font covers ${ch}`);
});
