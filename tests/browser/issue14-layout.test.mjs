// Issue 14, item 7 and the "Done when" checks on layout and the keyboard: at browser zoom 200 % and
// in a window 320 CSS px wide, every screen (start with saved assessments, entry — a full county
// and an enterprise —, results, the city roll-up, award readiness's three tabs) and every dialog
// and banner (a bad import, a duplicate import's question, a storage banner) lays out with no text
// clipped — each item inside the window and inside what it is drawn within (its window's or its
// table cell's clip rect, from the test hooks) — and no sideways scrolling of the page; large text
// (大字版) at 640×450 likewise, its click targets ≥ 44 CSS px. Screenshots, zh and en:
// tests/browser/artifacts/issue14-layout-*.png.
//
// Browser zoom is modelled as the browser does it: zoom 200 % on a 1280×900 window gives the page a
// devicePixelRatio of 2 and a viewport of 640×450 CSS px (deviceScaleFactor 2, viewport halved) —
// the canvas is re-sized and the fonts re-rasterised at twice the pixels, exactly what a person at
// 200 % gets. CSS `zoom` on the page would instead stretch the canvas's bitmap (blurred text, the
// wrong pixel ratio for ImGui): not what a browser's zoom does.
//
// The keyboard: Duplicate (复制) and a saved assessment's row reached and used with Tab and Enter;
// Escape closes each dialog and gives the focus back to the page; after a bad import the dialog
// holds the focus; after importing a file with a wrong figure the focus is on that figure's field;
// Tab goes down the page in reading order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIXED_COUNTY } from './fixtures/mixed-county.mjs';
import {
  useBrowser, openApp, clickItem, findItem, items, settle, quiet, saveArtifact, fontsIdle, frameCount, waitFrames,
} from './lib.mjs';

const env = useBrowser();
const FULL = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const EM = 17;  // the app's font size in CSS px (src/platform/web/fonts.cpp kFontCssPx)

