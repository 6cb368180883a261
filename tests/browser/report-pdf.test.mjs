// The printed report, read back from the PDF: what the city receives on paper must not draw text
// over text, run past the page's edge, start a Chinese line with closing punctuation, split
// "1,000", leave a heading alone at a page's foot, or start or end a table with fewer than three
// rows on a page. Reports come from the native CLI (build/native/qcity report): a county
// with last year's changes, a city roll-up of several county files (a partial one and all eleven),
// an enterprise with award readiness and a self-score — in Chinese and in English, with long names,
// quota targets and long notes. Each is printed to A4 by Chromium (page.pdf, as "Print report"
// does through the browser) and its words' boxes are read with `pdftotext -bbox-layout`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, repo, saveArtifact, artifacts } from './lib.mjs';

const qcity = process.env.QCITY_CLI || path.join(repo, 'build', 'native', 'qcity');
const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/dongtai-2023.json', import.meta.url), 'utf8'));
const catalog = JSON.parse(fs.readFileSync(path.join(repo, 'assets', 'catalog', 'yancheng-2022.json'), 'utf8'));

let browser;
before(async () => {
  if (!fs.existsSync(qcity)) throw new Error(`${qcity} missing: build the native preset first`);
  browser = await launch();
});
after(async () => { await browser?.close(); });

//-------------------------------------------------------------------------------------------------
// Input files
//-------------------------------------------------------------------------------------------------

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qcity-report-pdf-'));
function write(name, doc) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

// Notes as people write them: long, with punctuation that must not start a line, numbers with
// thousands separators, an unbroken English word and an address.
const longNotes = {
  zh: {
    mfg_pass_rate: '来源：东台市市场监管局2023年产品质量监督抽查汇总（共抽查 1,200 批次，其中省级抽查 350 批次、市级抽查 850 批次），数据已于2024年1月15日复核。',
    food_sampling_density: '食品安全抽检系统导出，含农贸市场快检 12,500 批次；常住人口按统计年鉴 1,080,000 人计。',
    certificates_new: '认证认可信息平台查询，截至12月31日；含体系认证、产品认证、服务认证。',
    governor_award_new: '本年无新增；市长质量奖提名企业 2 家正在培育中。',
  },
  en: {
    mfg_pass_rate: 'Source: Dongtai Administration for Market Regulation, 2023 product quality supervision spot-check summary (1,200 batches sampled: 350 provincial, 850 municipal); reviewed 15 January 2024.',
    food_sampling_density: 'Exported from the food safety sampling system, including 12,500 rapid tests at farmers markets; resident population 1,080,000 per the statistical yearbook.',
    certificates_new: 'Queried on the certification and accreditation information platform (www.cnca.gov.cn/certificate-query) as of 31 December.',
    governor_award_new: 'None this year; two enterprises nominated for the Mayor\'s award are being coached.',
  },
};

// Units by their name in each language (the report shows a unit's name as the file has it).
const unitName = (id, lang) => catalog.units.find((u) => u.id === id).name[lang];

function countyDoc(unitId, lang, { year = 2023, notes = true, drop = [] } = {}) {
  const d = structuredClone(fixture);
  d.unit = unitName(unitId, lang);
  d.year = year;
  d.notes = notes ? { ...longNotes[lang] } : {};
  for (const k of drop) delete d.figures[k];
  return d;
}

// Last year's file of the county: counts 3 % lower, one flag off.
function lastYear(doc) {
  const d = structuredClone(doc);
  d.year = doc.year - 1;
  for (const [k, v] of Object.entries(d.figures)) if (Number.isInteger(v) && v > 10) d.figures[k] = Math.floor(v * 0.97);
  d.figures.one_stop_platform = false;
  return d;
}

