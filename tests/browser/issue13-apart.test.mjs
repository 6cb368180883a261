// Issue 13, files out of the first download (cmake/embed_assets.py, core.h provide_embedded_file):
// - the award files, the scoring model and the report's style sheet are not in qcity.wasm: they
//   travel in qcity.deferred.wasm's custom section "qcity.files", the same documents as assets/;
// - the catalogs are not in qcity.wasm either, but for each one's head (what the start screen's form
//   shows): they are files beside the page, catalog/ID.json, fetched after a first visit's first
//   frame (before the first frame of a returning visit); creating an assessment reads one (by a
//   synchronous request if it is not here yet); if it cannot be had, the page says so;
// - the UI's English is not in qcity.wasm either: it is i18n/ui.en.json beside the page, fetched
//   after the first frame of a page that opens in Chinese, before the first frame of one that opens
//   in English (?lang=en), and the language switch then shows it with no further request; if it
//   cannot be had, the app stays in Chinese and works.
// (The award files and the style sheet are read on screen by readiness.test.mjs and in print by
// report-pdf.test.mjs, through this path, on a split build.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, dist, repo, waitFrames } from './lib.mjs';

const env = useBrowser();
const split = fs.existsSync(path.join(dist, 'qcity.deferred.wasm'));
const assets = path.join(repo, 'assets');
const ENGLISH = 'i18n/ui.en.json';

// The files in a "qcity.files" payload: per file, u32 name length, name, u32 data length, data.
function filesOf(payload) {
  const view = new DataView(payload), out = new Map();
  for (let at = 0; at < payload.byteLength;) {
    const next = () => { const n = view.getUint32(at, true), b = Buffer.from(payload, at + 4, n); at += 4 + n; return b; };
    const name = next().toString('utf8');
    out.set(name, next());
  }
  return out;
}
const sameDocument = (name, bytes) => (name.endsWith('.json')
  ? assert.deepEqual(JSON.parse(bytes.toString('utf8')), JSON.parse(fs.readFileSync(path.join(assets, name), 'utf8')), name)
  : assert.equal(bytes.toString('utf8'), fs.readFileSync(path.join(assets, name), 'utf8'), name));

// A catalog's head as cmake/embed_assets.py compiles it in (HEAD_KEYS; core.h: default_catalog_head).
const HEAD_KEYS = ['schema', 'id', 'name', 'city', 'source', 'years', 'plausible_change', 'units'];
const catalogs = fs.readdirSync(path.join(assets, 'catalog')).filter((f) => f.endsWith('.json')).map((f) => `catalog/${f}`);

test('the award files, the scoring model and the report\'s style sheet travel in the deferred half, not in qcity.wasm', { skip: !split && 'this build is not split (no wasm-split)' }, () => {
  const primary = fs.readFileSync(path.join(dist, 'qcity.wasm'));
  const deferred = new WebAssembly.Module(fs.readFileSync(path.join(dist, 'qcity.deferred.wasm')));
  const sections = WebAssembly.Module.customSections(deferred, 'qcity.files');
  assert.equal(sections.length, 1);
  const files = filesOf(sections[0]);
  const expected = ['awards', 'scoring', 'report'].flatMap((dir) => fs.readdirSync(path.join(assets, dir))
    .filter((f) => /\.(json|css)$/.test(f)).map((f) => `${dir}/${f}`)).sort();
  assert.deepEqual([...files.keys()].sort(), expected);
  for (const [name, bytes] of files) {
    sameDocument(name, bytes);
    // Not in qcity.wasm: its first 64 bytes as embedded (the schema and id of a JSON file: an award
    // file's figures are the catalog's too) are not found there.
    const probe = bytes.subarray(0, 64);
    assert.equal(primary.indexOf(probe), -1, `${name} is not in qcity.wasm`);
  }
});

test('the catalogs are files beside the page, the same documents as assets/; qcity.wasm keeps each one\'s head and nothing more of it', () => {
  assert.ok(catalogs.includes('catalog/yancheng-2022.json'));
  const primary = fs.readFileSync(path.join(dist, 'qcity.wasm'));
  const version = fs.readFileSync(path.join(dist, 'qcity-version.js'), 'utf8');
  assert.match(version, new RegExp(`window\\.QCITY_CATALOGS = ${JSON.stringify(catalogs).replace(/[[\]/.]/g, '\\$&')};`));
  for (const name of catalogs) {
    const bytes = fs.readFileSync(path.join(dist, name));
    sameDocument(name, bytes);
    const doc = JSON.parse(bytes.toString('utf8'));
    const head = Object.fromEntries(HEAD_KEYS.filter((k) => k in doc).map((k) => [k, doc[k]]));
    assert.notEqual(primary.indexOf(Buffer.from(JSON.stringify(head))), -1, `${name}'s head is in qcity.wasm`);
    // The catalog begins with its head; from its first member after it, 64 bytes, and its last 64
    // bytes, are not in qcity.wasm.
    const rest = bytes.indexOf('"groups":');
    assert.ok(rest > 0);
    assert.equal(primary.indexOf(bytes.subarray(rest, rest + 64)), -1, `${name}'s groups are not in qcity.wasm`);
    assert.equal(primary.indexOf(bytes.subarray(bytes.length - 64)), -1, `${name}'s end is not in qcity.wasm`);
  }
});

