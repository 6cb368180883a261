// qcity — JS side of the fonts (an Emscripten --js-library; the C++ side is fonts.cpp).
// Before the first frame only the first screen's part of the UI font is loaded (fonts/qcity-ui.otf,
// fetched by qcity-shell.js beside qcity.js and the wasm; main() waits for it: a run dependency).
// Right after the first frame the rest of the UI font (fonts/qcity-ui-rest-1.otf and -2.otf: two
// files, each under the largest slice's size) and the manifest of
// CJK slices (fonts/qcity-slices.bin, assets/fonts/slice_font.py) are fetched together: "the rest",
// slice id REST (-2) on the C++ side. A glyph asked for before they land is blank (or drawn by the
// browser's fonts if they could not be fetched) and drawn from them the frame after they land.
// The manifest says which slice holds a code point; a slice is fetched once, when a character first
// needs it, and handed to the atlas (qcity_font_add). A slice (or the rest) that could not be
// fetched (a network error, offline without the service worker) is fetched again after 2 s, 4 s, …
// 60 s, and at once when the browser comes back online; until it lands its characters are drawn by
// the browser's fonts. The service worker keeps what was fetched (offline use draws it too; it
// caches the UI font's two parts and the manifest at install). The one-file edition (qcity.html)
// carries the whole UI font and the manifest (all before the first frame) and one font of all the
// table's characters, gzip'd, decoded with DecompressionStream, for all the table's slices. A
// character in no slice is drawn by the browser's own fonts on a canvas (qcity_js_font_raster).
// State for tests and the shell: Module.qcity.fonts (this object: manifestState, slices, state, ...).