function enterpriseDoc(lang) {
  const en = lang === 'en';
  return {
    schema: 'qcity.assessment/1',
    catalog: catalog.id,
    profile: 'enterprise',
    unit: en ? 'Jiangsu Yancheng Precision Hydraulic Machinery Manufacturing Co., Ltd.' : '江苏盐城精密液压机械制造股份有限公司',
    year: 2024,
    figures: {
      ent_qualified_batches: 48, ent_sampled_batches: 50, ent_consumer_goods: true, ent_above_scale: true,
      ent_has_cqo: true, ent_qms_certified: true, ent_credit_rating: 'A', ent_no_serious_violation: true,
      ent_performance_excellence: true, ent_green_certified: false, ent_high_tech: true, ent_rd_center: true,
      ent_standards_new: 2, ent_certificates_new: 3, ent_qc_groups: 6, ent_legal_person: true,
      ent_registered_locally: true, ent_years_registered: 6, ent_years_pe: 2, ent_qms_years: 4,
      ent_years_batch_production: 5, ent_years_credit_a: 1, ent_sales_revenue: 125000, ent_trademark: true,
      ent_industry_leading: false, ent_no_major_incident_3y: true,
    },
    notes: {
      ent_product_pass_rate: en ? 'Quality department monthly report, 1,000 batches inspected in-house besides the 50 sampled by the regulator.'
                                : '质检科月报：除监管部门抽查的 50 批次外，企业自检 1,000 批次，全部合格。',
    },
    readiness: {
      thresholds: { 'jiangsu-credit-aa': { years_at_a: 1 } },
      self_score: {
        model: 'gbt19580-2012',
        reference: 600,
        items: {
          '4.1.2': {
            percent: 55,
            strength: en ? 'Senior leaders review the key performance indicators every month and publish the results to all employees.'
                         : '高层领导每月评审关键绩效指标，并向全体员工公布结果；质量方针、目标逐级分解到班组。',
            improvement: en ? 'Deploy the strategy to suppliers and distributors; measure the effect of leadership on innovation systematically.'
                            : '战略尚未展开到供方和经销商；领导对创新的推动作用缺少系统测量。',
          },
          '4.4.3': { percent: 30, improvement: en ? 'No systematic benchmarking against industry leaders yet.' : '尚未系统开展与行业标杆的对比。' },
          '4.1.3': { percent: 70 },
        },
      },
    },
  };
}

// Runs the CLI's report command; the HTML it wrote.
function report(name, files, lang, extra = []) {
  const out = path.join(dir, `${name}.html`);
  execFileSync(qcity, ['report', ...files, '--lang', lang, '-o', out, ...extra]);
  return fs.readFileSync(out, 'utf8');
}

//-------------------------------------------------------------------------------------------------
// PDF words
//-------------------------------------------------------------------------------------------------

const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;

function decodeXml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(+n)).replace(/&amp;/g, '&');
}

// Pages of words from `pdftotext -bbox-layout`. pdftotext's boxes span the font's whole bounding
// box (2.6 em for Noto Sans CJK: 1.91 em above the baseline, 0.69 below), so a line's box covers
// half the next line's; `ink` is the band the glyphs really take (about 0.88 em above the baseline
// to 0.12 below), which is what must not overlap.
function readPdf(pdfFile) {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdfFile, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages = [];
  for (const pm of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const page = { width: +pm[1], height: +pm[2], lines: [], words: [] };
    for (const lm of pm[3].matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g)) {
      const line = [];
      for (const wm of lm[1].matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([\s\S]*?)<\/word>/g)) {
        const [x0, y0, x1, y1] = [+wm[1], +wm[2], +wm[3], +wm[4]];
        const em = (y1 - y0) / 2.6;
        const base = y0 + 1.91 * em;
        const w = { x0, x1, y0, y1, em, top: base - 0.88 * em, bottom: base + 0.12 * em, text: decodeXml(wm[5]), page: pages.length + 1 };
        line.push(w);
        page.words.push(w);
      }
      if (line.length) page.lines.push(line);
    }
    pages.push(page);
  }
  return pages;
}

// The boxes above are Noto Sans CJK's, the report's first font: it must be what the system has
// (Chromium embeds it as nameless Type 3 fonts, so the PDF cannot say).
function checkFonts(html) {
  assert.match(html, /font-family: "Noto Sans CJK SC"/);
  assert.match(execFileSync('fc-match', ['Noto Sans CJK SC'], { encoding: 'utf8' }), /NotoSansCJK/, 'Noto Sans CJK is installed (fonts-noto-cjk)');
}

