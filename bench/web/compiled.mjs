// How much wasm code the browser compiles before the first frame, per build (issue 13):
//   xvfb-run -a node bench/web/compiled.mjs [--names WASM] [--top N] DIST...
// A browser compiles a wasm function at its first call (V8's lazy compilation, Liftoff), on the main
// thread, so the functions a first frame calls, and their whole bodies, are time before it. Unlike
// the first frame's milliseconds, which follow the machine's load, this is the same on every run:
// a measure to compare builds by. From a Chrome trace of one fresh load (no service worker) per
// build: each `wasm.CompileBaseline` before the page's "qcity-first-frame" mark, its body's bytes and
// its time (the time under tracing, which slows it: compare builds, not absolute figures).
// --names WASM: a wasm with a name section whose function numbering is the dist's own (a whole,
// unsplit build run in place of the dist's qcity.wasm: build/web/qcity.whole.wasm, copied into a
// copy of the dist) — the functions grouped by part (Dear ImGui, nlohmann, the core, the app...),
// and the --top N largest listed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const lib = await import(pathToFileURL(path.join(repo, 'tests', 'browser', 'lib.mjs')).href);
const { startServer } = await import(pathToFileURL(path.join(repo, 'scripts', 'serve.mjs')).href);

const args = process.argv.slice(2);
const option = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args.splice(i, 2)[1] : dflt; };
const namesFile = option('--names', null);
const top = Number(option('--top', 0));
if (!args.length) { console.error('usage: compiled.mjs [--names WASM] [--top N] DIST...'); process.exit(2); }

// The function names of a wasm, by function index (imports counted): Binaryen's function map, as
// bench/web/split-profile.sh reads it (Debian's binaryen, which the web build's split needs anyway),
// its escapes ("\28anonymous\20namespace\29") turned back into the characters.
function wasmNames(file) {
  const map = execFileSync('wasm-opt', [file, '--enable-mutable-globals', '--print-function-map'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out = new Map();
  for (const line of map.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) out.set(Number(line.slice(0, at)), line.slice(at + 1).replace(/\\([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))));
  }
  return out;
}
const part = (name) =>
  /nlohmann/.test(name) ? 'nlohmann/json'
  : /^(ImGui|Im[A-Z]|stbtt|stb_)|Im[A-Z][A-Za-z]+::|ImGui_Impl/.test(name) ? 'Dear ImGui'
  : /qcity::app/.test(name) ? 'the app (src/app)'
  : /^qcity::web|^\(anonymous namespace\)::|^main$|^__original_main$/.test(name) ? 'the platform (src/platform/web)'
  : /^qcity::/.test(name) ? 'the core (src/core)'
  : /std::/.test(name) ? 'libc++'
  : 'libc and the rest';

const names = namesFile ? wasmNames(namesFile) : null;
const browser = await lib.launch();
const kib = (n) => (n / 1024).toFixed(1);
for (const dist of args) {
  const srv = await startServer({ dir: path.resolve(dist) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  const traceFile = path.join(os.tmpdir(), `qcity-compiled-${process.pid}.json`);
  await browser.startTracing(page, { path: traceFile, categories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink.user_timing'] });
  await page.goto(srv.url);
  await page.waitForFunction(() => window.qcityFirstFrameMs > 0, null, { timeout: 60000 });
  await browser.stopTracing();
  await context.close();
  srv.server.close();
  const trace = JSON.parse(fs.readFileSync(traceFile, 'utf8'));
  fs.rmSync(traceFile, { force: true });
  const events = trace.traceEvents || trace;
  const mark = events.find((e) => e.name === 'qcity-first-frame');
  const compiled = events.filter((e) => e.name === 'wasm.CompileBaseline' && (!mark || e.ts < mark.ts));
  const bytes = compiled.reduce((s, e) => s + (e.args.bodySize || 0), 0);
  const ms = compiled.reduce((s, e) => s + (e.dur || 0), 0) / 1000;
  console.log(`\n${dist}: ${compiled.length} functions, ${kib(bytes)} KiB of wasm compiled before the first frame` +
              ` (${ms.toFixed(1)} ms under tracing)${mark ? '' : ' — no qcity-first-frame mark: counted to the end'}`);
  if (!names) continue;
  const byPart = new Map();
  for (const e of compiled) {
    const p = part(names.get(e.args.funcIndex) || '');
    const row = byPart.get(p) || { n: 0, bytes: 0 };
    row.n++; row.bytes += e.args.bodySize || 0;
    byPart.set(p, row);
  }
  for (const [p, row] of [...byPart].sort((a, b) => b[1].bytes - a[1].bytes))
    console.log(`  ${p.padEnd(34)} ${String(row.n).padStart(5)} functions ${kib(row.bytes).padStart(7)} KiB`);
  const largest = compiled.map((e) => [e.args.bodySize || 0, names.get(e.args.funcIndex) || `#${e.args.funcIndex}`]).sort((a, b) => b[0] - a[0]);
  for (const [size, name] of largest.slice(0, top)) console.log(`  ${String(size).padStart(7)} B  ${name.slice(0, 120)}`);
}
await browser.close();
