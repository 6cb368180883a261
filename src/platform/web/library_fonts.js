// qcity — JS side of the fonts (an Emscripten --js-library; the C++ side is fonts.cpp).
// The manifest of CJK slices (assets/fonts/slice_font.py): which slice holds a code point, fetched
// once when a character first needs it; each slice fetched once and handed to the atlas
// (qcity_font_add). The service worker keeps what was fetched (offline use draws it too). The one-file
// edition (qcity.html) carries the manifest of the table's slices and one font of the table's
// characters, gzip'd, decoded with DecompressionStream. A character in no slice is drawn by the
// browser's own fonts on a canvas (qcity_js_font_raster).
// State for tests and the shell: Module.qcity.fonts ({manifest, state per slice, fetched: [files]}).

mergeInto(LibraryManager.library, {
  $QcityFonts: {
    manifest: null,      // the parsed manifest.json, once here
    manifestState: 0,    // 0 not asked, 1 on the way, 2 here, 3 failed
    sliceOf: null,       // Map: code point -> slice id (the table's slices)
    spans: null,         // [[first, last, id], ...] by code point (the other slices)
    state: [],           // per slice id: 0 not asked, 1 on the way, 2 here, 3 failed
    fetched: [],         // files fetched (tests, benchmarks)
    canvas: null,        // the canvas for the browser's own fonts
    ctx: null,

    // The one-file edition's inline text (scripts/one_file.py), or null.
    inline: function (key) {
      var el = document.getElementById('qcity-inline-' + key);
      return el ? el.textContent.trim() : null;
    },

    loadManifest: function () {
      var F = QcityFonts;
      F.manifestState = 1;
      var inline = window.QCITY_ONE_FILE ? F.inline('fontManifest') : null;
      var got = inline ? Promise.resolve(JSON.parse(inline)) : fetch('fonts/manifest.json').then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      });
      got.then(function (m) {
        F.manifest = m;
        F.sliceOf = new Map();
        F.spans = [];
        m.slices.forEach(function (s, id) {
          if (s.chars) Array.from(s.chars).forEach(function (ch) { F.sliceOf.set(ch.codePointAt(0), id); });
          if (s.spans) s.spans.forEach(function (r) { F.spans.push([r[0], r[1], id]); });
        });
        F.spans.sort(function (a, b) { return a[0] - b[0]; });
        F.manifestState = 2;
        if (!inline) F.fetched.push('fonts/manifest.json');
      }).catch(function (e) {
        console.warn('qcity: the font manifest could not be loaded (' + e.message + '); rare characters come from the browser\'s fonts');
        F.manifestState = 3;
      }).then(function () {
        Module._qcity_font_changed();
      });
    },

    lookup: function (cp) {
      var F = QcityFonts;
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
      ids.forEach(function (id) { QcityFonts.state[id] = 2; });
      Module._qcity_font_add(idsPtr, ids.length, data, bytes.length);
      Module._free(idsPtr);
    },

    fetchSlice: function (id) {
      var F = QcityFonts;
      F.state[id] = 1;
      if (window.QCITY_ONE_FILE) {
        // One font holds all the table's slices: decoded once, handed over for all of them.
        var ids = [];
        F.manifest.slices.forEach(function (s, i) { if (s.chars) { ids.push(i); F.state[i] = 1; } });
        window.qcityInlineBytes('fontTable').then(function (buf) { F.add(ids, buf); }).catch(function (e) {
          console.warn('qcity: the fonts of this file could not be decoded (' + e.message + ')');
          ids.forEach(function (i) { F.state[i] = 3; });
          Module._qcity_font_changed();
        });
        return;
      }
      var file = 'fonts/' + F.manifest.slices[id].file;
      F.fetched.push(file);
      fetch(file).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (buf) {
        F.add([id], buf);
      }).catch(function (e) {
        console.warn('qcity: font slice ' + file + ' could not be loaded (' + e.message + '); its characters come from the browser\'s fonts');
        F.state[id] = 3;
        Module._qcity_font_changed();
      });
    },
  },

  qcity_js_font_slice__deps: ['$QcityFonts'],
  qcity_js_font_slice: function (cp) {
    var F = QcityFonts;
    (Module.qcity = Module.qcity || {}).fonts = F;
    if (F.manifestState === 0) F.loadManifest();
    if (F.manifestState === 1) return -2;
    if (F.manifestState === 3) return -1;
    var id = F.lookup(cp);
    if (id < 0) return -1;
    var state = F.state[id] || 0;
    if (state === 0) F.fetchSlice(id);
    return state === 3 ? -1 : id;
  },

  qcity_js_font_raster__deps: ['$QcityFonts'],
  qcity_js_font_raster: function (cp, px, metrics) {
    var F = QcityFonts;
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