//-------------------------------------------------------------------------------------------------
// What the HTML says should be on paper
//-------------------------------------------------------------------------------------------------

function decodeHtml(s) {
  return s.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
const squash = (s) => s.replace(/\s+/g, '');

// Headings a page must not end with: h1–h3 and table captions, and tables' header rows.
function headings(html) {
  const out = [];
  for (const m of html.matchAll(/<(h[1-3]|caption)\b[^>]*>([\s\S]*?)<\/\1>/g)) out.push(squash(decodeHtml(m[2])));
  for (const m of html.matchAll(/<thead>([\s\S]*?)<\/thead>/g)) out.push(squash(decodeHtml(m[1])));
  return [...new Set(out)].filter((h) => h.length > 0);
}

// Tables: caption, header text and each body row's text (squashed).
function tables(html) {
  const out = [];
  for (const m of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/g)) {
    const caption = squash(decodeHtml((m[1].match(/<caption>([\s\S]*?)<\/caption>/) || ['', ''])[1]));
    const head = squash(decodeHtml((m[1].match(/<thead>([\s\S]*?)<\/thead>/) || ['', ''])[1]));
    const body = (m[1].match(/<tbody>([\s\S]*?)<\/tbody>/) || ['', ''])[1];
    const rows = [...body.matchAll(/<tr\b[^>]*>[\s\S]*?<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)].map((r) => squash(decodeHtml(r[1])));
    const firstHead = squash(decodeHtml((m[1].match(/<thead>[\s\S]*?<th\b[^>]*>([\s\S]*?)<\/th>/) || ['', ''])[1]));
    out.push({ caption, head, firstHead, rows });
  }
  return out;
}

// The numbers with thousands separators the body shows ("1,000", "1,080,000"), with their counts.
function groupedNumbers(text) {
  const counts = new Map();
  for (const m of text.matchAll(/(?<![\d,.])\d{1,3}(?:,\d{3})+(?![\d,])/g)) counts.set(m[0], (counts.get(m[0]) || 0) + 1);
  return counts;
}

// The text of a page's first table column, top to bottom: on each line (words on one baseline),
// the run of words that starts at the left edge (a table's first cell or a heading), up to the
// first gap wider than a space (the next column).
function columnOneText(page) {
  const left = Math.min(...page.words.map((w) => w.x0));
  const lines = new Map();
  for (const w of page.words) {
    const key = [...lines.keys()].find((b) => Math.abs(b - w.bottom) < 0.5) ?? w.bottom;
    if (!lines.has(key)) lines.set(key, []);
    lines.get(key).push(w);
  }
  let text = '';
  for (const key of [...lines.keys()].sort((a, b) => a - b)) {
    const ws = lines.get(key).sort((a, b) => a.x0 - b.x0);
    if (ws[0].x0 > left + 8) continue;
    let run = ws[0].text;
    for (let k = 1; k < ws.length && ws[k].x0 - ws[k - 1].x1 < 0.55 * ws[k].em; k++) run += ws[k].text;
    text += run;
  }
  return squash(text);
}

//-------------------------------------------------------------------------------------------------
// The checks
//-------------------------------------------------------------------------------------------------

const NO_LINE_START = '，。、；：）」”！？』〉》】';
const FULLWIDTH_PUNCT = '，。、；：？！）」』”’（「『“‘《》〈〉【】';
const TOL = 0.6;   // points: boxes touching by less than this are not "over" each other