test('the UI\'s English is a file beside the page, and not in qcity.wasm', () => {
  const ui = JSON.parse(fs.readFileSync(path.join(assets, 'i18n/ui.json'), 'utf8'));
  const english = JSON.parse(fs.readFileSync(path.join(dist, ENGLISH), 'utf8'));
  const want = Object.fromEntries(Object.entries(ui).filter(([, forms]) => forms && forms.en !== undefined).map(([k, forms]) => [k, forms.en]));
  assert.deepEqual(english, want);
  const primary = fs.readFileSync(path.join(dist, 'qcity.wasm'));
  for (const key of ['app.private', 'storage.unavailable']) {
    assert.equal(primary.indexOf(Buffer.from(ui[key].en)), -1, `${key}'s English is not in qcity.wasm`);
    assert.notEqual(primary.indexOf(Buffer.from(ui[key].zh)), -1, `${key}'s Chinese is`);
  }
});

const newContext = () => env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' });
async function open(context, query = '') {
  const page = await context.newPage();
  const log = { errors: [], warnings: [], english: [] };
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); if (m.type() === 'warning') log.warnings.push(m.text()); });
  page.on('request', (r) => { if (r.url().endsWith('/' + ENGLISH)) log.english.push(r.url()); });
  await page.goto(env.url + query);
  await waitFrames(page, 2);
  return { page, log };
}
// The accessible mirror's names (the shipped page's own view of the screen).
const names = (page) => page.$$eval('#qcity-a11y .qa', (els) => els.map((el) => el.getAttribute('aria-label') || el.textContent || ''));
const englishEntry = (page) => page.evaluate((name) => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('/' + name)).map((e) => ({ start: e.startTime, end: e.responseEnd, first: window.qcityFirstFrameMs })), ENGLISH);
async function switchLanguage(page, to) {
  const before = await page.evaluate(() => window.Module.qcity.frame);
  const clicked = await page.evaluate((label) => {
    const el = [...document.querySelectorAll('#qcity-a11y .qa')].find((e) => (e.getAttribute('aria-label') || e.textContent) === label);
    if (el) el.click();  // (a screen reader's click)
    return !!el;
  }, to === 'en' ? 'English' : '中文');
  assert.ok(clicked, 'the language switch is on the screen');
  await waitFrames(page, 2, before);
}

