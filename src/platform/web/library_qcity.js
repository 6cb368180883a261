// qcity — JS side of the browser glue (an Emscripten --js-library). The C++ side is main_web.cpp.
// DOM listeners that wake the idle loop, canvas sizing, storage, file open/save/drop, and the
// qcity:results event. The page API (window.qcity) is in web/qcity-shell.js. The page side's state
// is one object, Module.qcity (its fields are listed in qcity_js_install); qcity_js_install sets up
// each job with its own function: wake and input, the accessible mirror (library_a11y.js; its text
// fields are also the text input), the page API, storage, files.

mergeInto(LibraryManager.library, {
  // Installs the page side of the platform, job by job (each below), before glfwInit(): the
  // mirror's key listeners must run before GLFW's.
  qcity_js_install__deps: ['$qcityInstallWake', '$qcityInstallA11y', '$qcityInstallPageApi',
                           '$qcityInstallStorage', '$qcityInstallFiles', '$qcityHoldForContext'],
  qcity_js_install: function () {
    // The page side's state, one object (the shell may have put `continuous` there first):
    //   wake          an input or page event happened since the loop last looked (taken once)
    //   continuous    draw every frame (benchmarks: ?continuous=1)
    //   frame         frames drawn (tests wait for a redraw)
    //   wakeUp()      sets `wake` and resumes the loop if it paused itself while idle
    //   callWithText(fn, text)  calls a C function taking one `const char*` with text of any size
    //   a11y          the accessible mirror (library_a11y.js): its fields are the text input
    //   clipboard     the text last copied
    //   paste(text)   a paste, for hosts and tests without a clipboard
    //   importFiles(files), importFile(file, done)  reads picked or dropped files into the app
    //   storage       0 saved / readable, 1 unavailable, 2 full; storeLast: the text last written or read
    //   storageError(e), markerPut(items), markerWritten (a promise, for tests)
    //   saveTimer, retryTimer   the debounced autosave and the retry after a failed one
    //   fileHandles   File System Access handles by assessment (saving in place)
    //   fonts         the CJK slices: manifest, state per slice, files fetched (library_fonts.js)
    //   beside        the files beside the page (qcityBeside below: the catalogs, the UI's English);
    //                 english: the English's entry; boot: the shell's fetches of them before main()
    var Q = Module.qcity = Module.qcity || {};
    Q.wake = true;
    // Text of any size for a C function taking one `const char*`: copied into malloc'd memory and
    // freed after the call. ccall's 'string' copies onto the wasm stack (5 MB, and 4 bytes per
    // character reserved): a pasted or loaded text of 1.25 MB overflowed it and broke the app.
    Q.callWithText = function (fn, text) {
      var size = lengthBytesUTF8(text) + 1;
      var ptr = Module._malloc(size);
      if (!ptr) throw new Error('qcity: out of memory for ' + size + ' bytes');
      try {
        stringToUTF8(text, ptr, size);
        return Module['_' + fn](ptr);
      } finally {
        Module._free(ptr);
      }
    };
    qcityInstallWake(Q);
    qcityInstallA11y(Q);  // the accessible mirror, whose text fields are the text input (library_a11y.js)
    qcityInstallPageApi(Q);
    qcityInstallStorage(Q);
    qcityInstallFiles(Q);
  },

  // --- wake and input: input and page events set a flag the main loop takes once; nothing is drawn
  // without one.
  $qcityInstallWake: function (Q) {
    // Sets the flag the loop takes, and resumes the loop if it paused itself while idle.
    var wake = Q.wakeUp = function () {
      Q.wake = true;
      if (Module._qcity_wake) Module._qcity_wake();
    };
    var opts = { capture: true, passive: true };
    ['pointermove', 'pointerdown', 'pointerup', 'mousemove', 'mousedown', 'mouseup', 'wheel',
     'keydown', 'keyup', 'keypress', 'touchstart', 'touchmove', 'touchend', 'focus', 'blur',
     'resize', 'paste', 'copy', 'cut', 'compositionend', 'input'].forEach(function (type) {
      window.addEventListener(type, wake, opts);
    });
    document.addEventListener('visibilitychange', wake, opts);
    // devicePixelRatio changes (zoom, moving to another screen) fire no resize in every browser.
    if (window.matchMedia) {
      var watchRatio = function () {
        var mq = window.matchMedia('(resolution: ' + window.devicePixelRatio + 'dppx)');
        var onChange = function () {
          wake();
          mq.removeEventListener('change', onChange);
          watchRatio();
        };
        if (mq.addEventListener) mq.addEventListener('change', onChange);
      };
      watchRatio();
    }
  },

  // --- the page API's JS side (window.qcity itself is in web/qcity-shell.js).
  $qcityInstallPageApi: function (Q) {
    Q.paste = function (text) {  // for hosts and tests without a clipboard
      Q.callWithText('qcity_paste', String(text));
    };
  },

  // --- storage: autosave when the page is hidden or left (the debounced save may not have run yet).
  $qcityInstallStorage: function (Q) {
    var flush = function () {
      if (Q.saveTimer || Q.retryTimer) {
        clearTimeout(Q.saveTimer);
        clearTimeout(Q.retryTimer);
        Q.saveTimer = 0;
        Q.retryTimer = 0;
        Module._qcity_autosave();
      }
    };
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') flush();
    });
    window.addEventListener('pagehide', flush);
  },

  // --- files: dropped anywhere on the page, or picked (qcity_js_pick_file), are imported.
  $qcityInstallFiles: function (Q) {
    window.addEventListener('dragover', function (e) {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    });
    window.addEventListener('drop', function (e) {
      e.preventDefault();
      var files = e.dataTransfer && e.dataTransfer.files;
      if (files && files.length) Q.importFiles(files);
    });
    // Several files (county files for the roll-up): announced together, then read and imported one
    // after another in the order picked (reads finish in any order; the app's message names them in
    // this one).
    Q.importFiles = function (files) {
      var list = Array.prototype.slice.call(files);
      Module.ccall('qcity_import_begin', null, ['number'], [list.length]);
      var next = function (i) {
        if (i < list.length) Q.importFile(list[i], function () { next(i + 1); });
      };
      next(0);
    };
    Q.importFile = function (file, done) {
      var limit = 5 * 1024 * 1024;
      var finish = function () { if (done) done(); };
      if (file.size > limit) {
        Module.ccall('qcity_import_too_large', null, ['string', 'number'], [file.name, file.size]);
        finish();
        return;
      }
      // The bytes, not text: the core finds the encoding (UTF-8, GBK, UTF-16) or the format (.xlsx).
      // readAsText would turn GBK into U+FFFD without a word. Copied into malloc'd memory, never
      // onto the wasm stack (files up to 5 MB). A file the core would read as GB18030 waits for its
      // table (Q.gb18030Table); if that cannot be had, the core says so for this file.
      var hand = function (bytes) {
        var ptr = bytes.length ? Module._malloc(bytes.length) : 0;
        if (bytes.length && !ptr) {
          Module.ccall('qcity_import_too_large', null, ['string', 'number'], [file.name, file.size]);
          finish();
          return;
        }
        if (ptr) Module.HEAPU8.set(bytes, ptr);
        var give = function () {
          try {
            Module.ccall('qcity_import_file_bytes', null, ['string', 'number', 'number'], [file.name, ptr, bytes.length]);
          } finally {
            if (ptr) Module._free(ptr);
          }
          finish();
        };
        if (ptr && Module._qcity_gb18030_needed(ptr, bytes.length)) Q.gb18030Table().then(give, give);
        else give();
      };
      var reader = new FileReader();
      reader.onload = function () { hand(new Uint8Array(reader.result)); };
      reader.onerror = function () { hand(new Uint8Array(0)); };
      reader.readAsArrayBuffer(file);
    };
    // GB18030's two-byte table (dist/gb18030.bin; the core's encoding.cpp says why it is not in the
    // wasm): fetched once, when the first file needs it (the service worker keeps it with the app's
    // files; the one-file edition carries it), and handed to the core. A failure is not kept: the
    // next such file asks again.
    Q.gb18030Table = function () {
      if (!Q.gb18030) {
        var bytes = window.QCITY_ONE_FILE ? window.qcityInlineBytes('gb18030') : fetch('gb18030.bin').then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.arrayBuffer();
        });
        Q.gb18030 = bytes.then(function (buf) {
          var b = new Uint8Array(buf), p = Module._malloc(b.length);
          if (!p) throw new Error('out of memory');
          Module.HEAPU8.set(b, p);
          Module._qcity_gb18030_table(p, b.length);
          Module._free(p);
        }).catch(function (e) {
          Q.gb18030 = null;
          console.warn('qcity: the GB18030 table could not be loaded (' + e.message + ')');
          throw e;
        });
      }
      return Q.gb18030;
    };
  },

  // The files the build left out of qcity.wasm (core.h: provide_embedded_file), handed to the core
  // when it asks for one (once a name), by name:
  // - the files beside the page (qcityBeside below): the UI's English, i18n/ui.en.json
  //   (cmake/embed_assets.py --strings), and the catalogs, catalog/ID.json (--beside).
  // - the rest (the award files, the scoring model, the report's style sheet) travel in the deferred
  //   half as its custom section "qcity.files" (embed_assets.py: per file, u32 name length, name,
  //   u32 data length, data). The half is instantiated now if it is not yet (what the first call of
  //   one of its functions would do: the shell's Module.loadSplitModule, which instantiates it once)
  //   and each of its files handed over.
  qcity_js_provide_file__deps: ['$qcityBeside'],
  qcity_js_provide_file: function (namePtr) {
    var give = function (name, data) {  // (name: UTF-8 bytes or a string; data: bytes)
      if (typeof name === 'string') name = new TextEncoder().encode(name);
      var p = Module._malloc(name.length + 1 + data.length);
      if (!p) throw new Error('qcity: out of memory for ' + data.length + ' bytes');
      Module.HEAPU8.set(name, p);
      Module.HEAPU8[p + name.length] = 0;
      Module.HEAPU8.set(data, p + name.length + 1);
      Module._qcity_provide_file(p, p + name.length + 1, data.length);
      Module._free(p);
    };
    var name = UTF8ToString(namePtr);
    if (qcityBeside.files[name]) {
      var bytes = qcityBeside.now(name);
      if (bytes) give(name, bytes);
      return;
    }
    var loaded = Module.loadSplitModule(wasmBinaryFile.slice(0, -5) + '.deferred.wasm', { 'primary': Module['asm'] });
    WebAssembly.Module.customSections(loaded[1], 'qcity.files').forEach(function (section) {
      var view = new DataView(section), at = 0;
      var next = function () {
        var n = view.getUint32(at, true), b = new Uint8Array(section, at + 4, n);
        at += 4 + n;
        return b;
      };
      while (at < section.byteLength) give(next(), next());
    });
  },
  // The WebGL2 context the page made (web/qcity-shell.js, makeContext) may be lost before the app
  // takes it over: a browser that has just started can restart its GPU process as it starts ("Exiting
  // GPU process due to errors during initialization", seen here), and a page it opened at once (the
  // one-file edition double-clicked, a test's fresh browser) lost its context with it. The context
  // comes back (the shell's listener prevents the loss's default), and main() waits for that: a run
  // dependency, taken just before main() would start (preRun). (The shell says so if it does not
  // come back within 5 s; lost once main() has started, the program draws again on it when it is
  // back: main_web.cpp, qcity_gl_restored.)
  $qcityHoldForContext__postset: 'addOnPreRun(qcityHoldForContext);',
  $qcityHoldForContext: function () {
    var gl = Module.preinitializedWebGLContext;
    if (!gl || !gl.isContextLost()) return;
    addRunDependency('qcity-webgl');
    gl.canvas.addEventListener('webglcontextrestored', function () { removeRunDependency('qcity-webgl'); }, { once: true });
  },

  // The files beside the page: the catalogs (qcity-version.js names them: window.QCITY_CATALOGS) and
  // the UI's English. Each is fetched right after the first frame (fetchAll: the catalogs first, the
  // next thing a person does, creating an assessment, reads one), or before main() where the first
  // frame may need it (the shell's Module.qcity.boot[name]: a returning visit, a page whose address
  // says what to show; the one-file edition carries them all). Asked for by the core before it is
  // here, it comes by a synchronous request (the shell's qcityBytesNow; from the cache as a rule). If
  // it cannot be had: without the English the app stays in Chinese (app.cpp, merge_english); without
  // a catalog it cannot go on, and the page says so (as for the deferred half). The console says why.
  // Module.qcity.beside is this object, and Module.qcity.english the English's entry (tests).
  $qcityBeside__postset: 'qcityBeside.boot();',
  $qcityBeside: {
    ENGLISH: 'i18n/ui.en.json',
    files: {},  // name → { bytes: a Uint8Array once here, fetching: the fetch under way or done (a promise) }
    boot: function () {
      var B = qcityBeside, Q = Module.qcity = Module.qcity || {}, boot = Q.boot || {};
      (window.QCITY_CATALOGS || []).concat([B.ENGLISH]).forEach(function (name) {
        var f = B.files[name] = { bytes: null, fetching: null };
        if (!boot[name]) return;
        addRunDependency('qcity-' + name);
        f.fetching = boot[name].then(function (b) { f.bytes = new Uint8Array(b); }, function (e) {
          f.fetching = null;  // (asked for later, it is requested then)
          console.warn('qcity: ' + name + ' could not be loaded before the first frame (' + e.message + ')');
        }).then(function () { removeRunDependency('qcity-' + name); });
      });
      Q.beside = B;
      Q.english = B.files[B.ENGLISH];
    },
    fetchAll: function () {
      Object.keys(qcityBeside.files).forEach(function (name) {
        var f = qcityBeside.files[name];
        if (f.bytes || f.fetching) return;
        f.fetching = fetch(name).then(function (r) {
          if (!r.ok) throw new Error('HTTP ' + r.status);
          return r.arrayBuffer();
        }).then(function (b) { f.bytes = new Uint8Array(b); }, function (e) {
          f.fetching = null;  // (asked for later, it is requested then)
          console.warn('qcity: ' + name + ' could not be fetched (' + e.message + ')');
        });
      });
    },
    now: function (name) {  // the bytes, here or by a synchronous request; null if they cannot be had
      var f = qcityBeside.files[name];
      if (f.bytes) return f.bytes;
      try {
        return (f.bytes = window.qcityBytesNow(name));
      } catch (e) {
        if (name === qcityBeside.ENGLISH) {
          console.warn('qcity: ' + name + ' could not be loaded (' + e.message + '): the app stays in Chinese');
          return null;
        }
        window.qcityFatal('无法加载指标目录（' + name + '：' + e.message + '）。已填写的内容保存在本浏览器中；请联网后刷新页面。',
                          'Could not load the indicator catalog (' + name + ': ' + e.message + '). Your work is saved in this browser; reload the page with the network back.');
        throw e;
      }
    },
  },

  qcity_js_now: function () {
    return Date.now();
  },

  qcity_js_take_wake: function () {
    var w = Module.qcity.wake || Module.qcity.continuous;
    Module.qcity.wake = false;
    return w ? 1 : 0;
  },

  // Canvas backing store = CSS size × devicePixelRatio (the canvas has no border or padding, so
  // GLFW's mouse coordinates, scaled by width / rect.width, land in backing pixels).
  qcity_js_sync_canvas: function (widthPtr, heightPtr) {
    var canvas = Module.canvas;
    var ratio = window.devicePixelRatio || 1;
    var rect = canvas.getBoundingClientRect();
    var w = Math.max(1, Math.round(rect.width * ratio));
    var h = Math.max(1, Math.round(rect.height * ratio));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    HEAP32[widthPtr >> 2] = w;
    HEAP32[heightPtr >> 2] = h;
    return Math.round(ratio * 1000);
  },

  // Dear ImGui's OpenGL backend saves the GL state it changes before every frame it draws and
  // restores it after (glGetIntegerv). In Chromium a WebGL getParameter of the scissor box or of
  // the blend state is a synchronous round trip to the GPU process, which first finishes what was
  // queued before it (the last frame, this frame's clear): those 7 reads were the larger part of a
  // frame's time on the main thread (bench/README.md, issue 13). Nothing but this page's code sets
  // that state on the app's context (the backend, with valid values), so it is kept here as it is
  // set; the context is asked once, and again after it is lost and restored (back to defaults).
  // Called once the context is current (main_web.cpp).
  qcity_js_gl_keep_state__deps: ['$GL'],
  qcity_js_gl_keep_state: function () {
    var gl = GLctx;
    if (!gl) return;
    var kept = {};  // pname → the value the context holds
    var pnames = [gl.SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA,
                  gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA];
    var getParameter = gl.getParameter;
    gl.getParameter = function (p) {
      if (pnames.indexOf(p) < 0) return getParameter.call(gl, p);
      if (!(p in kept)) kept[p] = getParameter.call(gl, p);
      var v = kept[p];
      return v instanceof Int32Array ? new Int32Array(v) : v;  // (a copy, as the context gives)
    };
    var after = function (name, keep) {
      var call = gl[name];
      gl[name] = function () {
        call.apply(gl, arguments);
        keep.apply(null, arguments);
      };
    };
    after('scissor', function (x, y, w, h) {
      if (w >= 0 && h >= 0) kept[gl.SCISSOR_BOX] = new Int32Array([x, y, w, h]);  // (else refused: no change)
    });
    after('blendFunc', function (s, d) {
      kept[gl.BLEND_SRC_RGB] = kept[gl.BLEND_SRC_ALPHA] = s;
      kept[gl.BLEND_DST_RGB] = kept[gl.BLEND_DST_ALPHA] = d;
    });
    after('blendFuncSeparate', function (sr, dr, sa, da) {
      kept[gl.BLEND_SRC_RGB] = sr; kept[gl.BLEND_DST_RGB] = dr;
      kept[gl.BLEND_SRC_ALPHA] = sa; kept[gl.BLEND_DST_ALPHA] = da;
    });
    after('blendEquation', function (m) { kept[gl.BLEND_EQUATION_RGB] = kept[gl.BLEND_EQUATION_ALPHA] = m; });
    after('blendEquationSeparate', function (mr, ma) { kept[gl.BLEND_EQUATION_RGB] = mr; kept[gl.BLEND_EQUATION_ALPHA] = ma; });
    gl.canvas.addEventListener('webglcontextrestored', function () { kept = {}; });
  },

  qcity_js_frame_drawn__deps: ['$qcityBeside'],
  qcity_js_frame_drawn: function (frame) {
    Module.qcity.frame = frame;
    if (frame !== 1) return;
    if (Module.onFirstFrame) Module.onFirstFrame();
    // The accessible mirror from the first task after the first paint (a timer set in the next
    // animation frame runs after its paint), or after 250 ms where no animation frame comes (a page
    // opened in the background): main_web.cpp's main().
    var mirrorOn = false;
    var mirror = function () {
      if (!mirrorOn) Module._qcity_a11y_enable(1);
      mirrorOn = true;
    };
    requestAnimationFrame(function () { setTimeout(mirror, 0); });
    setTimeout(mirror, 250);
    // Right after the first frame: the rest of the UI font and the slices' manifest (library_fonts.js),
    // and the files beside the page (qcityBeside: the catalogs, the UI's English).
    setTimeout(function () { Module.qcity.fonts.fetchRest(); qcityBeside.fetchAll(); }, 0);
  },

  // --- storage. Where work is kept, and why there (README, "Where your work is kept"):
  // localStorage, key 'qcity.workspace.v1' (the name every earlier version wrote: old saves read
  // forever), one JSON document for the whole workspace. Chosen over IndexedDB because
  //  - it is synchronous: the save on pagehide / hidden completes before the page goes, and a
  //    read-merge-write (merge what another tab stored, then write) happens in one task, with no
  //    other tab's write in between as seen from this page;
  //  - the `storage` event tells every other tab of a write, with no BroadcastChannel to keep in step;
  //  - its quota (about 5 million UTF-16 units per origin in Chromium and Firefox) holds a 3 MB
  //    workspace (tested in issue12-storage.test.mjs), far above what one unit's assessments need;
  //  - tests can make it fail (QuotaExceededError) by replacing Storage.prototype.setItem.
  // IndexedDB holds only a small marker ("this browser had n assessments, last saved at t"), so that
  // localStorage.clear() is noticed on the next visit. (Clearing all site data removes both: that
  // is what exported files and backups are for.) A failed save is retried with backoff and at the
  // next change; saving is never switched off.
  qcity_js_storage_load: function () {
    // 2 when an error is a full quota (its name differs across browsers and versions), else 1.
    Module.qcity.storageError = function (e) {
      var full = e && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014);
      return full ? 2 : 1;
    };
    Module.qcity.storage = 0;
    Module.qcity.storeLast = null;
    var text = null;
    var ls = null;
    try {
      ls = window.localStorage;
      text = ls.getItem('qcity.workspace.v1');
    } catch (e) {
      Module.qcity.storage = 1;  // sandboxed frame, storage blocked: in memory only
      return 0;
    }
    // Can we write? A full quota is not "unavailable": what was saved still opens.
    try {
      ls.setItem('qcity.probe', '1');
      ls.removeItem('qcity.probe');
    } catch (e) {
      Module.qcity.storage = Module.qcity.storageError(e);
    }
    Module.qcity.storeLast = text;
    if (text === null) return 0;
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },

  qcity_js_storage_state: function () {
    return Module.qcity.storage | 0;
  },

  // After the saved workspace was read: listen for other tabs' saves, ask the browser to keep our
  // data, and look for the marker of data that was there before.
  qcity_js_storage_install: function (hadText) {
    window.addEventListener('storage', function (e) {
      if (e.key === 'qcity.workspace.v1' && e.newValue !== null) Module._qcity_storage_changed();
    });
    // The marker in IndexedDB: written after each save (chained after the check, so the check sees
    // the previous visit's marker, not this one's).
    var marker = null;
    try {
      if (window.indexedDB) {
        marker = new Promise(function (resolve) {
          var req = window.indexedDB.open('qcity-marker', 1);
          req.onupgradeneeded = function () { req.result.createObjectStore('marker'); };
          req.onsuccess = function () { resolve(req.result); };
          req.onerror = function () { resolve(null); };
          req.onblocked = function () { resolve(null); };
        });
      }
    } catch (e) { marker = null; }
    var withStore = function (mode, f) {
      if (!marker) return Promise.resolve(null);
      return marker.then(function (db) {
        if (!db) return null;
        return new Promise(function (resolve) {
          try {
            var tx = db.transaction('marker', mode);
            var req = f(tx.objectStore('marker'));
            tx.oncomplete = function () { resolve(req.result); };
            tx.onerror = tx.onabort = function () { resolve(null); };
          } catch (e) { resolve(null); }
        });
      });
    };
    var checked = hadText || Module.qcity.storage === 1 ? Promise.resolve() : withStore('readonly', function (store) {
      return store.get('workspace');
    }).then(function (m) {
      if (m && m.items > 0) Module._qcity_storage_had_data(+m.saved || 0, m.items | 0);
    });
    Module.qcity.markerPut = function (items) {
      checked = checked.then(function () {
        return withStore('readwrite', function (store) { return store.put({ saved: Date.now(), items: items }, 'workspace'); });
      });
      Module.qcity.markerWritten = checked;  // for tests: await it before clearing localStorage
    };
    // Ask to be kept (Safari may otherwise delete a site's storage after 7 days without a visit;
    // every browser may evict "best-effort" storage under pressure). The answer is shown.
    var answer = function (v) { Module._qcity_storage_persisted(v); };
    try {
      var sm = navigator.storage;
      if (sm && sm.persist) {
        var ask = sm.persisted ? sm.persisted().then(function (p) { return p || sm.persist(); }) : sm.persist();
        ask.then(function (granted) { answer(granted ? 1 : 0); }, function () { answer(0); });
      } else {
        answer(-1);
      }
    } catch (e) { answer(-1); }
  },

  // The stored workspace when it changed since this tab last wrote or read it (malloc'd), else 0.
  qcity_js_storage_read: function () {
    var text = null;
    try { text = window.localStorage.getItem('qcity.workspace.v1'); } catch (e) { return 0; }
    if (text === null || text === Module.qcity.storeLast) return 0;
    Module.qcity.storeLast = text;
    var n = lengthBytesUTF8(text) + 1;
    var p = _malloc(n);
    stringToUTF8(text, p, n);
    return p;
  },

  qcity_js_storage_save: function (ptr, items) {
    var text = UTF8ToString(ptr);
    try {
      window.localStorage.setItem('qcity.workspace.v1', text);
      Module.qcity.storeLast = text;
      Module.qcity.storage = 0;
      if (Module.qcity.markerPut) Module.qcity.markerPut(items);
      return 0;
    } catch (e) {
      Module.qcity.storage = Module.qcity.storageError ? Module.qcity.storageError(e) : 1;
      return Module.qcity.storage;
    }
  },

  // Save again later (a failed save, with backoff; or this tab holds what another tab's save lacks).
  // A change in between saves sooner (the debounced save), which is fine: one save covers both.
  qcity_js_storage_save_later: function (ms) {
    if (Module.qcity.retryTimer) clearTimeout(Module.qcity.retryTimer);
    Module.qcity.retryTimer = setTimeout(function () {
      Module.qcity.retryTimer = 0;
      Module._qcity_autosave();
    }, ms);
  },

  // What could not be read is kept, never dropped: appended under its own key.
  qcity_js_storage_keep_aside: function (ptr) {
    try {
      var ls = window.localStorage;
      var kept = JSON.parse(ls.getItem('qcity.unreadable.v1') || '[]');
      kept.push({ at: new Date().toISOString(), data: UTF8ToString(ptr) });
      ls.setItem('qcity.unreadable.v1', JSON.stringify(kept));
    } catch (e) {
      console.warn('qcity: could not keep unreadable saved data aside: ' + e);
    }
  },

  // --- changes: debounced autosave (well within a second) and the qcity:results event.
  qcity_js_changed: function (resultsPtr) {
    // 0 when no page listens to qcity:results (web/qcity-shell.js counts them): the event then
    // carries no results (the shell's own listener only reads the language).
    var results = resultsPtr ? UTF8ToString(resultsPtr) : '';
    if (Module.qcity.saveTimer) clearTimeout(Module.qcity.saveTimer);
    Module.qcity.saveTimer = setTimeout(function () {
      Module.qcity.saveTimer = 0;
      Module._qcity_autosave();
    }, 300);
    var detail = null;
    if (resultsPtr) try { detail = JSON.parse(results); } catch (e) { detail = null; }
    document.dispatchEvent(new CustomEvent('qcity:results', { detail: detail }));
  },

  qcity_js_is_mac: function () {
    var p = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    return /mac|iphone|ipad/i.test(p) ? 1 : 0;
  },

  qcity_js_clipboard_write: function (ptr) {
    var text = UTF8ToString(ptr);
    Module.qcity.clipboard = text;
    try {
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(function () {});
    } catch (e) { /* no clipboard access: the text stays inside the app */ }
  },

  // --- files
  qcity_js_download: function (namePtr, textPtr) {
    var name = UTF8ToString(namePtr);
    var csv = /\.csv$/i.test(name);
    var type = csv ? 'text/csv;charset=utf-8' : /\.html$/i.test(name) ? 'text/html;charset=utf-8' : 'application/json;charset=utf-8';
    var text = UTF8ToString(textPtr);
    // The core writes CSV with a BOM (Excel needs it to read UTF-8), but decoding drops a leading BOM.
    if (csv && text.charCodeAt(0) !== 0xFEFF) text = '\ufeff' + text;
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(url);
      a.remove();
    }, 1000);
  },

  // --- saving like a document. Where the browser has the File System Access API (Chrome, Edge:
  // showSaveFilePicker) in a top-level secure page, the first save of an assessment asks where and
  // later saves write to that file without asking (the handle is kept per assessment in memory and
  // in IndexedDB, so it outlives a reload; the permission may then need re-granting). A backup and
  // "Save as…" always ask. Elsewhere (Firefox, Safari, a frame) a download. The outcome goes back to
  // the app, which marks nothing exported unless the file was written.
  qcity_js_can_save_in_place: function () {
    try {
      return typeof window.showSaveFilePicker === 'function' && window.isSecureContext && window.self === window.top ? 1 : 0;
    } catch (e) {
      return 0;  // reading window.top can throw in odd frames
    }
  },

  qcity_js_save_file__deps: ['qcity_js_download', 'qcity_js_can_save_in_place'],
  qcity_js_save_file: function (request, keyPtr, namePtr, textPtr, ask) {
    var key = UTF8ToString(keyPtr), name = UTF8ToString(namePtr), text = UTF8ToString(textPtr);
    var report = function (outcome, file, error) {
      Module.ccall('qcity_file_saved', null, ['number', 'number', 'string', 'string'], [request, outcome, file || name, error || '']);
    };
    if (!_qcity_js_can_save_in_place()) {
      _qcity_js_download(namePtr, textPtr);
      report(1, name, '');
      return;
    }
    var handles = Module.qcity.fileHandles || (Module.qcity.fileHandles = new Map());
    // IndexedDB keeps handles across reloads (they are structured-clonable); any failure there
    // only means the next session asks again.
    var idb = function (mode, fn) {
      return new Promise(function (resolve) {
        try {
          var open = indexedDB.open('qcity-files', 1);
          open.onupgradeneeded = function () { open.result.createObjectStore('handles'); };
          open.onerror = function () { resolve(null); };
          open.onsuccess = function () {
            try {
              var tx = open.result.transaction('handles', mode);
              var req = fn(tx.objectStore('handles'));
              tx.oncomplete = function () { open.result.close(); resolve(req && req.result); };
              tx.onerror = tx.onabort = function () { open.result.close(); resolve(null); };
            } catch (e) { open.result.close(); resolve(null); }
          };
        } catch (e) { resolve(null); }
      });
    };
    var remembered = function () {
      if (ask || !key) return Promise.resolve(null);
      if (handles.has(key)) return Promise.resolve(handles.get(key));
      return idb('readonly', function (store) { return store.get(key); });
    };
    var writable = function (handle) {
      // A remembered file: ask again for permission when the browser forgot it (after a reload).
      var perm = handle.queryPermission ? handle.queryPermission({ mode: 'readwrite' }) : Promise.resolve('granted');
      return Promise.resolve(perm).then(function (p) {
        if (p === 'granted' || !handle.requestPermission) return p;
        return handle.requestPermission({ mode: 'readwrite' });
      }).then(function (p) { return p === 'granted' ? handle : null; });
    };
    var type = /\.csv$/i.test(name) ? 'text/csv' : 'application/json';
    remembered().then(function (handle) {
      return handle ? writable(handle).catch(function () { return null; }) : null;
    }).then(function (handle) {
      if (handle) return handle;
      return window.showSaveFilePicker({
        suggestedName: name,
        types: [{ description: 'qcity JSON', accept: { 'application/json': ['.json'] } }],
      });
    }).then(function (handle) {
      return handle.createWritable().then(function (w) {
        // Written to a temporary file that replaces the old one on close(): a failed write
        // (disk full) leaves the old file as it was.
        return w.write(new Blob([text], { type: type })).then(function () { return w.close(); }, function (e) {
          return Promise.resolve(w.abort && w.abort()).catch(function () {}).then(function () { throw e; });
        });
      }).then(function () {
        if (key) {
          handles.set(key, handle);
          idb('readwrite', function (store) { return store.put(handle, key); });
        }
        report(0, handle.name || name, '');
      });
    }).catch(function (e) {
      if (e && e.name === 'AbortError') report(2, name, '');
      else report(3, name, (e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : String(e)));
    });
  },

  qcity_js_pick_file: function () {
    var input = document.createElement('input');
    input.type = 'file';
    input.accept = '.json,.csv,.tsv,.txt,.xlsx,application/json,text/csv,text/tab-separated-values,text/plain,' +
                   'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.multiple = true;
    input.style.display = 'none';
    input.addEventListener('change', function () {
      if (input.files && input.files.length) Module.qcity.importFiles(input.files);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  },

  // The report, printed: a hidden frame holding the self-contained report document asks the
  // browser's print dialog (print to PDF). The frame stays until the next report replaces it.
  qcity_js_print: function (htmlPtr) {
    var old = document.getElementById('qcity-print-frame');
    if (old) old.remove();
    var frame = document.createElement('iframe');
    frame.id = 'qcity-print-frame';
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:0;height:0;border:0;visibility:hidden';
    frame.srcdoc = UTF8ToString(htmlPtr);
    frame.addEventListener('load', function () {
      try { frame.contentWindow.focus(); frame.contentWindow.print(); } catch (e) { /* printing refused: the report can still be saved */ }
    });
    document.body.appendChild(frame);
  },
});