function problems(pages, html) {
  const found = [];
  const say = (page, what) => { if (found.length < 40) found.push(`page ${page}: ${what}`); };
  const left = 12 * MM, right = A4.width - 12 * MM;

  for (const [i, p] of pages.entries()) {
    const n = i + 1;
    assert.ok(Math.abs(p.width - A4.width) < 2 && Math.abs(p.height - A4.height) < 2, `page ${n} is A4 portrait (${p.width} × ${p.height})`);
    const ws = p.words;
    // 1. No two words' glyphs overlap.
    for (let a = 0; a < ws.length; a++) {
      for (let b = a + 1; b < ws.length; b++) {
        const A = ws[a], B = ws[b];
        const ox = Math.min(A.x1, B.x1) - Math.max(A.x0, B.x0);
        const oy = Math.min(A.bottom, B.bottom) - Math.max(A.top, B.top);
        if (ox <= TOL || oy <= TOL) continue;
        // Chromium sets adjacent full-width punctuation half an em closer ("”。", "）、": CSS
        // text-spacing-trim); the glyphs' boxes then overlap by up to half an em, their ink does not.
        const [l, r] = A.x0 <= B.x0 ? [A, B] : [B, A];
        const trimmed = FULLWIDTH_PUNCT.includes([...l.text].at(-1)) || FULLWIDTH_PUNCT.includes([...r.text][0]);
        if (trimmed && Math.abs(l.bottom - r.bottom) < 0.5 && ox <= 0.55 * Math.max(l.em, r.em) && r.x0 > l.x0) continue;
        say(n, `"${A.text}" and "${B.text}" overlap (${ox.toFixed(1)} × ${oy.toFixed(1)} pt)`);
      }
    }
    // 2. Inside the margins.
    for (const w of ws) {
      if (w.x1 > right + TOL) say(n, `"${w.text}" runs past the right margin (${w.x1.toFixed(1)} > ${right.toFixed(1)} pt)`);
      if (w.x0 < left - TOL) say(n, `"${w.text}" starts left of the margin (${w.x0.toFixed(1)} pt)`);
    }
    // 3. No line starts with closing punctuation: a word that starts with it must continue a word
    // ending just before it on the same line (pdftotext splits words at spaces only).
    for (const w of ws) {
      if (!NO_LINE_START.includes([...w.text][0])) continue;
      const joined = ws.some((v) => v !== w && v.x0 < w.x0 && v.x1 > w.x0 - 3.5 && Math.abs(v.bottom - w.bottom) < 0.5);
      if (!joined) say(n, `a line starts with "${w.text}"`);
    }
  }

  // 4. "1,000" never splits: each grouped number shows as many times whole as the page text has it.
  const body = decodeHtml(html.slice(html.indexOf('<body')));
  const want = groupedNumbers(body);
  const got = groupedNumbers(pages.map((p) => p.words.map((w) => w.text).join(' ')).join(' '));
  for (const [num, count] of want) if ((got.get(num) || 0) < count) say('*', `"${num}" appears ${count}× in the report but whole only ${got.get(num) || 0}× on paper`);

  // 5. No page ends with a heading, a caption or a table's header row.
  const heads = headings(html);
  for (const [i, p] of pages.entries()) {
    if (i === pages.length - 1 || !p.words.length) continue;
    const foot = Math.max(...p.words.map((w) => w.bottom));
    const last = squash(p.words.filter((w) => foot - w.bottom < 0.3 * w.em).sort((a, b) => a.x0 - b.x0).map((w) => w.text).join(''));
    const h = heads.find((x) => x === last || (last.length >= 4 && x.endsWith(last)));
    if (h) say(i + 1, `ends with the heading "${h}"`);
  }

  // 6. A table that breaks across pages has at least three rows before the break and after the
  // last one, and its header row on each page it continues on. A row is found by its header cell (the first column): the
  // runs of words that start at the table's left edge, line by line, joined per page.
  const firstColumn = pages.map(columnOneText);
  const occurrences = (s, x) => s.split(x).length - 1;
  const seen = new Map();  // caption → tables with it so far (the n-th such table is at its n-th occurrence)
  for (const t of tables(html)) {
    const nth = (seen.get(t.caption) || 0) + 1;
    seen.set(t.caption, nth);
    let captionPage = -1, captionAt = 0;
    for (let k = 0, count = 0; k < pages.length && captionPage < 0; k++) {
      const here = occurrences(firstColumn[k], t.caption);
      if (count + here >= nth) {
        captionPage = k;
        // Where on its page: the (nth − count)-th occurrence there.
        for (let i = 0, from = 0; i < nth - count; i++) { captionAt = firstColumn[k].indexOf(t.caption, from); from = captionAt + t.caption.length; }
        captionAt += t.caption.length;
      }
      count += here;
    }
    if (captionPage < 0) { say('*', `the caption of table "${t.caption}" (${nth}) is not on any page`); continue; }
    // A table without row headers (the sign-off's one row of names) has no rows to follow here; its
    // test checks that it is whole.
    if (!t.rows.length) continue;
    // Each row's page, looking from the caption's page on, in order (the same names head the rows
    // of several tables: the city's indicators, then the matrix).
    // (From the caption on, not from its page's top: an earlier table on that page may head its rows
    // with the same names — the evidence index after the results.)
    let at = captionPage, pos = captionAt;
    const pagesOfRows = [];
    for (const r of t.rows) {
      while (at < pages.length) {
        const found = firstColumn[at].indexOf(r, pos);
        if (found >= 0) { pos = found + r.length; break; }
        at++;
        pos = 0;
      }
      pagesOfRows.push(at);
    }
    const lost = t.rows.filter((_, k) => pagesOfRows[k] >= pages.length);
    if (lost.length) { say('*', `rows of table "${t.caption}" not found in order: ${lost.slice(0, 3).join(' | ')}`); continue; }
    if (pagesOfRows[0] !== captionPage) say(captionPage + 1, `table "${t.caption}": the caption is on one page, the first row on the next`);
    const first = pagesOfRows[0], lastPage = pagesOfRows.at(-1);
    if (first === lastPage) continue;
    const onFirst = pagesOfRows.filter((x) => x === first).length;
    if (onFirst < Math.min(3, t.rows.length)) say(first + 1, `table "${t.caption}" starts with ${onFirst} row(s) before a page break`);
    const onLast = pagesOfRows.filter((x) => x === lastPage).length;
    if (onLast < Math.min(3, t.rows.length)) say(lastPage + 1, `table "${t.caption}" ends with ${onLast} row(s) after a page break`);
    for (let k = first + 1; k <= lastPage; k++) {
      if (!firstColumn[k].startsWith(t.firstHead)) say(k + 1, `table "${t.caption}" continues without its header row ("${firstColumn[k].slice(0, 12)}…")`);
    }
  }
  return found;
}

