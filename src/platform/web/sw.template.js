// qcity service worker: the app works with the network off. Every file the app needs is cached on
// the first visit; afterwards requests are answered from the cache (the app makes no other request).
// A new build has another version, so the browser installs it beside the old one on the next visit;
// it takes over at once and drops the old cache. Saved assessments live in localStorage, which
// the cache never touches, so an update loses nothing. (Generated at build time from
// src/platform/web/sw.template.js: the version and the file list are filled in.)
'use strict';
var VERSION = '__QCITY_VERSION__';
var CACHE = 'qcity-' + VERSION;
var FILES = __QCITY_FILES__;
// CJK font slices (fonts/cjk-<content hash>.otf) are fetched only when a character needs one; each
// is kept here once fetched, so offline use still draws it. Their names change with their content,
// so this cache outlives versions (an unchanged slice is not fetched again after an update).
var FONTS = 'qcity-fonts';
var SLICE = /\/fonts\/cjk-[0-9a-f]+\.otf$/;

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // "reload": straight from the server, not the HTTP cache (which may hold the previous version).
    return cache.addAll(FILES.map(function (f) { return new Request(f, { cache: 'reload' }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('qcity-') === 0 && k !== CACHE && k !== FONTS; })
                           .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (SLICE.test(new URL(req.url).pathname)) {
    event.respondWith(caches.open(FONTS).then(function (cache) {
      return cache.match(req).then(function (hit) {
        return hit || fetch(req).then(function (res) {
          if (res.ok) cache.put(req, res.clone());
          return res;
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
