// Issue 13, work only when something changes: idle frames, frames drawn, a screen switch and a
// language switch judge nothing again; the roll-up is computed when its counties change, not every
// frame; the qcity:results document is built only while the page listens (window.qcity.results()
// stays synchronous and right). Counted through the test export qcity_test_work (app_state.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useBrowser, openApp, clickItem, items, settle, textOf, findItem } from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const work = (page) => page.evaluate(() => JSON.parse(window.Module.ccall('qcity_test_work', 'string', [], [])));
const results = (page) => page.evaluate(() => window.qcity.results());

// Two county assessments of 2023 through the page API (大丰区 open last).
async function twoCounties(page) {
  for (const unit of ['东台市', '大丰区']) {
    await page.evaluate(([u, doc]) => { window.qcity.open('county', u, 2023); window.qcity.load({ ...doc, unit: u }); }, [unit, fixture]);
  }
  await settle(page, 3);
}

// Frames drawn with nothing changed (a redraw asked, as the mouse or a resize would).
async function idleFrames(page, n) {
  const before = (await work(page)).frames;
  await settle(page, n);
  const after = await work(page);
  assert.ok(after.frames >= before + n, `${n} frames drawn (${before} → ${after.frames})`);
  return after;
}

test('screens, languages and idle frames judge nothing again; an edit is judged once', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await twoCounties(page);
  await clickItem(page, '###nav_entry');
  const w0 = await idleFrames(page, 2);
  // Idle, the loop pauses itself (after about half a second of idle ticks): the work counted then is
  // all the idle page will ever do.
  await page.waitForFunction(() => window.Module._qcity_loop_paused() === 1, null, { timeout: 10000 });
  const idle = await work(page);
  assert.deepEqual({ ...idle, frames: 0 }, { ...w0, frames: 0 }, 'nothing done while idle');
  await idleFrames(page, 5);
  for (const label of ['###nav_results', '###nav_entry', '###nav_start', '###nav_rollup', '###nav_entry', 'English###lang', '###nav_results', '中文###lang']) {
    await clickItem(page, label);
    await settle(page, 2);
  }
  const w1 = await work(page);
  assert.equal(w1.evaluations, w0.evaluations, 'switching screens and languages re-judged the open assessment');
  assert.equal(w1.results_json, 0, 'no page listens: no results document built');

  await page.evaluate(() => window.qcity.setFigure('one_stop_platform', false));
  await settle(page, 3);
  const w2 = await work(page);
  assert.equal(w2.evaluations, w1.evaluations + 1, 'the edit is judged once');
  assert.equal((await results(page)).indicators.find((i) => i.id === 'one_stop_platform').status, 'not_met');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a hover tooltip appears after its delay from one frame drawn then, not from a second of frames', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await twoCounties(page);
  await clickItem(page, '###nav_entry');
  const marker = (await items(page)).find((i) => i.label.startsWith('(?)###help_'));
  assert.ok(marker, 'a (?) help marker on the entry screen');
  await page.mouse.move(marker.x + marker.w / 2, marker.y + marker.h / 2);
  const moved = (await work(page)).frames;
  // Watched without asking for frames (items() and settle() would): the tooltip's text is among the
  // items of the frames the app draws by itself.
  await page.waitForFunction(() => JSON.parse(window.Module.UTF8ToString(window.Module._qcity_test_items()))
    .some((i) => i.window.startsWith('##Tooltip') && i.label.startsWith('##text:')), null, { timeout: 5000 });
  await page.waitForFunction(() => window.Module._qcity_loop_paused() === 1, null, { timeout: 10000 });
  const drawn = (await work(page)).frames - moved;
  // The move's few frames and four once the delay has passed (main_web.cpp's main_loop says why).
  // Before: every frame for a second (60 at 60 Hz).
  assert.ok(drawn <= 10, `${drawn} frames drawn for a hover tooltip`);
  assert.deepEqual(log.errors, []);
  await context.close();
});

// Frames the app draws for one input, from a quiet page (the loop paused) until it is quiet again.
async function framesFor(page, input) {
  await page.waitForFunction(() => window.Module._qcity_loop_paused() === 1, null, { timeout: 10000 });
  const before = (await work(page)).frames;
  await input();
  await page.waitForFunction(() => window.Module._qcity_loop_paused() === 1, null, { timeout: 10000 });
  return (await work(page)).frames - before;
}

