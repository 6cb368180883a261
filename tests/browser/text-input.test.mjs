// Text input that Chinese users expect: IME text, composition, the clipboard, a column from Excel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useBrowser, openApp, clickItem, findItem, typeInto, settle, drained, waitFrames, frameCount, scrollTo, saveArtifact, pngStats, fontsIdle,
} from './lib.mjs';

const env = useBrowser();

const NAME = '盐城市某某机械有限公司';
const state = (page) => page.evaluate(() => window.qcity.state());

async function focusEnterpriseName(page) {
  await clickItem(page, '企业自评');
  await clickItem(page, '企业名称###new_name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'qcity-text-input');
}

// A new county assessment, its first figure clicked (its field has the page's focus) and typed into.
async function typeFirstFigure(page, text) {
  await clickItem(page, '创建评估');
  await clickItem(page, '##fig_mfg_qualified_batches');
  await page.waitForFunction(() => document.activeElement.id === 'qcity-text-input');
  await page.keyboard.type(text);
}

test('Chinese text inserted by an input method lands in the field exactly', async () => {
  const { context, page, log } = await openApp(env.browser, env.url);
  await focusEnterpriseName(page);
  const before = await frameCount(page);
  await page.keyboard.insertText(NAME);
  await waitFrames(page, 1, before);
  await drained(page);
  await clickItem(page, '创建评估');
  const s = await state(page);
  assert.equal(s.profile, 'enterprise');
  assert.equal(s.unit, NAME);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('an IME composition is shown while composing and committed once', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await focusEnterpriseName(page);
  const cdp = await context.newCDPSession(page);
  // Pinyin being composed, then the candidate chosen: only the committed text is typed.
  for (const [i, ch] of [...NAME].entries()) {
    await cdp.send('Input.imeSetComposition', { text: 'pinyin', selectionStart: 6, selectionEnd: 6 });
    if (i === 0) {
      assert.equal(await page.evaluate(() => document.getElementById('qcity-text-input').classList.contains('composing')), true,
        'the composition is visible at the caret');
      saveArtifact('ime-composing.png', await page.screenshot());
    }
    await cdp.send('Input.insertText', { text: ch });
  }
  await drained(page);
  await clickItem(page, '创建评估');
  assert.equal((await state(page)).unit, NAME);
  await context.close();
});

test('Backspace, arrows and typing keep working in the field', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await focusEnterpriseName(page);
  await page.keyboard.insertText('盐城市ABC有限公司');
  await drained(page);
  // Caret at the end: delete "有限公司" (4 × Backspace), go left past "ABC", type 某.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.insertText('某');
  await page.keyboard.press('End');
  await page.keyboard.type('xy');
  await drained(page);
  await clickItem(page, '创建评估');
  assert.equal((await state(page)).unit, '盐城市某ABCxy');
  await context.close();
});

test('Tab moves to the next field, Enter commits (the focus stays on the field, no longer edited), Escape reverts', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await typeFirstFigure(page, '12');
  await page.keyboard.press('Tab');
  await page.keyboard.type('34');
  await page.keyboard.press('Enter');
  await drained(page);
  await settle(page);
  const s = await state(page);
  assert.equal(s.figures.mfg_qualified_batches, 12);
  assert.equal(s.figures.mfg_sampled_batches, 34);
  // The field's own input (the accessible mirror's) keeps the focus (it was the canvas before the mirror).
  await page.waitForFunction(() => document.activeElement.closest('#qcity-a11y'));
  // Escape gives up the edit in progress: the field goes back to what it held.
  await clickItem(page, '##fig_mfg_sampled_batches');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('99');
  await drained(page);
  assert.equal((await state(page)).figures.mfg_sampled_batches, 99);
  await page.keyboard.press('Escape');
  await drained(page);
  await settle(page);
  assert.equal((await state(page)).figures.mfg_sampled_batches, 34);
  await context.close();
});

// What a fast typist does while the app is busy: the focus moves to the next field, "345" is typed,
// Backspace, Enter — all before the app draws a frame (one task here; it lost the text, or let Enter
// and Backspace act before it, when the CI machine was loaded). The field becomes active a frame
// later; the text waits for it and the keys wait behind the text.
test('typed and keys pressed before the next field is active: the text lands first, then Backspace and Enter act', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await typeFirstFigure(page, '12');
  await drained(page);
  const label = await page.evaluate(() => {
    const inputs = [...document.querySelectorAll('#qcity-a11y input[type=text]')];
    const next = inputs[inputs.indexOf(document.activeElement) + 1];
    next.focus();
    next.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: '345', bubbles: true }));
    for (const [key, keyCode] of [['Backspace', 8], ['Enter', 13]]) {
      for (const type of ['keydown', 'keyup']) next.dispatchEvent(new KeyboardEvent(type, { key, code: key, keyCode, which: keyCode, bubbles: true }));
    }
    return next.getAttribute('aria-label');
  });
  assert.match(label, /制造业产品抽检批次/);
  await drained(page);
  await settle(page, 4);
  const s = await state(page);
  assert.equal(s.figures.mfg_qualified_batches, 12);
  assert.equal(s.figures.mfg_sampled_batches, 34);
  assert.ok(!(await findItem(page, '##fig_mfg_sampled_batches')).active, 'Enter ended the edit');
  await context.close();
});