async function printAndCheck(name, html, lang) {
  const page = await browser.newPage();
  await page.setContent(html);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.close();
  const pdfFile = saveArtifact(`paper-${name}.pdf`, pdf);
  saveArtifact(`paper-${name}.html`, html);
  for (const f of fs.readdirSync(artifacts)) if (f.startsWith(`paper-${name}-`) && f.endsWith('.png')) fs.rmSync(path.join(artifacts, f));
  execFileSync('pdftoppm', ['-r', '60', '-png', pdfFile, path.join(artifacts, `paper-${name}`)]);
  checkFonts(html);
  const pages = readPdf(pdfFile);
  assert.ok(pages.length >= 1, 'the PDF has pages');
  assert.ok(pages.reduce((n, p) => n + p.words.length, 0) > 100, 'the PDF has text');
  assert.match(html, new RegExp(`<html lang="${lang === 'en' ? 'en' : 'zh-CN'}">`));
  const found = problems(pages, html);
  assert.deepEqual(found, [], `${name}: ${found.length} problem(s) on paper (see tests/browser/artifacts/paper-${name}*)`);
  return pages;
}

//-------------------------------------------------------------------------------------------------
// Reports
//-------------------------------------------------------------------------------------------------

for (const lang of ['zh', 'en']) {
  test(`county report with last year's changes, quota targets and long notes (${lang}) prints cleanly on A4`, async () => {
    const now = countyDoc('ycedz', lang);
    now.settings = { quotas: { mayor_award_new: 1 } };  // the "≥ 1 个（配额，全市 5）"
    const html = report(`county-${lang}`, [write(`county-${lang}.json`, now)], lang, ['--previous', write(`county-last-${lang}.json`, lastYear(now))]);
    // The parts the checks are about are there: quota targets, an explicit one, contributions.
    assert.match(html, lang === 'en' ? /quota; city 5\)/ : /配额，全市 5）/);
    assert.match(html, lang === 'en' ? /quota; city <span class="n">2000<\/span>|quota; city 2000/ : /配额，全市 2000/);
    assert.match(html, lang === 'en' ? /City target/ : /全市目标/);
    assert.ok(html.includes(lang === 'en' ? 'Change' : '较上年'));
    await printAndCheck(`county-${lang}`, html, lang);
  });

  test(`city report from four county files, one lacking figures (${lang}) prints cleanly on A4`, async () => {
    const files = ['dongtai', 'ycedz', 'yannan', 'dafeng'].map((u, k) =>
      write(`city4-${u}-${lang}.json`, countyDoc(u, lang, { notes: k === 0, drop: u === 'dafeng' ? ['mfg_sampled_batches', 'mfg_qualified_batches'] : [] })));
    const html = report(`city4-${lang}`, files, lang);
    assert.match(html, /id="matrix"/);
    assert.match(html, lang === 'en' ? /4 of 11 county-level units included/ : /纳入 4\/11 个县（市、区）/);
    assert.match(html, /class="chip [a-z_]+ provisional">/);  // statuses the seven missing units could change
    await printAndCheck(`city4-${lang}`, html, lang);
  });

  test(`city report from all eleven county files (${lang}) prints cleanly on A4`, async () => {
    const files = catalog.units.map((u) => write(`city11-${u.id}-${lang}.json`, countyDoc(u.id, lang, { notes: false })));
    const html = report(`city11-${lang}`, files, lang);
    for (const u of catalog.units) assert.ok(html.includes(`<th scope="col">${u.name[lang]}</th>`), u.name[lang]);
    assert.doesNotMatch(html, /class="chip [a-z_]+ provisional"|<p class="provisional">/);  // all eleven in: nothing provisional
    await printAndCheck(`city11-${lang}`, html, lang);
  });

  test(`enterprise report with award readiness and a self-score (${lang}) prints cleanly on A4`, async () => {
    const html = report(`enterprise-${lang}`, [write(`enterprise-${lang}.json`, enterpriseDoc(lang))], lang);
    assert.match(html, /id="readiness"/);
    await printAndCheck(`enterprise-${lang}`, html, lang);
  });
}

