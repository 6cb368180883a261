// Issue 12, item 3 — backups: each assessment says when it was last exported and whether it
// changed since; "back up everything" writes one file that restores every assessment into an empty
// browser, asking on conflicts; Save writes back to the same file where the browser allows (the File
// System Access API, stubbed here with a fake file handle that records the writes), else downloads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  useBrowser, openApp, clickItem, findItem, settle, saveArtifact, items,
  textOf,
} from './lib.mjs';

const env = useBrowser();
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const state = (page) => page.evaluate(() => window.qcity.state());
const saved = (page) => page.evaluate(() => JSON.parse(window.localStorage.getItem('qcity.workspace.v1') || 'null'));

async function download(page, label) {
  const [d] = await Promise.all([page.waitForEvent('download'), clickItem(page, label)]);
  return { name: d.suggestedFilename(), text: fs.readFileSync(await d.path(), 'utf8') };
}

async function importFile(page, file) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, '###import')]);
  await chooser.setFiles(file);
  await settle(page, 3);
}

async function waitSaved(page, predicate, arg) {
  await page.waitForFunction(([src, a]) => {
    const s = window.localStorage.getItem('qcity.workspace.v1');
    return s && new Function('w', 'a', src)(JSON.parse(s), a);
  }, [predicate, arg], { timeout: 10000 });
}