const ENTERPRISE = {
  schema: 'qcity.assessment/1', catalog: 'yancheng-2022', profile: 'enterprise', unit: '盐城市某某电子有限公司', year: 2025,
  figures: { ent_legal_person: true, ent_registered_locally: true, ent_years_registered: 12, ent_years_pe: 2 },
  readiness: { self_score: { model: 'gbt19580-2012', reference: 600, items: { '4.1.2': { percent: 55, strength: '月度评审' }, '4.4.3': { percent: 30 } } } },
};
const DAFENG = { ...MIXED_COUNTY, unit: '大丰区' };
// Issue 16's screens too: an earlier year of the full county (a ×10 jump warns under its field, the
// results show trends) and an earlier self-scored year of the enterprise (the readiness chart).
const FULL_2022 = { ...FULL, year: 2022, figures: { ...FULL.figures, mfg_sampled_batches: 120, mfg_qualified_batches: 115 } };
const ENTERPRISE_2024 = {
  ...ENTERPRISE, year: 2024,
  readiness: { self_score: { model: 'gbt19580-2012', items: { '4.1.2': { percent: 35 }, '4.4.3': { percent: 20 } } } },
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-issue14-layout-'));
const file = (name, text) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

const VIEWS = [
  { name: 'w320', width: 320, height: 640, dpr: 1 },
  { name: 'zoom200', width: 640, height: 450, dpr: 2 },  // 1280×900 at 200 %
];

// Every item of the last frame with a size (the debug window aside).
async function drawn(page) {
  return (await items(page)).filter((it) => !it.window.startsWith('Debug##') && it.w > 0);
}

const shows = (i) => i.label.startsWith('##text:') || !!(i.text && i.text.trim());

// No item runs past the window's left or right edge or its clip rect (a table cell, a child, a
// dialog), no wrapped text is squeezed into a column a few characters wide, and the page does not
// scroll sideways. `what` names the case in a failure. Vertical clipping is scrolling, not a fault.
async function assertNothingClipped(page, what, opts = {}) {
  const { em = EM, minTexts = 1 } = opts;
  const vp = page.viewportSize();
  const all = await drawn(page);
  // (Texts, or items that show words: a screen of the rankings' section titles has no plain text.)
  const texts = all.filter(shows);
  assert.ok(texts.length >= minTexts, `${what}: texts drawn (${texts.length} of ${all.length} items)`);
  const bad = [];
  for (const it of all) {
    const name = `"${it.label.slice(0, 48)}" (${it.window.slice(0, 30)})`;
    // The roll-up's county × indicator matrix scrolls sideways inside itself, its first column
    // frozen, as a spreadsheet does (11 counties × 20 indicators do not fit 320 px): its cells are
    // where that scrolling puts them. The matrix itself is checked (its window, an item of "qcity").
    if (/\/matrix_/.test(it.window)) continue;
    if (it.x < -0.5) bad.push(`${name} starts left of the window (x ${it.x.toFixed(1)})`);
    if (it.x + it.w > vp.width + 0.5) bad.push(`${name} runs past the window's right edge (${(it.x + it.w).toFixed(1)} > ${vp.width})`);
    // Inside what it is drawn within, across (a row scrolled out of view is not clipped text).
    const c = it.clip;
    if (c && c.w > 0 && it.y < c.y + c.h && it.y + it.h > c.y) {
      if (it.x < c.x - 1 || it.x + it.w > c.x + c.w + 1) {
        bad.push(`${name} is cut by its clip rect (x ${it.x.toFixed(0)}–${(it.x + it.w).toFixed(0)}, clip ${c.x.toFixed(0)}–${(c.x + c.w).toFixed(0)})`);
      }
    }
    if (it.label.startsWith('##text:') && it.h > em * 1.6 && it.w < em * 4) bad.push(`${name} is ${it.w.toFixed(0)} px wide on ${Math.round(it.h / em)} lines`);
  }
  const scroll = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth,
                                               bw: document.body.scrollWidth, x: window.scrollX }));
  if (!(scroll.sw <= scroll.cw && scroll.bw <= scroll.cw && scroll.x === 0)) bad.push(`the page scrolls sideways (${JSON.stringify(scroll)})`);
  // Gathered over every screen of a test, asserted at its end (one run shows every fault).
  (opts.found || found).push(...bad.map((b) => `${what}: ${b}`));
  return all;
}
let found = [];

// Scrolls the main window's content down a screen at a time (the mouse wheel), checking each; back
// to the top after. At most `screens` screens.
async function assertScreenUnclipped(page, what, opts = {}, screens = 4) {
  const vp = page.viewportSize();
  // The mouse goes to the content once (then it stays: a move to where it is would only wake the
  // app for frames); each wheel waits for the frames it caused until the app draws no more.
  await page.mouse.move(vp.width / 2, vp.height * 0.7);
  const wheel = async (dy) => {
    const before = await frameCount(page);
    await page.mouse.wheel(0, dy);
    await waitFrames(page, 2, before);
    await quiet(page);
  };
  // Where everything is drawn: unchanged after a wheel, the wheel moved nothing.
  const where = (all) => all.map((t) => `${t.label}@${t.window}@${t.x.toFixed(0)},${t.y.toFixed(0)}`).join('|');
  let last = '';
  for (let i = 0; i < screens; i++) {
    const all = await assertNothingClipped(page, `${what} (screen ${i + 1})`, opts);
    // Where the texts are: unchanged after a wheel, the end is reached.
    const sig = all.filter(shows).map((t) => `${t.label}@${t.y.toFixed(0)}`).join('|');
    if (sig === last || i === screens - 1) break;  // (no wheel for a screen that is not checked)
    last = sig;
    await wheel(vp.height * 0.8);
  }
  // Back up as far as it went down, a wheel at a time, with wheels twice as long: up to `screens`
  // of them, stopping once one moves nothing (the rest would move nothing either).
  let at = where(await drawn(page));
  for (let i = 0; i < screens; i++) {
    await wheel(-vp.height * 2);
    const now = where(await drawn(page));
    if (now === at) break;
    at = now;
  }
  await toTop(page);
}