// Issue 15: the county's file as it goes to the city — evidence noted, signed by the preparer and the
// reviewer (the head left for ink), frozen (定稿) with `qcity freeze` — prints its sign-off block, the
// seal's place and the submission's time and hash on paper, the block whole on one page.
for (const lang of ['zh', 'en']) {
  test(`signed, frozen county report (${lang}): the sign-off block, the seal and the hash on paper`, async () => {
    const en = lang === 'en';
    const doc = countyDoc('dongtai', lang, { notes: false });
    doc.signoff = { preparer: en ? 'Zhang San' : '张三', reviewer: en ? 'Li Si' : '李四', phone: '0515-88886666', date: '2024-03-15' };
    doc.evidence = { mfg_pass_rate: { status: 'provided', where: en ? 'Archive room, cabinet 3' : '档案室 3 号柜' }, cqo_coverage: { status: 'missing' } };
    const signed = write(`signed-${lang}.json`, doc);
    const frozen = path.join(dir, `frozen-${lang}.json`);
    execFileSync(qcity, ['freeze', signed, '-o', frozen, '--at', '2024-03-15T08:00:00Z']);
    const hash = JSON.parse(fs.readFileSync(frozen, 'utf8')).submission.sha256;
    assert.match(hash, /^[0-9a-f]{64}$/);
    const html = report(`signed-${lang}`, [frozen], lang);
    const pages = await printAndCheck(`signed-${lang}`, html, lang);
    // Words on paper, page by page (pdftotext splits a line into words at spaces).
    const onPage = pages.map((p) => p.lines.map((l) => l.map((w) => w.text).join(' ')).join('\n'));
    const pageOf = (text) => onPage.findIndex((t) => t.includes(text));
    const heading = pageOf(en ? 'Sign-off and seal' : '签字与盖章');
    assert.ok(heading >= 0, 'the sign-off heading is printed');
    for (const name of [doc.signoff.preparer, doc.signoff.reviewer, '0515-88886666', '2024-03-15']) {
      assert.equal(pageOf(name) >= 0, true, `${name} printed`);
    }
    // The block is whole: the names and the seal's place on the heading's page.
    assert.equal(onPage[heading].includes(doc.signoff.reviewer), true, 'the reviewer on the heading\'s page');
    assert.equal(onPage[heading].includes(en ? '(Seal)' : '（盖章）'), true, 'the seal on the heading\'s page');
    for (const role of en ? ['Prepared by', 'Reviewed by', 'Head of unit'] : ['填报人', '审核人', '单位负责人']) {
      assert.ok(onPage[heading].includes(role), `${role} on the sign-off page`);
    }
    // The submission: its time and the first 12 hex digits of its hash.
    assert.ok(pageOf(hash.slice(0, 12)) >= 0, 'the hash\'s first 12 digits printed');
    assert.ok(pageOf('2024-03-15T08:00:00Z') >= 0, 'the submission time printed');
    // The evidence index with where the material is kept.
    assert.ok(pageOf(en ? 'Evidence index' : '佐证材料索引') >= 0, 'the evidence index printed');
    assert.ok(pageOf(en ? 'cabinet 3' : '3 号柜') >= 0 || pageOf(en ? 'cabinet' : '档案室') >= 0, 'where the evidence is kept');
  });
}