test('export marks an assessment exported, an edit shows "changed since"; back up everything and restore it, asking on a conflict', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1400, height: 900 });
  // No File System Access here (as in Firefox and Safari): the button is Export, a download.
  await page.evaluate((d) => window.qcity.load(d), fixture);
  await settle(page);
  assert.equal(await textOf(page, 'export_state'), '从未导出');
  assert.equal((await findItem(page, '###export')).text, '导出文件');
  assert.ok(!(await items(page)).some((i) => i.label.endsWith('###save_as')), 'no Save as… without the File System Access API');

  const exported = await download(page, '###export');
  assert.equal(exported.name, 'qcity-东台市-2023.json');
  await settle(page);
  assert.match(await textOf(page, 'export_state'), /^已于 \d+月\d+日 \d\d:\d\d 导出$/);

  // An edit after the export: "changed since", in the top bar and (later) in the list.
  await page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 1300));
  await settle(page);
  assert.match(await textOf(page, 'export_state'), /^已于 .+ 导出，此后有修改$/);
  // A second assessment, never exported.
  await page.evaluate(() => { window.qcity.open('county', '大丰区', 2023); window.qcity.setFigure('mfg_sampled_batches', 800); });
  await settle(page);
  assert.equal(await textOf(page, 'export_state'), '从未导出');
  // CSV exports do not count as exported (they do not hold all of an assessment).
  await clickItem(page, '###nav_results');
  await download(page, '###figures_csv');
  await settle(page);
  assert.equal(await textOf(page, 'export_state'), '从未导出');

  await clickItem(page, '###nav_start');
  await waitSaved(page, 'return w.items.length === 2');
  const ws = await saved(page);
  const [dongtai, dafeng] = ws.items;
  assert.equal(dongtai.assessment.unit, '东台市');
  assert.match(await textOf(page, `export_state_${dongtai.id}`), /此后有修改$/);
  assert.equal(await textOf(page, `export_state_${dafeng.id}`), '从未导出');
  saveArtifact('issue12-backup-list-zh.png', await page.screenshot());

  // Back up everything: one file, both assessments; afterwards both read "exported", unchanged.
  const backup = await download(page, '###backup_all');
  assert.match(backup.name, /^qcity-backup-\d{4}-\d\d-\d\d\.json$/);
  const doc = JSON.parse(backup.text);
  assert.equal(doc.schema, 'qcity.backup/1');
  assert.equal(doc.count, 2);
  assert.match(doc.app, /^qcity /);
  assert.deepEqual(doc.assessments.map((e) => e.assessment.unit), ['东台市', '大丰区']);
  assert.equal(doc.assessments[0].assessment.figures.mfg_sampled_batches, 1300);
  await settle(page);
  assert.match(await textOf(page, `export_state_${dongtai.id}`), /^已于 .+ 导出$/);
  assert.match(await textOf(page, `export_state_${dafeng.id}`), /^已于 .+ 导出$/);
  assert.match(await textOf(page, 'status_line'), /^已备份 2 个评估：qcity-backup-/);
  await page.evaluate(() => window.qcity.setLanguage('en'));
  await settle(page);
  assert.match(await textOf(page, `export_state_${dongtai.id}`), /^exported \d+ [A-Z][a-z]{2} \d\d:\d\d$/);
  saveArtifact('issue12-backup-list-en.png', await page.screenshot());
  assert.deepEqual(log.errors, []);
  await context.close();

  // A new browser profile (empty storage): importing the backup restores both.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-backup-'));
  const file = path.join(dir, backup.name);
  fs.writeFileSync(file, backup.text);
  const fresh = await openApp(env.browser, env.url, { width: 1400, height: 900 });
  const p2 = fresh.page;
  assert.equal(await saved(p2), null, 'a new profile has nothing saved');
  await importFile(p2, file);
  await waitSaved(p2, 'return w.items.length === 2');
  const restored = await saved(p2);
  assert.deepEqual(restored.items.map((i) => i.assessment), ws.items.map((i) => i.assessment));
  assert.match(await textOf(p2, 'status_line'), /^已从备份 qcity-backup-.+ 恢复：新增 2 个（东台市、大丰区）$/);
  assert.match(await textOf(p2, `export_state_${restored.items[0].id}`), /^已于 .+ 导出$/);

  // A conflict: 东台市 edited here, then the same backup again. 大丰区 is identical (skipped).
  await p2.evaluate(() => { window.qcity.open('county', '东台市', 2023); window.qcity.setFigure('mfg_sampled_batches', 1500); });
  await settle(p2);
  await importFile(p2, file);
  const question = await textOf(p2, 'backup_conflict_text');
  assert.match(question, /“东台市 2023”在本机和备份中都有，内容不同/);
  saveArtifact('issue12-backup-conflict-zh.png', await p2.screenshot());
  await clickItem(p2, '###conflict_theirs');
  await settle(p2, 3);
  assert.equal((await state(p2)).figures.mfg_sampled_batches, 1300, 'the backup\'s figure');
  assert.match(await textOf(p2, 'status_line'), /1 个相同，已跳过；1 个采用备份的（东台市）/);
  await waitSaved(p2, 'return w.items.length === 2 && w.items[0].assessment.figures.mfg_sampled_batches === 1300');

  // Keep both, in English.
  await p2.evaluate(() => { window.qcity.setLanguage('en'); window.qcity.setFigure('mfg_sampled_batches', 1600); });
  await settle(p2);
  await importFile(p2, file);
  assert.match(await textOf(p2, 'backup_conflict_text'), /is both here and in the backup/);
  saveArtifact('issue12-backup-conflict-en.png', await p2.screenshot());
  await clickItem(p2, '###conflict_both');
  await waitSaved(p2, 'return w.items.length === 3');
  const three = await saved(p2);
  // Both versions stand as 东台市 (a county keeps the catalog's name); the backup's is marked.
  assert.deepEqual(three.items.map((i) => i.assessment.unit), ['东台市', '东台市', '大丰区']);
  assert.deepEqual(three.items.map((i) => i.kept_from ?? ''), ['', path.basename(file), '']);
  assert.equal(three.items[0].assessment.figures.mfg_sampled_batches, 1600, 'mine kept');

  // A backup with one bad entry: the others come back, the bad one is named.
  const bad = structuredClone(doc);
  bad.assessments[0].assessment.year = 'abc';
  bad.assessments[1].assessment.unit = '亭湖区';
  const badFile = path.join(dir, 'bad-backup.json');
  fs.writeFileSync(badFile, JSON.stringify(bad));
  await importFile(p2, badFile);
  const error = await textOf(p2, 'error_text');
  assert.match(error, /Assessment 1 in the backup \(东台市\) cannot be read/);
  await clickItem(p2, '###error_ok');
  await waitSaved(p2, 'return w.items.some((i) => i.assessment.unit === "亭湖区")');
  assert.deepEqual(fresh.log.errors, []);
  await fresh.context.close();
});