mergeInto(LibraryManager.library, {
  $QcityFonts__postset: '(Module.qcity = Module.qcity || {}).fonts = QcityFonts; QcityFonts.boot();',
  $QcityFonts: {
    REST: -2,            // the slice id of the rest (the UI font's other part and the manifest); fonts.cpp kRest
    REST_MORE: -3,       // the rest's second file, handed over just before the first (fonts.cpp kRestMore)
    restState: 0,        // the rest: 0 not asked, 1 on the way, 2 here, 3 failed (fetched again later)
    bootFiles: [],       // [the first screen's UI font, the rest's two files, the manifest]: ArrayBuffers (or null) until handed over
    manifestState: 0,    // 0 not here yet, 2 read, 3 unreadable (then every character: the browser's fonts)
    slices: [],          // per slice id: {file, level} (level 1-3 of the table, 0 the rest)
    sliceOf: null,       // Map: code point -> slice id (the table's slices)
    spans: null,         // [[first, last, id], ...] by code point (the other slices)
    state: [],           // per slice id: 0 not asked, 1 on the way, 2 here, 3 failed (fetched again later)
    tries: [],           // per slice id: fetches that failed in a row (the backoff)
    timers: [],          // per slice id: the pending retry
    fetched: [],         // files fetched, retries included (tests, benchmarks)
    firstFrameMissed: [], // code points the first frame drew from the rest (not in the first screen's part)
    rasters: [],         // code points drawn with the browser's fonts, each time one is (tests)
    canvas: null,        // the canvas for the browser's own fonts
    ctx: null,

    // Before main(): the first screen's UI font (and in the one-file edition the rest of it and the
    // manifest) from what qcity-shell.js started fetching (Module.qcity.bootFonts: a promise of
    // [first, rest 1, rest 2, manifest], the last three null on the web), or fetched here if the page did not.
    boot: function () {
      var F = QcityFonts;
      var files = (Module.qcity && Module.qcity.bootFonts) || fetch('fonts/qcity-ui.otf').then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (b) { return [b, null, null, null]; });
      addRunDependency('qcity-fonts');
      files.then(function (b) {
        F.bootFiles = b;
        if (b[3]) F.readManifest(new Uint8Array(b[3]));
        if (b[1] && b[2] && b[3]) F.restState = 2;  // handed over by fonts_init
      }).catch(function (e) {
        console.warn('qcity: the UI font could not be loaded (' + e.message + ')');
      }).then(function () { removeRunDependency('qcity-fonts'); });
      // Back online: every slice that failed (and the rest) is fetched again now, not at its next retry.
      window.addEventListener('online', function () {
        if (F.restState === 3) F.fetchSlice(F.REST);
        F.state.forEach(function (s, i) { if (s === 3) F.fetchSlice(i); });
      });
    },

    stateOf: function (id) { return id === QcityFonts.REST ? QcityFonts.restState : QcityFonts.state[id] || 0; },
    setState: function (id, s) {
      if (id === QcityFonts.REST) QcityFonts.restState = s;
      else if (id >= 0) QcityFonts.state[id] = s;
    },

    // The manifest's binary format is described in assets/fonts/slice_font.py.
    readManifest: function (b) {
      var F = QcityFonts;
      F.manifestState = 3;
      F.sliceOf = new Map();
      F.spans = [];
      try {
        var at = 0;
        var num = function () {
          var n = 0, shift = 0, byte;
          do {
            if (at >= b.length) throw new Error('truncated');
            byte = b[at++];
            n += (byte & 0x7f) * Math.pow(2, shift);
            shift += 7;
          } while (byte & 0x80);
          return n;
        };
        if (String.fromCharCode(b[0], b[1], b[2], b[3]) !== 'QCS1') throw new Error('not a slice manifest');
        at = 4;
        var prefixLen = num(), prefix = String.fromCharCode.apply(null, b.subarray(at, at + prefixLen));
        at += prefixLen;
        var id = 0;
        for (var groups = num(); groups > 0; groups--) {
          var kind = num(), level = num(), count = num(), i, k;
          if (kind === 0) {
            var members = new Array(num()), cp = 0, m = 0;
            for (i = 0; i < members.length; i++) members[i] = cp += num();
            for (i = 0; i < count; i++, id++)
              for (k = num(); k > 0; k--) F.sliceOf.set(members[m++], id);
          } else {
            var last = 0;
            for (i = 0; i < count; i++, id++)
              for (k = num(); k > 0; k--) {
                var lo = last + num();
                last = lo + num();
                F.spans.push([lo, last, id]);
              }
          }
          for (i = id - count; i < id; i++) F.slices[i] = { file: prefix + i + '.otf', level: level };
        }
        F.spans.sort(function (x, y) { return x[0] - y[0]; });
        F.manifestState = 2;
      } catch (e) {
        console.warn('qcity: the font manifest could not be read (' + e.message + '); characters beyond the UI font come from the browser\'s fonts');
      }
    },

    // The slice holding a code point, or -1 (also while the manifest is not here: fonts.cpp asks
    // only once the rest has landed).
    lookup: function (cp) {
      var F = QcityFonts;
      if (F.manifestState !== 2) return -1;
      var id = F.sliceOf.get(cp);
      if (id !== undefined) return id;
      var lo = 0, hi = F.spans.length - 1;
      while (lo <= hi) {
        var mid = (lo + hi) >> 1, s = F.spans[mid];
        if (cp < s[0]) hi = mid - 1;
        else if (cp > s[1]) lo = mid + 1;
        else return s[2];
      }
      return -1;
    },

    // Hands a font file holding the slices `ids` to the atlas (which frees the bytes).
    add: function (ids, buf) {
      var bytes = new Uint8Array(buf);
      var data = Module._malloc(bytes.length);
      var idsPtr = Module._malloc(ids.length * 4);
      if (!data || !idsPtr) return;
      HEAPU8.set(bytes, data);
      for (var i = 0; i < ids.length; i++) HEAP32[(idsPtr >> 2) + i] = ids[i];
      ids.forEach(function (id) { QcityFonts.setState(id, 2); });
      Module._qcity_font_add(idsPtr, ids.length, data, bytes.length);
      Module._free(idsPtr);
    },

    // The slice could not be had: its characters come from the browser's fonts until a retry brings it.
    failed: function (id, why, retry) {
      var F = QcityFonts;
      F.setState(id, 3);
      Module._qcity_font_failed(id);
      if (!retry) return;
      F.tries[id] = (F.tries[id] || 0) + 1;
      var wait = Math.min(2000 * Math.pow(2, F.tries[id] - 1), 60000);
      console.warn('qcity: font ' + (id === F.REST ? 'qcity-ui-rest-*.otf' : F.slices[id].file) + ' could not be loaded (' + why + '); its characters come from the browser\'s fonts; trying again in ' + wait / 1000 + ' s');
      F.timers[id] = setTimeout(function () {
        F.timers[id] = 0;
        // Known to be offline: the "online" event fetches it (a fetch now would only fail).
        if (F.stateOf(id) === 3 && navigator.onLine !== false) F.fetchSlice(id);
      }, wait);
    },

    // Right after the first frame (library_qcity.js), or when a glyph needs it sooner: the rest.
    fetchRest: function () {
      if (!QcityFonts.restState) QcityFonts.fetchSlice(QcityFonts.REST);
    },

    fetchSlice: function (id) {
      var F = QcityFonts;
      if (F.timers[id]) clearTimeout(F.timers[id]);
      F.timers[id] = 0;
      F.setState(id, 1);
      if (id === F.REST) {
        var get = function (file) {  // (not counted in F.fetched: the slices only)
          return fetch(file).then(function (r) {
            if (!r.ok) throw new Error('HTTP ' + r.status);
            return r.arrayBuffer();
          });
        };
        Promise.all([get('fonts/qcity-ui-rest-1.otf'), get('fonts/qcity-ui-rest-2.otf'), get('fonts/qcity-slices.bin')]).then(function (b) {
          F.tries[id] = 0;
          F.readManifest(new Uint8Array(b[2]));
          F.add([F.REST_MORE], b[1]);
          F.add([id], b[0]);
        }).catch(function (e) {
          F.failed(id, e.message, true);
        });
        return;
      }
      if (window.QCITY_ONE_FILE) {
        // One font holds all the table's slices: decoded once, handed over for all of them.
        var ids = [];
        F.slices.forEach(function (s, i) { if (s.level) { ids.push(i); F.state[i] = 1; } });
        window.qcityInlineBytes('fontTable').then(function (buf) { F.add(ids, buf); }).catch(function (e) {
          console.warn('qcity: the fonts of this file could not be decoded (' + e.message + ')');
          ids.forEach(function (i) { F.failed(i, e.message, false); });
        });
        return;
      }
      var file = 'fonts/' + F.slices[id].file;
      F.fetched.push(file);
      fetch(file).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (buf) {
        F.tries[id] = 0;
        F.add([id], buf);
      }).catch(function (e) {
        F.failed(id, e.message, true);
      });
    },
  },

  // The slice holding a code point, its fetch started if it was never asked for: >= 0 the slice's
  // id; -1 in no slice (the one-file edition has the table's slices only).
  qcity_js_font_slice__deps: ['$QcityFonts'],
  qcity_js_font_slice: function (cp) {
    var F = QcityFonts;
    var id = F.lookup(cp);
    if (id < 0 || (window.QCITY_ONE_FILE && !F.slices[id].level)) return -1;
    if (!F.state[id]) F.fetchSlice(id);
    return id;
  },

  // 1 when the slice's (or the rest's) last fetch failed (its characters: the browser's fonts until it lands).
  qcity_js_font_slice_failed__deps: ['$QcityFonts'],
  qcity_js_font_slice_failed: function (id) {
    return QcityFonts.stateOf(id) === 3 ? 1 : 0;
  },

  // The rest is needed now (a glyph beyond the first screen's part): fetched if it was never asked
  // for. A character the first frame needs from it is remembered (tests: assets/fonts/first-screen.txt
  // lacks it).
  qcity_js_font_rest__deps: ['$QcityFonts'],
  qcity_js_font_rest: function (cp) {
    if (!Module.qcity.frame) QcityFonts.firstFrameMissed.push(cp);
    QcityFonts.fetchRest();
  },

  // Before main: one of the boot files in malloc'd memory (the atlas owns it), or 0 when there is
  // none: 0 the first screen's UI font, 1 and 2 the rest of it (the one-file edition only).
  qcity_js_font_boot__deps: ['$QcityFonts', 'malloc'],
  qcity_js_font_boot: function (which, sizePtr) {
    var buf = QcityFonts.bootFiles[which];
    QcityFonts.bootFiles[which] = null;
    HEAP32[sizePtr >> 2] = 0;
    if (!buf) return 0;
    var bytes = new Uint8Array(buf), ptr = _malloc(bytes.length);
    if (!ptr) return 0;
    HEAPU8.set(bytes, ptr);
    HEAP32[sizePtr >> 2] = bytes.length;
    return ptr;
  },

  qcity_js_font_raster__deps: ['$QcityFonts'],
  qcity_js_font_raster: function (cp, px, metrics) {
    var F = QcityFonts;
    F.rasters.push(cp);
    var size = Math.ceil(px * 2) + 4;
    if (!F.ctx || F.canvas.width < size) {
      F.canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(size, size) : document.createElement('canvas');
      F.canvas.width = F.canvas.height = size;
      F.ctx = F.canvas.getContext('2d', { willReadFrequently: true });
    }
    var ctx = F.ctx, ch = String.fromCodePoint(cp);
    // The browser picks, per character, the first of its fonts that has it.
    ctx.font = px + 'px "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    var m = ctx.measureText(ch);
    var left = Math.floor(-m.actualBoundingBoxLeft), right = Math.ceil(m.actualBoundingBoxRight);
    var top = Math.floor(-m.actualBoundingBoxAscent), bottom = Math.ceil(m.actualBoundingBoxDescent);
    var w = Math.min(right - left, size), h = Math.min(bottom - top, size);
    var out = metrics >> 2;
    HEAP32[out + 4] = Math.round(m.width * 64);
    if (!(w > 0 && h > 0)) {
      HEAP32[out] = HEAP32[out + 1] = 0;
      return 0;
    }
    ctx.clearRect(0, 0, size, size);
    ctx.fillStyle = '#fff';
    ctx.fillText(ch, -left, -top);
    var rgba = ctx.getImageData(0, 0, w, h).data;
    var ptr = Module._malloc(w * h);
    if (!ptr) return 0;
    for (var i = 0; i < w * h; i++) HEAPU8[ptr + i] = rgba[i * 4 + 3];
    HEAP32[out] = w;
    HEAP32[out + 1] = h;
    HEAP32[out + 2] = left;
    HEAP32[out + 3] = top;
    return ptr;
  },
});