// The checks themselves: a report drawn badly on purpose fails each of them.
test('the checks find text over text, text past the margin, a line starting with "，", a split "1,000", a heading at a page foot and a table’s lone first or last row', async () => {
  const base = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page { size: A4; margin: 14mm 12mm; } body { margin: 0; font-family: "Noto Sans CJK SC"; font-size: 10.5pt; }</style></head><body>';
  const cases = {
    overlap: '<p style="position:relative">达标情况<span style="position:absolute;left:1em;top:0">未达标</span></p>',
    margin: '<p style="white-space:nowrap">' + '质量强市建设'.repeat(30) + '</p>',
    punctuation: '<p style="width:5em;line-break:anywhere">质量强市建，设达标率高</p>',
    number: '<p style="width:2.2em;overflow-wrap:anywhere;font-family:\'Noto Sans CJK SC\'">x 1,000,000 y</p>',
    heading: '<div style="height:250mm"></div><h2 style="margin:0">概况标题</h2><div style="height:40mm;break-inside:avoid">正文</div>',
    orphan: '<div style="height:236mm"></div><table><caption>表一</caption><thead><tr><th>指标</th><th>值</th></tr></thead><tbody>' +
      Array.from({ length: 10 }, (_, k) => `<tr><th scope="row">行${k + 1}</th><td style="height:12mm">1</td></tr>`).join('') + '</tbody></table>',
    widow: '<div style="height:150mm"></div><table><caption>表二</caption><thead><tr><th>指标</th><th>值</th></tr></thead><tbody>' +
      Array.from({ length: 9 }, (_, k) => `<tr><th scope="row">行${k + 1}</th><td style="height:12mm">1</td></tr>`).join('') + '</tbody></table>',
  };
  const expect = { overlap: /overlap/, margin: /right margin/, punctuation: /starts with "，/, number: /"1,000,000" appears/, heading: /ends with the heading "概况标题"/, orphan: /table "表一" starts with [12] row/, widow: /table "表二" ends with [12] row/ };
  for (const [name, body] of Object.entries(cases)) {
    const html = base + body + '</body></html>';
    const page = await browser.newPage();
    await page.setContent(html);
    const pdfFile = saveArtifact(`paper-selftest-${name}.pdf`, await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    await page.close();
    const found = problems(readPdf(pdfFile), html);
    assert.ok(found.some((f) => expect[name].test(f)), `${name}: ${found.join(' / ') || 'no problem found'}`);
  }
});