// A fake File System Access API: each picked handle records what is written to it.
function fakeFileSystem() {
  window.__picks = [];
  window.__writes = [];
  window.__next = null;  // 'cancel' the next picker, or 'full' the next write
  window.showSaveFilePicker = async (options) => {
    if (window.__next === 'cancel') { window.__next = null; throw new DOMException('The user aborted a request.', 'AbortError'); }
    const id = window.__picks.length + 1;
    const name = id === 1 ? options.suggestedName : options.suggestedName.replace(/\.json$/, `-${id}.json`);
    window.__picks.push(options.suggestedName);
    return {
      kind: 'file', name, id,
      queryPermission: async () => 'granted',
      requestPermission: async () => 'granted',
      createWritable: async () => {
        const chunks = [];
        return {
          write: async (blob) => {
            if (window.__next === 'full') { window.__next = null; throw new DOMException('The disk is full.', 'QuotaExceededError'); }
            chunks.push(await blob.text());
          },
          close: async () => { window.__writes.push({ handle: id, name, text: chunks.join('') }); },
          abort: async () => {},
        };
      },
    };
  };
}

test('File System Access: the first Save asks where, later Saves write to the same file; Save as asks; cancel and a full disk mark nothing', async () => {
  const { context, page, log } = await openApp(env.browser, env.url, { width: 1400, height: 900, fileSystemAccess: true, init: fakeFileSystem });
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.evaluate((d) => window.qcity.load(d), fixture);
  await settle(page);
  assert.equal((await findItem(page, '###export')).text, '保存');
  assert.equal((await findItem(page, '###save_as')).text, '另存为…');
  const fs_ = () => page.evaluate(() => ({ picks: window.__picks, writes: window.__writes }));

  await clickItem(page, '###export');
  await page.waitForFunction(() => window.__writes.length === 1);
  await settle(page);
  let f = await fs_();
  assert.deepEqual(f.picks, ['qcity-东台市-2023.json'], 'the first Save asks where');
  assert.equal(JSON.parse(f.writes[0].text).unit, '东台市');
  assert.match(await textOf(page, 'export_state'), /^已于 .+ 导出$/);
  assert.equal(await textOf(page, 'status_line'), '已保存到 qcity-东台市-2023.json');
  saveArtifact('issue12-save-zh.png', await page.screenshot());

  await page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 1234));
  await settle(page);
  assert.match(await textOf(page, 'export_state'), /此后有修改$/);
  await clickItem(page, '###export');
  await page.waitForFunction(() => window.__writes.length === 2);
  await settle(page);
  f = await fs_();
  assert.equal(f.picks.length, 1, 'the second Save does not ask');
  assert.equal(f.writes[1].handle, 1, 'it writes to the same file');
  assert.equal(JSON.parse(f.writes[1].text).figures.mfg_sampled_batches, 1234);
  assert.match(await textOf(page, 'export_state'), /^已于 .+ 导出$/);

  // Save as… always asks; later Saves go to the new file.
  await clickItem(page, '###save_as');
  await page.waitForFunction(() => window.__writes.length === 3);
  await clickItem(page, '###export');
  await page.waitForFunction(() => window.__writes.length === 4);
  f = await fs_();
  assert.equal(f.picks.length, 2);
  assert.deepEqual(f.writes.slice(2).map((w) => w.handle), [2, 2]);

  // A full disk: the error is shown, nothing is marked exported.
  await page.evaluate(() => window.qcity.setFigure('mfg_sampled_batches', 1235));
  await page.evaluate(() => { window.__next = 'full'; });
  await clickItem(page, '###export');
  const error = await textOf(page, 'error_text');
  assert.match(error, /未能写入 qcity-东台市-2023.json：QuotaExceededError: The disk is full\./);
  saveArtifact('issue12-save-failed-zh.png', await page.screenshot());
  await clickItem(page, '###error_ok');
  assert.match(await textOf(page, 'export_state'), /此后有修改$/);

  // Cancelled: said so, nothing marked.
  await page.evaluate(() => { window.__next = 'cancel'; });
  await clickItem(page, '###save_as');
  await settle(page, 3);
  assert.equal(await textOf(page, 'status_line'), '未保存（已取消）');
  assert.match(await textOf(page, 'export_state'), /此后有修改$/);

  // Back up everything asks where each time (a new file), and marks everything exported.
  await clickItem(page, '###nav_start');
  await clickItem(page, '###backup_all');
  await page.waitForFunction(() => window.__writes.length === 5);
  f = await fs_();
  assert.match(f.picks[2], /^qcity-backup-/);
  assert.equal(JSON.parse(f.writes[4].text).schema, 'qcity.backup/1');
  await settle(page);
  const ws = await saved(page);
  assert.match(await textOf(page, `export_state_${ws.items[0].id}`), /^已于 .+ 导出$/);
  assert.equal(downloads, 0, 'nothing was downloaded');
  assert.deepEqual(log.errors, []);
  await context.close();
});