async function shot(page, name) {
  await fontsIdle(page);
  await settle(page, 2);
  saveArtifact(`issue14-layout-${name}.png`, await page.screenshot());
}

// The top of the page: the wheel over the top bar scrolls the main window back up (a tall top bar —
// large text, zoom 200 % — scrolls with it).
async function toTop(page) {
  const before = await frameCount(page);
  await page.mouse.move(page.viewportSize().width / 2, 4);
  await page.mouse.wheel(0, -20000);
  await waitFrames(page, 2, before);
}

// Focuses an item and presses it, as the mirror does for a keyboard or a screen reader (a11y.cpp
// request_focus: scrolled into view, then activated).
async function pressItem(page, label) {
  const it = await findItem(page, label);
  const before = await frameCount(page);
  await page.evaluate((id) => window.Module.ccall('qcity_a11y_focus', null, ['number', 'number'], [id, 1]), it.id);
  await waitFrames(page, 1, before);
  await quiet(page);  // scrolled, focused and pressed: the frames that takes, and no more
}

// To a screen by its tab on the top bar, from the top of the page (the tabs scroll with a tall top
// bar); `fromTop`: the page is there already (a screen's walk ends there).
async function go(page, screen, { fromTop = false } = {}) {
  if (!fromTop) await toTop(page);
  await clickItem(page, `###${screen}`);
  await quiet(page);
}

// A workspace with a full county, a second county of the same year (the roll-up) and an enterprise.
async function fill(page) {
  // (load() fills the open assessment: open each first.)
  await page.evaluate((docs) => {
    for (const d of docs) {
      window.qcity.open(d.profile, d.unit, d.year);
      window.qcity.load(d);
    }
  }, [FULL_2022, ENTERPRISE_2024, DAFENG, ENTERPRISE, FULL]);
  await settle(page, 3);
}

async function setLarge(page, on) {
  const box = await findItem(page, '###large_text');
  if (Boolean(box.checked) !== on) await clickItem(page, '###large_text');
  await settle(page, 3);
}

// Every screen of the app in one page, in one language: checked and photographed.
async function everyScreen(page, tag, opts) {
  await go(page, 'nav_start');
  await shot(page, `${tag}-start`);
  await assertScreenUnclipped(page, `${tag} start`, opts, 2);
  await page.evaluate((d) => window.qcity.open(d.profile, d.unit, d.year), FULL);
  await settle(page, 3);
  await go(page, 'nav_entry');
  await shot(page, `${tag}-entry`);
  await assertScreenUnclipped(page, `${tag} entry (county, full)`, opts, 6);
  await go(page, 'nav_results', { fromTop: true });
  await shot(page, `${tag}-results`);
  await assertScreenUnclipped(page, `${tag} results`, opts, 4);
  await go(page, 'nav_rollup', { fromTop: true });
  await shot(page, `${tag}-rollup`);
  await assertScreenUnclipped(page, `${tag} roll-up`, opts, 6);
  // The county comparison (issue 16), an indicator's ranking opened; then back to the matrix.
  // (Pressed as a keyboard or a screen reader would, which scrolls each into view first: with large
  // text in a short window they are below the fold.)
  await pressItem(page, '###tab_league');
  await pressItem(page, '###rank_mfg_pass_rate');
  await toTop(page);
  await shot(page, `${tag}-rollup-league`);
  await assertScreenUnclipped(page, `${tag} roll-up comparison`, opts, 6);
  await pressItem(page, '###rank_mfg_pass_rate');
  await pressItem(page, '###tab_matrix');
  await settle(page, 2);
  await page.evaluate((d) => window.qcity.open(d.profile, d.unit, d.year), ENTERPRISE);
  await settle(page, 3);
  await go(page, 'nav_entry');
  await shot(page, `${tag}-entry-enterprise`);
  await assertScreenUnclipped(page, `${tag} entry (enterprise)`, opts, 3);
  await go(page, 'nav_readiness', { fromTop: true });
  for (const tab of ['tab_summary', 'tab_gates', 'tab_score']) {
    await clickItem(page, `###${tab}`);
    await settle(page, 2);
    await shot(page, `${tag}-readiness-${tab.slice(4)}`);
    await assertScreenUnclipped(page, `${tag} readiness ${tab}`, opts, 4);
  }
}