test('a page that opens in Chinese fetches the English after its first frame; the switch then shows it with no further request', async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context);
    await page.waitForFunction(() => window.Module.qcity.english.bytes !== null);
    const [entry] = await englishEntry(page);
    assert.ok(entry.start > entry.first, 'requested after the first frame');
    assert.ok((await names(page)).includes('English'));
    await switchLanguage(page, 'en');
    await page.waitForFunction(() => [...document.querySelectorAll('#qcity-a11y .qa')].some((el) => el.textContent === '中文'));
    const shown = await names(page);
    assert.ok(shown.some((n) => /Create|assessment/i.test(n)), `English on the screen: ${shown.join(' | ')}`);
    assert.equal(log.english.length, 1, 'one request for the English');
    await switchLanguage(page, 'zh');
    assert.ok((await names(page)).includes('English'));
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('a page that opens in English (?lang=en) has the English before its first frame', async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context, '?lang=en');
    await page.waitForFunction(() => [...document.querySelectorAll('#qcity-a11y .qa')].some((el) => el.textContent === '中文'));
    const entries = await englishEntry(page);
    assert.equal(entries.length, 1);
    assert.ok(entries[0].end < entries[0].first, 'here before the first frame');
    assert.equal(log.english.length, 1);
    // (The address's lang is applied through the page API, deferred code: a split build loads both
    // halves before the first frame for such a page, so no synchronous request.)
    if (split) {
      const d = await page.evaluate(() => [window.Module.qcity.deferredLoaded || 0, window.Module.qcity.deferredAhead]);
      assert.ok(d[0] === 0 || d[1] === true, `the deferred half, if needed, from the module compiled ahead: ${d}`);
    }
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('when the English cannot be had, the switch leaves the app in Chinese, and it works on', async () => {
  const context = await newContext();
  try {
    await context.route('**/' + ENGLISH, (route) => route.abort('internetdisconnected'));
    const { page, log } = await open(context);
    await page.waitForFunction(() => window.Module.qcity.english.fetching === null && window.Module.qcity.frame > 2);
    await switchLanguage(page, 'en');
    await new Promise((r) => setTimeout(r, 300));
    const shown = await names(page);
    assert.ok(shown.includes('创建评估') || shown.some((n) => /[\u4e00-\u9fff]/.test(n)), `Chinese on the screen: ${shown.join(' | ')}`);
    assert.ok(!shown.some((n) => /^[a-z]+(\.[a-z_]+)+$/.test(n)), 'no translation key shown');
    assert.ok(log.warnings.some((w) => w.includes(ENGLISH)), 'the console says why');
    assert.equal(await page.evaluate(() => window.qcity.language()), 'en', 'the language chosen is kept');
    assert.deepEqual(log.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await context.close();
  }
});

// --- The catalogs beside the page.
const CATALOG = 'catalog/yancheng-2022.json';
const catalogEntries = (page) => page.evaluate((name) => performance.getEntriesByType('resource')
  .filter((e) => e.name.endsWith('/' + name)).map((e) => ({ type: e.initiatorType, start: e.startTime, end: e.responseEnd, first: window.qcityFirstFrameMs })), CATALOG);
const countyFigureNames = JSON.parse(fs.readFileSync(path.join(assets, CATALOG), 'utf8')).figures
  .filter((f) => f.profile === 'county').map((f) => f.name.zh);
async function clickNamed(page, re) {
  const before = await page.evaluate(() => window.Module.qcity.frame);
  const clicked = await page.evaluate((src) => {
    const el = [...document.querySelectorAll('#qcity-a11y .qa')].find((e) => new RegExp(src).test(e.getAttribute('aria-label') || e.textContent || ''));
    if (el) el.click();  // (a screen reader's click)
    return !!el;
  }, re.source);
  assert.ok(clicked, `a widget named ${re} on the screen`);
  await waitFrames(page, 2, before);
}
const onEntryScreen = (page) => page.waitForFunction((figures) => [...document.querySelectorAll('#qcity-a11y .qa')]
  .some((el) => figures.some((f) => (el.getAttribute('aria-label') || el.textContent || '').includes(f))), countyFigureNames);

test('a first visit draws the start screen from the catalog\'s head, fetches the catalog after its first frame, and creating an assessment reads it; a returning visit has it before its first frame', async () => {
  const context = await newContext();
  try {
    const { page, log } = await open(context);
    // The form's unit picker shows the first of the catalog's units (its head), before any catalog.
    const units = JSON.parse(fs.readFileSync(path.join(assets, CATALOG), 'utf8')).units;
    const picker = await page.$$eval('#qcity-a11y input.qa[role=combobox]', (els) => els.map((el) => el.value));
    assert.deepEqual(picker, [units[0].name.zh], 'the first unit in the picker');
    await page.waitForFunction((name) => window.Module.qcity.beside.files[name].bytes !== null, CATALOG);
    const [entry, more] = await catalogEntries(page);
    assert.equal(more, undefined, 'one request');
    assert.equal(entry.type, 'fetch');
    assert.ok(entry.start > entry.first, 'requested after the first frame');
    await clickNamed(page, /^创建评估/);
    await onEntryScreen(page);
    assert.equal((await catalogEntries(page)).length, 1, 'no further request');
    assert.deepEqual(log.errors, []);
    // The returning visit opens on the entry screen: the catalog before its first frame, fetched.
    await page.evaluate(() => window.Module._qcity_autosave());
    await page.reload();
    await waitFrames(page, 2);
    await onEntryScreen(page);
    const [again] = await catalogEntries(page);
    assert.equal(again.type, 'fetch');
    assert.ok(again.end < again.first, 'here before the first frame');
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test('asked for before it arrived, the catalog comes by a synchronous request; when it cannot be had, the page says so', async () => {
  let context = await newContext();
  try {
    // The fetch after the first frame held back: creating an assessment asks for it at once.
    let release;
    const held = new Promise((r) => { release = r; });
    await context.route('**/' + CATALOG, async (route) => {
      if (route.request().resourceType() === 'fetch') await held;
      await route.continue();
    });
    const { page, log } = await open(context);
    await clickNamed(page, /^创建评估/);
    await onEntryScreen(page);
    const types = (await catalogEntries(page)).map((e) => e.type);
    assert.ok(types.includes('xmlhttprequest'), `a synchronous request: ${types}`);
    release();
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
  context = await newContext();
  try {
    await context.route('**/' + CATALOG, (route) => route.abort('internetdisconnected'));
    const { page, log } = await open(context);
    // The start screen works from the catalog's head; creating an assessment needs the catalog.
    assert.ok((await names(page)).some((n) => /^创建评估/.test(n)));
    await page.evaluate(() => {
      const el = [...document.querySelectorAll('#qcity-a11y .qa')].find((e) => /^创建评估/.test(e.getAttribute('aria-label') || e.textContent || ''));
      el.click();
    });
    await page.waitForSelector('#fatal:not([hidden])');
    const said = await page.locator('#fatal').innerText();
    assert.match(said, /指标目录/);
    assert.match(said, /indicator catalog/);
    assert.match(said, new RegExp(CATALOG.replace(/[/.]/g, '\\$&')));
    assert.ok(log.warnings.some((w) => w.includes(CATALOG)), 'the console says why');
  } finally {
    await context.close();
  }
});