// Two ways the field ImGui focuses was left without the page's focus, or without being edited, so
// that what was typed next went nowhere: a click into the field being edited (to place the caret:
// the browser gives the page's focus to the body, the canvas holding none), and typing into a field
// whose edit Enter ended (ImGui's focus stays on it; the typing starts a new edit).
test('a click into the field being edited, and typing after Enter ended the edit, both reach the field', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await typeFirstFigure(page, '12');
  await drained(page);
  await clickItem(page, '##fig_mfg_qualified_batches');
  await settle(page, 2);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'qcity-text-input', 'the field keeps the page focus after a click into it');
  await page.keyboard.press('End');
  await page.keyboard.type('3');
  await drained(page);
  await settle(page, 2);
  assert.equal((await state(page)).figures.mfg_qualified_batches, 123);
  await page.keyboard.press('Enter');
  await drained(page);
  await settle(page, 2);
  assert.ok(!(await findItem(page, '##fig_mfg_qualified_batches')).active, 'Enter ended the edit');
  await page.keyboard.type('45');
  await drained(page);
  await settle(page, 3);
  assert.ok((await findItem(page, '##fig_mfg_qualified_batches')).active, 'typing edits the field again');
  // The new edit goes on from the text (nothing the person typed is thrown away by a keystroke).
  assert.equal((await state(page)).figures.mfg_qualified_batches, 12345);
  await context.close();
});

test('Ctrl+V pastes the clipboard; a three-line column from Excel fills three figures', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  await clickItem(page, '创建评估');
  // One line: an ordinary paste into the field.
  await clickItem(page, '##fig_public_service_satisfaction_score');
  await page.evaluate(() => navigator.clipboard.writeText('83.5'));
  await page.keyboard.press('Control+V');
  await drained(page);
  await settle(page);
  assert.equal((await state(page)).figures.public_service_satisfaction_score, 83.5);
  // A column copied from a spreadsheet (CRLF, trailing newline): this field and the next two.
  await clickItem(page, '##fig_mfg_qualified_batches');
  await page.evaluate(() => navigator.clipboard.writeText('1150\r\n1200\r\n955\r\n'));
  await page.keyboard.press('Control+V');
  await drained(page);
  await settle(page);
  const s = await state(page);
  assert.equal(s.figures.mfg_qualified_batches, 1150);
  assert.equal(s.figures.mfg_sampled_batches, 1200);
  assert.equal(s.figures.consumer_qualified_batches, 955);
  assert.equal(s.figures.consumer_sampled_batches, null);
  const said = await findItem(page, '导入文件'); // the status line sits beside the buttons
  assert.ok(said);
  saveArtifact('paste-column-zh.png', await page.screenshot());
  await context.close();
});

test('Ctrl+C copies the field text out to the system clipboard', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
  await focusEnterpriseName(page);
  await page.keyboard.insertText(NAME);
  await drained(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await drained(page);
  await settle(page);
  await page.waitForFunction((n) => window.Module.qcity.clipboard === n, NAME);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), NAME);
  await context.close();
});

test('a rare character (燊) typed into a name is drawn from its CJK slice, not as "?"', async () => {
  const { context, page } = await openApp(env.browser, env.url);
  await focusEnterpriseName(page);
  const field = await findItem(page, '企业名称###new_name');
  const clip = { x: field.x, y: field.y, width: Math.min(field.w, 120), height: field.h };
  await page.keyboard.insertText('燊燊燊');
  await drained(page);
  await fontsIdle(page);  // its slice fetched and merged in
  await settle(page, 3);
  const rare = await page.screenshot({ clip });
  saveArtifact('glyph-rare.png', rare);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('???');
  await drained(page);
  await settle(page, 3);
  const question = await page.screenshot({ clip });
  saveArtifact('glyph-question.png', question);
  const a = await pngStats(env.browser, rare), b = await pngStats(env.browser, question);
  assert.ok(a.inkFraction > 0.02, `the glyphs are drawn (${a.inkFraction})`);
  assert.notDeepEqual(rare, question, '燊 is not drawn as "?"');
  assert.ok(Math.abs(a.inkFraction - b.inkFraction) > 0.005, `different ink: ${a.inkFraction} vs ${b.inkFraction}`);
  await context.close();
});