for (const view of VIEWS) {
  test(`${view.name} (${view.width}×${view.height} CSS px, DPR ${view.dpr}): every screen unclipped, no sideways scroll (zh, en)`, async () => {
    found = [];
    const { context, page, log } = await openApp(env.browser, env.url, view);
    await fill(page);
    for (const lang of ['zh', 'en']) {
      await page.evaluate((l) => window.qcity.setLanguage(l), lang);
      await settle(page, 3);  // the labels in the new language before a click finds them
      await everyScreen(page, `${view.name}-${lang}`);
    }
    assert.deepEqual([...new Set(found)], [], 'clipped or squeezed');
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

// A page that scrolls as a whole stays one page however far it is scrolled: the results of a full
// county with large text in a short window, wheeled to their end, then one wheel up over the top
// brings back the top bar. (The app once chose between "the whole page scrolls" and "the list scrolls
// in a window of its own" by a height that counted the scroll: scrolled down, the list became a
// window of its own under the mouse, which took the wheel, and the top bar was out of reach.)
test('large text at 640×450: the results wheeled to their end and back up; the top bar returns, no inner list takes the wheel', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 640, height: 450, dpr: 1 });
  await page.evaluate((docs) => {
    for (const d of docs) {
      window.qcity.open(d.profile, d.unit, d.year);
      window.qcity.load(d);
    }
  }, [FULL_2022, FULL]);
  await settle(page, 3);
  await setLarge(page, true);
  await clickItem(page, '###nav_results');
  await settle(page, 3);
  const inner = (all) => all.filter((i) => /results_scroll/.test(i.window)).length;
  const navY = async () => (await findItem(page, '###nav_results')).y;
  const top = await navY();
  let all = [];
  for (let i = 0; i < 12; i++) {
    const before = await frameCount(page);
    await page.mouse.move(320, 315);
    await page.mouse.wheel(0, 400);
    await waitFrames(page, 2, before);
    all = await items(page);
    assert.equal(inner(all), 0, `wheel ${i + 1}: the list became a window of its own`);
  }
  assert.ok(!all.some((i) => i.label.endsWith('###nav_results') && i.y > 0), 'the wheel scrolled the top bar away');
  await toTop(page);
  assert.equal(await navY(), top, 'one wheel up over the top brings the top bar back where it was');
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('large text at 640×450 (DPR 1): every screen unclipped, targets ≥ 44 CSS px (zh, en)', async () => {
  found = [];
  const { context, page, log } = await openApp(env.browser, env.url, { width: 640, height: 450, dpr: 1 });
  await fill(page);
  await setLarge(page, true);
  for (const lang of ['zh', 'en']) {
    await page.evaluate((l) => window.qcity.setLanguage(l), lang);
    await settle(page, 3);
    await everyScreen(page, `large640-${lang}`, { em: EM * 1.5 });
    // The targets on the top bar, an entry field.
    await page.evaluate((d) => window.qcity.open(d.profile, d.unit, d.year), FULL);
    await go(page, 'nav_entry');
    for (const t of ['###lang', '###large_text', '###nav_start', '###nav_entry', '###nav_results', '###nav_rollup', '###export', '###import']) {
      const it = await findItem(page, t);
      assert.ok(it.h >= 44, `${lang}: ${t} is ${it.h} CSS px high`);
    }
  }
  assert.deepEqual([...new Set(found)], [], 'clipped or squeezed');
  assert.deepEqual(log.errors, []);
  await context.close();
});

// Dialogs and banners at both sizes: a file that is not an assessment (the error dialog), the
// same county imported again with other figures (the replace question), localStorage cleared
// between two visits (a banner).
for (const view of VIEWS) {
  test(`${view.name}: dialogs and the banner unclipped; Escape closes a dialog (zh, en)`, async () => {
    found = [];
    const { context, page, log } = await openApp(env.browser, env.url, view);
    await fill(page);
    const bad = file('bad.json', '{"schema": "qcity.assessment/1", "profile": "county", "unit": 5');
    const other = file('dongtai-again.json', JSON.stringify({ ...FULL, figures: { ...FULL.figures, mfg_sampled_batches: 999 } }));
    const importFile = async (f) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '###import')]);
      await chooser.setFiles(f);
    };
    for (const lang of ['zh', 'en']) {
      await page.evaluate((l) => window.qcity.setLanguage(l), lang);
      await settle(page, 2);
      await importFile(bad);
      await findItem(page, '###error_ok', { timeout: 10000 });
      await settle(page, 2);
      await shot(page, `${view.name}-${lang}-dialog-error`);
      await assertNothingClipped(page, `${view.name} ${lang} error dialog`);
      await page.keyboard.press('Escape');
      await settle(page, 3);
      assert.ok(!(await drawn(page)).some((i) => i.label.endsWith('###error_ok')), `${lang}: Escape closed the error dialog`);

      await importFile(other);
      await findItem(page, '###replace_no', { timeout: 10000 });
      await settle(page, 2);
      await shot(page, `${view.name}-${lang}-dialog-replace`);
      await assertNothingClipped(page, `${view.name} ${lang} replace dialog`);
      await page.keyboard.press('Escape');
      await settle(page, 3);
      assert.ok(!(await drawn(page)).some((i) => i.label.endsWith('###replace_no')), `${lang}: Escape closed the question`);
      assert.equal((await page.evaluate(() => window.qcity.state())).figures.mfg_sampled_batches, FULL.figures.mfg_sampled_batches, 'Escape kept mine');
    }
    // The banner: saved data gone between two visits.
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qcity.workspace.v1') || '{"items":[]}').items || []).length >= 3, null, { timeout: 10000 });
    await page.evaluate(() => window.Module.qcity.markerWritten);
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await waitFrames(page, 1);
    for (const lang of ['zh', 'en']) {
      await page.evaluate((l) => window.qcity.setLanguage(l), lang);
      await findItem(page, '###storage_cleared', { timeout: 10000 });
      await shot(page, `${view.name}-${lang}-banner`);
      await assertNothingClipped(page, `${view.name} ${lang} banner`);
    }
    assert.deepEqual([...new Set(found)], [], 'clipped or squeezed');
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}