test('an input draws the frames that show what it changed and one more, not a fixed few', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await twoCounties(page);
  await clickItem(page, '###nav_entry');
  // The entry screen (two counties' figures: every row drawn, the accessible mirror on).
  const counts = {};
  counts.moveOverNothing = await framesFor(page, () => page.mouse.move(1270, 790));
  counts.smallMove = await framesFor(page, () => page.mouse.move(1265, 785));
  counts.wheel = await framesFor(page, () => page.mouse.wheel(0, 300));
  counts.tab = await framesFor(page, () => page.keyboard.press('Tab'));
  const nav = (await items(page)).find((i) => i.label.endsWith('###nav_results'));
  counts.click = await framesFor(page, () => page.mouse.click(nav.x + nav.w / 2, nav.y + nav.h / 2));
  await findItem(page, '###only_not_met', { timeout: 0 });  // the click opened the results (drawn by the frames counted)
  // The frame that takes the input, the one after (Dear ImGui applies a keyboard move's focus and the
  // cursor's shape a frame later), and one more for each frame that looked different from the one
  // before it (main_web.cpp's main_loop). Before: 3 for any input, 4 for a Tab.
  assert.equal(counts.moveOverNothing, 2, JSON.stringify(counts));
  assert.equal(counts.smallMove, 2, JSON.stringify(counts));
  assert.ok(counts.wheel >= 2 && counts.wheel <= 3, JSON.stringify(counts));
  assert.ok(counts.tab >= 2 && counts.tab <= 3, JSON.stringify(counts));
  assert.ok(counts.click >= 3 && counts.click <= 6, JSON.stringify(counts));
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the roll-up is computed when its counties or their figures change, not for each frame', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await twoCounties(page);
  await clickItem(page, '###nav_rollup');
  await settle(page, 2);
  assert.match(await textOf(page, 'rollup_counts'), /^纳入 2\/11 个县（市、区）/);
  const w0 = await work(page);
  assert.ok(w0.rollups >= 1);
  const w1 = await idleFrames(page, 8);
  assert.equal(w1.rollups, w0.rollups, 'frames drawn re-ran the roll-up');
  await clickItem(page, 'English###lang');
  await settle(page, 2);
  assert.match(await textOf(page, 'rollup_counts'), /^2 of 11 county-level units included/);
  assert.equal((await work(page)).rollups, w0.rollups, 'the language switch re-ran the roll-up');

  await page.evaluate(() => window.qcity.setFigure('one_stop_platform', false));  // 大丰区, open
  await settle(page, 3);
  const w2 = await idleFrames(page, 4);
  assert.equal(w2.rollups, w0.rollups + 1, 'an edit re-runs the roll-up once');
  // Leaving a county out re-runs it once, with one county.
  const boxes = (await items(page)).filter((i) => i.label.includes('##use_'));
  assert.equal(boxes.length, 2);
  await clickItem(page, boxes[0].text);
  await settle(page, 2);
  assert.match(await textOf(page, 'rollup_counts'), /^1 of 11 county-level units included/);
  assert.equal((await idleFrames(page, 3)).rollups, w0.rollups + 2, 'leaving a county out re-runs the roll-up once');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('the qcity:results document is built only while the page listens', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await twoCounties(page);
  const base = (await work(page)).results_json;
  assert.equal(base, 0, 'nobody listened: built for nobody');

  await page.evaluate(() => {
    window.heard = [];
    window.hear = (e) => window.heard.push(e.detail);
    document.addEventListener('qcity:results', window.hear);
    document.addEventListener('qcity:results', window.hear);  // the same listener twice is one listener
  });
  await page.evaluate(() => window.qcity.setFigure('one_stop_platform', false));
  const heard = await page.evaluate(() => window.heard);
  assert.equal(heard.length, 1);
  assert.equal(heard[0].indicators.find((i) => i.id === 'one_stop_platform').status, 'not_met');
  assert.deepEqual(heard[0], await results(page), 'the event carries what results() returns');
  const built = (await work(page)).results_json;
  assert.equal(built, 2, 'one for the event, one for results()');

  // The UI's language switch tells the listener, in the new language, without judging again.
  const evaluations = (await work(page)).evaluations;
  await clickItem(page, 'English###lang');
  await settle(page, 2);
  const afterSwitch = await page.evaluate(() => window.heard);
  assert.equal(afterSwitch.length, 2);
  assert.equal(afterSwitch[1].indicators.find((i) => i.id === 'one_stop_platform').status_text, 'Not met');
  assert.equal((await work(page)).evaluations, evaluations);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

  await page.evaluate(() => document.removeEventListener('qcity:results', window.hear));
  const before = (await work(page)).results_json;
  await page.evaluate(() => window.qcity.setFigure('one_stop_platform', true));
  await settle(page, 2);
  assert.equal((await work(page)).results_json, before, 'no listener left: nothing built');
  assert.equal((await page.evaluate(() => window.heard)).length, 2);
  // results() is still synchronous and current.
  assert.equal((await results(page)).indicators.find((i) => i.id === 'one_stop_platform').status, 'met');
  // <html lang> still follows the UI's switch with nobody listening.
  await clickItem(page, '中文###lang');
  await settle(page, 2);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.deepEqual(log.errors, []);
  await context.close();
});
