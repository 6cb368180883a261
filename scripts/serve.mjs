// A small static file server for the built web app (no dependencies). Used by `scripts/app.sh`
// and by the browser tests.
//   node scripts/serve.mjs [--dir build/web/dist] [--port 8080] [--host 127.0.0.1]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.data': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.otf': 'font/otf', '.txt': 'text/plain; charset=utf-8',
};

// `headers`: extra response headers for HTML pages (the embedding tests serve a Content-Security-Policy).
// `files`: extra pages served from memory ({'/host.html': '<!doctype html>…'}).
export function startServer({ dir, port = 0, host = '127.0.0.1', log = null, headers = {}, files = {} } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    if (Object.prototype.hasOwnProperty.call(files, rel)) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', ...headers }).end(files[rel]);
      return;
    }
    const file = path.resolve(root, '.' + rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.readFile(file, (err, data) => {
      if (log) log(req.method, rel, err ? 404 : 200);
      if (err) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        // Public static files: a page embedding qcity in a sandboxed iframe without
        // allow-same-origin has an opaque origin, and loads qcity's files cross-origin.
        'Access-Control-Allow-Origin': '*',
        ...(file.endsWith('.html') ? headers : {}),
      });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = opt('--dir', path.join(here, '..', 'build', 'web', 'dist'));
  const port = Number(opt('--port', process.env.PORT || 8080));
  const host = opt('--host', '127.0.0.1');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: ${dir}/index.html not found — build the web app first (scripts/app.sh)`);
    process.exit(2);
  }
  startServer({ dir, port, host }).then(({ url }) => {
    console.log(`qcity is served at ${url}  (Ctrl+C to stop)`);
  }, (e) => {
    console.error(`serve: cannot listen on ${host}:${port}: ${e.message}`);
    process.exit(2);
  });
}