//-------------------------------------------------------------------------------------------------
// The keyboard: Duplicate and a "kept from" row, a bad import, a banner
//-------------------------------------------------------------------------------------------------
// (issue14-a11y's keyboard test creates an assessment, fills three figures, opens the results and
// exports; these are the other paths.)

async function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    const r = el.getBoundingClientRect();
    return { tag: el.tagName.toLowerCase(), text: el.textContent, label: el.getAttribute('aria-label') || '', id: el.id,
             y: r.y, x: r.x, inDialog: !!el.closest('dialog, [role=dialog], [role=alertdialog]') };
  });
}

// Presses `key` until the focused element matches; the stops passed on the way.
async function tabTo(page, match, { key = 'Tab', max = 200 } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    const a = await active(page);
    stops.push(a);
    if (match(a, stops)) {
      await settle(page, 2);  // ImGui's focus follows the page's
      return { at: a, stops };
    }
    await page.keyboard.press(key);
  }
  throw new Error(`focus never reached the element (last: ${JSON.stringify(await active(page))})`);
}

// Enter on the top bar's Import, reached by `key` (Tab, Shift+Tab): the file chooser it opens. When
// none opens, the error says where the page's and ImGui's focus were, and what the page logged.
async function importByKeyboard(page, t, key, messages) {
  const walk = Date.now();
  const { at, stops } = await tabTo(page, (a) => a.text === t('导入文件', 'Import'), { key });
  const walked = `${stops.length} stops, ${((Date.now() - walk) / 1000).toFixed(1)} s`;
  // (For the report: whether the app asked for the chooser, and with the key's user activation.)
  await page.evaluate(() => {
    window.__qcityClicks = [];
    const click = HTMLInputElement.prototype.click;
    if (click.__qcityWrapped) return;
    HTMLInputElement.prototype.click = function () {
      window.__qcityClicks.push({ type: this.type, activation: navigator.userActivation.isActive });
      if (this.type === 'file') window.__qcityFileInput = this;
      return click.call(this);
    };
    HTMLInputElement.prototype.click.__qcityWrapped = true;
  });
  const navBefore = await page.evaluate(() => window.Module.UTF8ToString(window.Module._qcity_test_nav()));
  // (Waited for from the Enter on: the walk there, Tab by Tab, took longer than a wait started before
  // it on a loaded machine.)
  const chooser = page.waitForEvent('filechooser', { timeout: 20000 }).then((c) => ({ c }), (e) => ({ e }));
  await page.keyboard.press('Enter');
  const { c, e } = await chooser;
  if (c) return c;
  const imgui = (await drawn(page)).filter((i) => i.focused || i.active).map((i) => i.label);
  const { clicks, nav } = await page.evaluate(() => ({ clicks: window.__qcityClicks, nav: window.Module.UTF8ToString(window.Module._qcity_test_nav()) }));
  // The app asked for the chooser as a browser lets a page (its file input clicked, with the key's
  // user activation) and the browser sent no chooser to Playwright: rare, under load, seen 3 times in
  // CI-sized runs. What the app does is done; the files go to the input it clicked, and the rest of
  // the test goes on. (Said on stderr, so a run shows it.)
  if (clicks.some((k) => k.type === 'file' && k.activation)) {
    const input = (await page.evaluateHandle(() => window.__qcityFileInput)).asElement();
    if (input) {
      process.stderr.write(`importByKeyboard: the app clicked its file input (with user activation) but no file chooser came; files set on that input\n`);
      return { setFiles: (files) => input.setInputFiles(files) };
    }
  }
  throw new Error(`no file chooser after Enter on ${JSON.stringify(at)} (reached in ${walked}): ${e.message.split('\n')[0]}; the page's focus now ` +
                  `${JSON.stringify(await active(page))}, ImGui's ${JSON.stringify(imgui)}; ImGui before the Enter ${navBefore}, now ${nav}; ` +
                  `file inputs clicked ${JSON.stringify(clicks)}; the page logged ${JSON.stringify(messages.slice(-10))}`);
}

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('qcity.workspace.v1') || '{"items":[]}'));

