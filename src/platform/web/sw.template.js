// qcity service worker: the app works with the network off. Every file the app needs is cached on
// the first visit; afterwards requests are answered from the cache (the app makes no other request).
// A new build has another version, so the browser installs it beside the old one on the next visit;
// it takes over at once and drops the old cache. Saved assessments live in localStorage, which
// the cache never touches, so an update loses nothing. (Generated at build time from
// src/platform/web/sw.template.js by scripts/offline.py: the version, the file list and the names of
// the font slices are filled in.)
'use strict';
var VERSION = '__QCITY_VERSION__';
var CACHE = 'qcity-' + VERSION;
var FILES = __QCITY_FILES__;
// CJK font slices (fonts/cjk-<hash of all slices>-<n>.otf, assets/fonts/slice_font.py) are fetched
// only when a character needs one; each is kept here once fetched, so offline use still draws it.
// Their names change only when the slices do, so this cache outlives versions (an unchanged slice is
// not fetched again after an update); on activation it keeps only the slices this build names.
var FONTS = 'qcity-fonts';
var SLICES = __QCITY_FONT_SLICES__;
var SLICE = /\/fonts\/(cjk-[^/]+\.otf)$/;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // "reload": straight from the server, not the HTTP cache (which may hold the previous version).
    return cache.addAll(FILES.map(function (f) { return new Request(f, { cache: 'reload' }); }));
  }).then(function () { return self.skipWaiting(); }));
});

// The font slices of earlier builds that this build no longer names (an upgrade of the font, the
// table or the slicing) leave the font cache.
function pruneFonts() {
  var keep = new Set(SLICES);
  return caches.open(FONTS).then(function (cache) {
    return cache.keys().then(function (reqs) {
      return Promise.all(reqs.filter(function (req) {
        var m = SLICE.exec(new URL(req.url).pathname);
        return !m || !keep.has(m[1]);
      }).map(function (req) { return cache.delete(req); }));
    });
  });
}

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    var old = keys.filter(function (k) { return k.indexOf('qcity-') === 0 && k !== CACHE && k !== FONTS; });
    return Promise.all(old.map(function (k) { return caches.delete(k); })
                          .concat(keys.indexOf(FONTS) >= 0 ? [pruneFonts()] : []));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (SLICE.test(new URL(req.url).pathname)) {
    event.respondWith(caches.open(FONTS).then(function (cache) {
      return cache.match(req).then(function (hit) {
        // Kept before the page has it (a failed put still answers): a slice the page has drawn is
        // one offline use draws too, even if the worker stops right after.
        return hit || fetch(req).then(function (res) {
          if (!res.ok) return res;
          var answer = function () { return res; };
          return cache.put(req, res.clone()).then(answer, answer);
        });
      });
    }));
    return;
  }
  event.respondWith(caches.open(CACHE).then(function (cache) {
    // The page with any query (?lang=en&unit=…) is the cached page; anything not cached (another
    // page of the same site, such as the embedding example) goes to the network as usual.
    return cache.match(req, { ignoreSearch: true }).then(function (hit) { return hit || fetch(req); });
  }));
});