for (const lang of ['zh', 'en']) {
  test(`keyboard only (${lang}): a "kept from" row opened and duplicated; a bad import's dialog holds the focus and Escape closes it; a file with a wrong figure focuses it`, async () => {
    const t = (zh, en) => (lang === 'zh' ? zh : en);
    // A workspace with 东台市 2023 twice: one of them kept from a backup (as "keep both" leaves it).
    const { context, page, log } = await openApp(env.browser, env.url, { width: 1280, height: 800 });
    const messages = [];
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    // Choosers intercepted for the page's whole life, not switched on again by each wait (a wait
    // started just before the Enter raced the browser's chooser).
    page.on('filechooser', () => {});
    await page.evaluate((l) => window.qcity.setLanguage(l), lang);
    await page.evaluate((d) => { window.qcity.open(d.profile, d.unit, d.year); window.qcity.load(d); }, FULL);
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qcity.workspace.v1') || '{"items":[]}').items || []).length === 1, null, { timeout: 10000 });
    const ws = await stored(page);
    const kept = structuredClone(ws.items[0]);
    kept.id = `${kept.id}-kept`;
    kept.kept_from = 'qcity-backup-2026-12-01.json';
    kept.assessment.figures.mfg_sampled_batches = 4321;
    ws.items.push(kept);
    await page.evaluate((w) => localStorage.setItem('qcity.workspace.v1', JSON.stringify(w)), ws);
    await page.reload();
    await waitFrames(page, 1);
    await settle(page, 3);
    assert.equal((await stored(page)).items.length, 2);

    // To the start screen: Tab to the nav's first tab, Enter.
    await tabTo(page, (a) => a.text === t('首页', 'Start'));
    await page.keyboard.press('Enter');
    await settle(page, 3);
    // Tab order is reading order: down the page, left to right on a line.
    const open = await tabTo(page, (a, stops) => a.text === t('打开', 'Open') && stops.filter((s) => s.text === t('打开', 'Open')).length === 2);
    const ys = open.stops.filter((s) => s.tag !== 'body' && s.tag !== 'div').map((s) => s.y);
    for (let i = 1; i < ys.length; i++) assert.ok(ys[i] >= ys[i - 1] - 2, `Tab goes down the page (${ys.slice(0, i + 1).map(Math.round).join(' → ')})`);
    await page.keyboard.press('Enter');
    await settle(page, 3);
    let s = await page.evaluate(() => window.qcity.state());
    assert.equal(s.figures.mfg_sampled_batches, 4321, 'Enter on the kept-from row\'s Open opened that one');
    await findItem(page, `##text:${t('备份中的版本：', 'The backup\'s version: ')}qcity-backup-2026-12-01.json`);  // on the top bar

    // Back to the list; Duplicate on the same row.
    await tabTo(page, (a) => a.text === t('首页', 'Start'), { key: 'Shift+Tab' });
    await page.keyboard.press('Enter');
    await settle(page, 3);
    await tabTo(page, (a, stops) => a.text === t('复制', 'Duplicate') && stops.filter((x) => x.text === t('复制', 'Duplicate')).length === 2);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (JSON.parse(localStorage.getItem('qcity.workspace.v1') || '{"items":[]}').items || []).length === 3, null, { timeout: 10000 });
    s = await page.evaluate(() => window.qcity.state());
    assert.equal(s.year, FULL.year + 1, 'the copy is of the next year, and open');
    assert.equal(s.figures.mfg_sampled_batches, 4321, 'a copy of the kept-from one');

    // A file that is not an assessment: the dialog takes the focus, Escape closes it, the focus is
    // back in the page (not lost to the body).
    const bad = file(`bad-${lang}.json`, '{"schema": "qcity.assessment/1", "profile": ');
    const chooser = await importByKeyboard(page, t, 'Tab', messages);
    await chooser.setFiles(bad);
    await page.waitForFunction(() => !!document.activeElement.closest('dialog, [role=dialog], [role=alertdialog]'), null, { timeout: 10000 });
    assert.equal((await active(page)).text, t('确定', 'OK'), 'the dialog\'s button has the focus');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.activeElement.closest('dialog, [role=dialog], [role=alertdialog]'), null, { timeout: 10000 });
    await settle(page, 2);
    assert.ok(!(await drawn(page)).some((i) => i.label.endsWith('###error_ok')), 'Escape closed the dialog');
    // No trap: Tab moves on from there.
    const from = await active(page);
    await page.keyboard.press('Tab');
    await settle(page, 1);
    assert.notDeepEqual(await active(page), from, 'Tab moves on');

    // A file with a wrong figure (more qualified batches than sampled): imported, and the focus is
    // on that figure's field.
    const wrong = { ...FULL, unit: '射阳县', figures: { ...FULL.figures, mfg_qualified_batches: 999999 } };
    const wrongFile = file(`wrong-${lang}.json`, JSON.stringify(wrong));
    const chooser2 = await importByKeyboard(page, t, 'Shift+Tab', messages);
    await chooser2.setFiles(wrongFile);
    await page.waitForFunction(() => window.qcity.state()?.unit === '射阳县', null, { timeout: 10000 });
    const bads = (await page.evaluate(() => window.qcity.results())).problems.filter((p) => p.severity === 'error');
    assert.ok(bads.length >= 1, 'the file has a wrong figure');
    const fieldName = (await page.evaluate(() => window.qcity.results())).problems.find((p) => p.severity === 'error').key;
    await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'INPUT', null, { timeout: 10000 });
    const focused = (await drawn(page)).find((i) => i.focused || i.active);
    assert.ok(focused && focused.label.includes(fieldName), `the focus is on the wrong figure ${fieldName} (${focused?.label})`);
    assert.deepEqual(log.errors, []);
    await context.close();
  });
}
