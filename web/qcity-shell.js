// qcity page shell: checks that the browser can run the app, shows a loading indicator until the
// first frame, turns failures into a readable message, and loads qcity.js (Emscripten output) and the
// wasm (the downloads first, then the WebGL2 check: makeContext, below).
(function () {
  'use strict';

  // The qcity:results event's document is built for each change only while the page listens
  // (issue 13: no work nobody asked for). Listeners the page adds on document are counted here,
  // before any other script can add one, and the app is told whether there are any. The shell's
  // own listener (<html lang>) needs no results and is added with the original method, uncounted.
  var addDocumentListener = document.addEventListener.bind(document);
  var resultsListeners = [];   // [listener, capture]
  var resultsApiReady = false;
  function tellResultsWanted() {
    if (resultsApiReady) window.Module._qcity_results_wanted(resultsListeners.length ? 1 : 0);
  }
  function resultsListenerAt(listener, options) {
    var capture = typeof options === 'boolean' ? options : !!(options && options.capture);
    for (var i = 0; i < resultsListeners.length; i++)
      if (resultsListeners[i][0] === listener && resultsListeners[i][1] === capture) return { at: i, capture: capture };
    return { at: -1, capture: capture };
  }
  (function countResultsListeners() {
    var add = document.addEventListener, remove = document.removeEventListener;
    document.addEventListener = function (type, listener, options) {
      if (type === 'qcity:results' && listener) {
        var found = resultsListenerAt(listener, options);
        if (found.at < 0) { resultsListeners.push([listener, found.capture]); tellResultsWanted(); }
      }
      return add.apply(this, arguments);
    };
    document.removeEventListener = function (type, listener, options) {
      if (type === 'qcity:results' && listener) {
        var found = resultsListenerAt(listener, options);
        if (found.at >= 0) { resultsListeners.splice(found.at, 1); tellResultsWanted(); }
      }
      return remove.apply(this, arguments);
    };
  })();

  var loading = document.getElementById('loading');
  var canvas = document.getElementById('canvas');
  // The loading screen only if the app is not up within 0.4 s (qcity.css, #loading.later): most
  // loads never show it, and painting it cost the first frame ~20 ms. (Gone by then: stays gone.)
  setTimeout(function () { loading.classList.remove('later'); }, 400);

  function fatal(zh, en) {
    loading.classList.add('gone');
    canvas.style.display = 'none';
    var box = document.getElementById('fatal');
    var p = document.getElementById('fatal-text');
    p.textContent = '';
    p.appendChild(document.createTextNode(zh));
    p.appendChild(document.createElement('br'));
    var s = document.createElement('span');
    s.lang = 'en';
    s.textContent = en;
    p.appendChild(s);
    box.hidden = false;
  }

  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fatal('此浏览器不支持 WebAssembly。请使用较新版本的 Chrome、Edge、Firefox 或 Safari。',
          'This browser does not support WebAssembly. Please use a recent Chrome, Edge, Firefox or Safari.');
    return;
  }
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  // A lost context (the browser restarted its GPU process, as a freshly started Chromium can as it
  // starts; a driver reset; a laptop switching graphics) is given back by the browser as a rule. Lost
  // before the program started, main() waits for it (library_qcity.js, qcityHoldForContext); lost
  // while it runs, the program draws again on it once it is back: the renderer's objects are made
  // anew and every texture uploaded again from Dear ImGui's own copy (main_web.cpp,
  // qcity_gl_restored). Nothing typed is lost meanwhile. Only if it has not come back within 5 s
  // does the page say so (the work is autosaved).
  // (Given back later than that, the message goes and the program is shown again.)
  var contextWait = null, contextSaid = false;
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();  // (and so the browser may give it back)
    clearTimeout(contextWait);
    contextWait = setTimeout(function () {
      if (!document.getElementById('fatal').hidden) return;  // (another message is there already)
      contextSaid = true;
      fatal('图形上下文丢失，请刷新页面。已自动保存的数据不会丢失。',
            'The graphics context was lost. Please reload the page; autosaved data is kept.');
    }, 5000);
  });
  canvas.addEventListener('webglcontextrestored', function () {
    clearTimeout(contextWait);
    contextWait = null;
    if (contextSaid) {
      contextSaid = false;
      document.getElementById('fatal').hidden = true;
      canvas.style.display = '';
    }
    var M = window.Module;
    if (M && M.calledRun && M._qcity_gl_restored) M._qcity_gl_restored();
  });

  // The page API for embedding hosts and tests (documented in the README). Every failed call throws
  // an Error with the core's message and changes nothing.
  function installApi() {
    var M = window.Module;
    function call(fn, types, args) {
      var err = M.ccall(fn, 'string', types, args);
      if (err) throw new Error(err);
    }
    // The same for calls carrying text a host may make large (a whole assessment, a figure's
    // value): each string copied into malloc'd memory and freed after the call. ccall's 'string'
    // puts it on the 5 MB wasm stack, which a 1.25 MB document overflowed ("memory access out of
    // bounds", and every later call failed).
    function callWithText(fn, texts) {
      var ptrs = [];
      try {
        for (var i = 0; i < texts.length; i++) {
          var size = M.lengthBytesUTF8(texts[i]) + 1;
          var ptr = M._malloc(size);
          if (!ptr) throw new Error('out of memory for ' + size + ' bytes');
          ptrs.push(ptr);
          M.stringToUTF8(texts[i], ptr, size);
        }
        var err = M.UTF8ToString(M['_' + fn].apply(null, ptrs));
        if (err) throw new Error(err);
      } finally {
        ptrs.forEach(function (p) { M._free(p); });
      }
    }
    function json(fn) {
      return JSON.parse(M.ccall(fn, 'string', [], []));
    }
    function syncLang() {
      document.documentElement.lang = M.ccall('qcity_api_language', 'string', [], []);
    }
    window.qcity = Object.freeze({
      load: function (doc) {
        var text;
        try {
          text = typeof doc === 'string' ? doc : JSON.stringify(doc);
        } catch (e) {
          throw new Error('load(): ' + e.message);
        }
        if (typeof text !== 'string') throw new Error('load(): expected a JSON string or an object');
        callWithText('qcity_api_load', [text]);
      },
      state: function () { return json('qcity_api_state'); },
      results: function () { return json('qcity_api_results'); },
      setFigure: function (key, value) {
        if (typeof key !== 'string') throw new Error('setFigure(): the key must be a string');
        if (typeof value === 'number') {
          call('qcity_api_set_figure_number', ['string', 'number'], [key, value]);
          return;
        }
        var text;
        try {
          text = JSON.stringify(value === undefined ? null : value);
        } catch (e) {
          throw new Error('setFigure(): ' + e.message);
        }
        callWithText('qcity_api_set_figure_json', [key, text]);
      },
      setLanguage: function (lang) {
        call('qcity_api_set_language', ['string'], [String(lang)]);
        syncLang();
      },
      language: function () { return M.ccall('qcity_api_language', 'string', [], []); },
      open: function (profile, unit, year) {
        call('qcity_api_open', ['string', 'string', 'number'], [String(profile), String(unit), Number(year) | 0]);
      },
    });
    syncLang();
    // The UI's own language switch changes it too: keep <html lang> right for screen readers.
    addDocumentListener('qcity:results', syncLang);
    resultsApiReady = true;
    tellResultsWanted();
  }

  var params = new URLSearchParams(window.location.search);

  // The one-file edition (qcity.html, scripts/one_file.py) carries its binaries gzip'd, as base64, in
  // inert script elements: decoded here, once, with the browser's DecompressionStream, instead of
  // fetched (file:// cannot fetch). library_fonts.js decodes the fonts the same way when a character
  // first needs them.
  function inlineBytes(key) {
    var el = document.getElementById('qcity-inline-' + key);
    if (!el) return Promise.reject(new Error('no inline ' + key));
    var bin = atob(el.textContent.trim());
    el.textContent = '';  // the base64 is not needed twice in memory
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  }
  window.qcityInlineBytes = inlineBytes;

  // A short message over the page (an update applied): polite, gone after a while or on a click.
  function notice(zh, en) {
    var box = document.getElementById('notice');
    if (!box) return;
    box.textContent = zh + ' / ' + en;
    box.hidden = false;
    box.onclick = function () { box.hidden = true; };
    setTimeout(function () { box.hidden = true; }, 12000);
  }

  // Offline: the service worker caches every file on the first visit (not from file://, where
  // there is no service worker). A new version takes over on the next visit; the page then
  // reloads once (autosaved assessments are in localStorage, which updates never touch) and says so.
  var version = window.QCITY_VERSION || '';
  function rememberVersion() {
    try {
      var before = localStorage.getItem('qcity.version');
      if (before && version && before !== version)
        notice('qcity 已更新到新版本，已保存的评估都在。', 'qcity was updated to a new version; your saved assessments are all here.');
      if (version) localStorage.setItem('qcity.version', version);
    } catch (e) { /* no storage: nothing to compare with */ }
  }
  // Watched from the start: the browser checks for a new sw.js on its own at a navigation, and a new
  // version (which takes over at once: sw.template.js) may do so before the first frame. Registered
  // once the first frame is drawn (Module.onFirstFrame): its install fetches every file of the app,
  // which the first frame's own files need not share the network and the processor with.
  function serviceWorkerContainer() {
    if (!('serviceWorker' in navigator) || window.location.protocol === 'file:' || params.get('sw') === '0') return null;
    // In a sandboxed frame (an opaque origin) merely reading navigator.serviceWorker throws.
    try { return navigator.serviceWorker; } catch (e) { return null; }
  }
  function watchServiceWorker() {
    var sw = serviceWorkerContainer();
    if (!sw) return;
    var hadController = !!sw.controller;
    sw.addEventListener('controllerchange', function () {
      // A new version replaced the one this page runs: save, then load the new one.
      if (!hadController) { hadController = true; return; }
      try { if (window.Module && window.Module._qcity_autosave) window.Module._qcity_autosave(); } catch (e) { /* not started */ }
      window.location.reload();
    });
  }
  function registerServiceWorker() {
    var sw = serviceWorkerContainer();
    if (!sw) return;
    sw.register('sw.js').catch(function (e) {
      console.warn('qcity: offline use is not available here (' + e.message + ')');
    });
  }
  try { watchServiceWorker(); } catch (e) { console.warn('qcity: no offline use here (' + e.message + ')'); }

  // Embedding: the iframe's URL says what to show (README, "Embedding"):
  //   ?lang=zh|en  &profile=county|enterprise&unit=东台市&year=2023
  function applyUrlParams() {
    try {
      if (params.get('lang')) window.qcity.setLanguage(params.get('lang'));
      if (params.get('profile') && params.get('unit') && params.get('year'))
        window.qcity.open(params.get('profile'), params.get('unit'), params.get('year'));
    } catch (e) {
      console.warn('qcity: ' + e.message);
    }
  }

  // The postMessage bridge for a host page that embeds qcity. Off unless the iframe's URL lists
  // the host origins it may talk to (&origins=https://a.example,https://b.example). A message
  // from any other origin is ignored; results are only ever posted to a listed origin. Messages:
  //   host → qcity  {type:'qcity:load', assessment}  {type:'qcity:get'}  {type:'qcity:language', lang}
  //   qcity → host  {type:'qcity:ready'}  {type:'qcity:results', results}  {type:'qcity:error', message, request}
  function startBridge() {
    var origins = (params.get('origins') || '').split(',').map(function (o) { return o.trim(); })
                                                .filter(function (o) { return /^https?:\/\/[^\/]+$/.test(o); });
    if (!origins.length || window.parent === window) return;
    function post(msg, origin) {
      (origin ? [origin] : origins).forEach(function (o) { window.parent.postMessage(msg, o); });
    }
    window.addEventListener('message', function (event) {
      if (origins.indexOf(event.origin) < 0 || event.source !== window.parent) return;  // not our host: ignored
      var m = event.data;
      if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
      try {
        if (m.type === 'qcity:load') window.qcity.load(m.assessment);
        else if (m.type === 'qcity:language') window.qcity.setLanguage(m.lang);
        else if (m.type !== 'qcity:get') return;
        post({ type: 'qcity:results', results: window.qcity.results() }, event.origin);
      } catch (e) {
        post({ type: 'qcity:error', message: e.message, request: m.type }, event.origin);
      }
    });
    document.addEventListener('qcity:results', function (e) { post({ type: 'qcity:results', results: e.detail }); });
    post({ type: 'qcity:ready' });
  }

  window.Module = {
    canvas: canvas,
    // The page side's state (library_qcity.js). Benchmarks only: draw every frame (to compare with
    // the idle-aware loop).
    qcity: { continuous: params.get('continuous') === '1' },
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    // Marks for a performance trace and bench/web: the wasm compiled and main() about to run, the
    // first frame drawn.
    onRuntimeInitialized: function () { performance.mark('qcity-main'); },
    onFirstFrame: function () {
      window.qcityFirstFrameMs = performance.now();  // for bench/web
      performance.mark('qcity-first-frame');
      installApi();
      rememberVersion();
      applyUrlParams();
      startBridge();
      // The service worker once the first frame is drawn (registerServiceWorker, above).
      try { registerServiceWorker(); } catch (e) { console.warn('qcity: no offline use here (' + e.message + ')'); }
      loading.classList.add('gone');
      canvas.focus();
      document.dispatchEvent(new CustomEvent('qcity:ready'));
    },
    onAbort: function (what) {
      fatal('程序出错停止：' + what, 'The program stopped with an error: ' + what);
    },
  };

  // What main() needs besides qcity.js, fetched now, beside it (not after it has loaded): the
  // WebAssembly binary (compiled while it downloads) and the first screen's part of the UI font
  // (library_fonts.js waits for it before main()). The rest of the UI font and the slices' manifest
  // come right after the first frame.
  function bytesOf(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.arrayBuffer();
    });
  }
  // The deferred half of the wasm (qcity.deferred.wasm, cut off at build time: the code a first
  // minute does not run; CMakeLists.txt). Emscripten asks for it the first time one of its functions
  // is called, and needs it at once (loadSplitModule is synchronous). So it is fetched and compiled
  // ahead: on a first visit at the first sign of a person (right after the first frame when the
  // service worker has it); before the first frame where it could not wait for that (below) and in
  // the one-file edition (which carries it). Needed before it is
  // there, it is fetched by a synchronous request and compiled on the spot. If it cannot be had, the
  // page says so: the work is saved in this browser, and a reload with the network back goes on.
  var deferred = { bytes: null, module: null, ahead: null, loaded: null };
  function compileDeferred() {
    if (!deferred.ahead) {
      deferred.ahead = (deferred.bytes ? Promise.resolve(deferred.bytes) : bytesOf('qcity.deferred.wasm'))
        .then(function (b) { deferred.bytes = new Uint8Array(b); return WebAssembly.compile(deferred.bytes); })
        .then(function (m) { deferred.module = m; deferred.bytes = null; })
        .catch(function (e) { deferred.ahead = null; throw e; });  // (a later sign of a person tries again)
    }
    return deferred.ahead;
  }
  function prefetchDeferred() { compileDeferred().catch(function () { /* a synchronous request when it is needed */ }); }
  // Both halves before the first frame (begun now, beside qcity.wasm; from the service worker's cache
  // or the browser's, as a rule) where the deferred half could not wait for the first input:
  // - a returning visit (work saved in this browser) opens on whatever it left: any screen, any
  //   data, paths a first visit's profile never took;
  // - a page embedded with the postMessage bridge on posts the results on every change, and a page
  //   whose address says what to show applies it: the page API's code, which a first minute does not run;
  // - older Chromium, and the browsers built on it, refuses to compile a module of more than 4 KB
  //   synchronously on the main thread ("WebAssembly.Compile is disallowed on the main thread":
  //   reported from Chrome 95-110, Edge, Samsung Internet 22-24, Android WebViews; 360 and QQ
  //   browsers ship old Chromium; later Chromium allows 8 MB), so it could not load it on the spot.
  //   Probed with a module of 5,000 bytes (one custom section), only in a split build.
  function returningVisit() {
    try { return window.localStorage.getItem('qcity.workspace.v1') !== null; } catch (e) { return false; /* no storage: nothing saved */ }
  }
  function compilesOnTheSpot() {
    var b = new Uint8Array(5000), n = b.length - 11;  // "\0asm", version 1, a custom section "x" of n bytes
    b.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, (n & 0x7f) | 0x80, n >> 7, 1, 0x78]);
    try { new WebAssembly.Module(b); return true; } catch (e) { return false; }
  }
  var bridged = window.parent !== window && !!params.get('origins');
  // (A page opened with what to show in its address, ?lang=en or ?profile=…&unit=…, applies it through
  // the page API at its start: code a first minute's profile does not run either.)
  var asked = !!(params.get('lang') || params.get('profile'));
  var anyScreenFirst = returningVisit() || bridged || asked;  // (a first frame that may need all the app)
  var deferredFirst = !!window.QCITY_SPLIT && (anyScreenFirst || !compilesOnTheSpot());
  if (deferredFirst && !window.QCITY_ONE_FILE) prefetchDeferred();
  // The files beside the page (library_qcity.js, qcityBeside) are fetched right after the first frame,
  // or before main() where the first frame may need them: where the page may open on any screen (a
  // returning visit, a page whose address says what to show, the bridge) the catalogs (qcity-version.js
  // names them) and the UI's English (a returning visit may have been left in English); and the
  // English when the address asks for it.
  var boot = window.Module.qcity.boot = {};
  function bootBeside(name) {
    boot[name] = bytesOf(name);
    boot[name].catch(function () {});  // (library_qcity.js says so)
  }
  if (!window.QCITY_ONE_FILE) {
    if (anyScreenFirst) (window.QCITY_CATALOGS || []).forEach(bootBeside);
    if (/^en/i.test(params.get('lang') || '') || anyScreenFirst) bootBeside('i18n/ui.en.json');
  }
  // A file's bytes by a synchronous request (an error if it cannot be had): what must be here at once
  // and is not yet (the deferred half here; the files beside the page in library_qcity.js, qcityBeside).
  function bytesNow(file) {
    var x = new XMLHttpRequest();
    x.open('GET', file, false);
    x.overrideMimeType('text/plain; charset=x-user-defined');  // the bytes as they are, one per char
    x.send(null);
    if (x.status !== 200) throw new Error(file + ': HTTP ' + x.status);
    var t = x.responseText, b = new Uint8Array(t.length);
    for (var i = 0; i < t.length; i++) b[i] = t.charCodeAt(i) & 0xff;
    return b;
  }
  window.qcityBytesNow = bytesNow;
  window.qcityFatal = fatal;  // (library_qcity.js: a catalog that cannot be had)
  function deferredBytesNow(file) { return deferred.bytes || bytesNow(file); }
  // Instantiated once: the core may ask for the deferred half's files (library_qcity.js,
  // qcity_js_provide_file) before or after one of its functions is first called.
  window.Module.loadSplitModule = function (file, imports) {
    if (deferred.loaded) return deferred.loaded;
    try {
      var module = deferred.module || new WebAssembly.Module(deferredBytesNow(file));
      window.Module.qcity.deferredLoaded = (window.Module.qcity.frame || 0) + 1;  // (tests: when)
      window.Module.qcity.deferredAhead = !!deferred.module;
      deferred.bytes = null;
      return (deferred.loaded = [new WebAssembly.Instance(module, imports), module]);
    } catch (e) {
      fatal('无法加载程序的其余部分（qcity.deferred.wasm：' + e.message + '）。已填写的内容保存在本浏览器中；请联网后刷新页面。',
            'Could not load the rest of the program (qcity.deferred.wasm: ' + e.message + '). Your work is saved in this browser; reload the page with the network back.');
      throw e;
    }
  };
  if (!window.QCITY_ONE_FILE && window.QCITY_SPLIT) {
    document.addEventListener('qcity:ready', function () {
      try { if (navigator.serviceWorker && navigator.serviceWorker.controller) prefetchDeferred(); } catch (e) { /* sandboxed */ }
      // Any sign of a person: the pointer moving over the page, a touch, the wheel, a key, a click (a
      // screen reader's, which sends no key), a file dragged in from elsewhere (a drag sends no pointer
      // events, and reading the file dropped needs the deferred half). (Not a focus: the app focuses a
      // field itself at its start.)
      ['pointermove', 'pointerdown', 'touchstart', 'wheel', 'keydown', 'click', 'dragenter'].forEach(function (type) {
        window.addEventListener(type, prefetchDeferred, { capture: true, passive: true, once: true });
      });
    });
  }

  // The app's own WebGL2 context, made by the page, where it is also the check that WebGL2 works: the
  // app takes it over (-sGL_PREINITIALIZED_CONTEXT) instead of making a second one. Made last, once
  // the files are on their way: making it takes a while (~10–20 ms here), which the downloads need
  // not wait for. (Issue 13: it was a probe on a throwaway canvas, before the downloads, and then
  // a second context for the app: twice that time before the first frame.) The attributes are those
  // the app asks GLFW for (main_web.cpp: opaque, no depth, no stencil, no multisampling).
  function makeContext() {
    var gl = canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false });
    if (!gl) {
      fatal('此浏览器或显卡不支持 WebGL2（可能已被禁用硬件加速）。请开启硬件加速或换用较新的浏览器。',
            'This browser or graphics driver does not support WebGL2 (hardware acceleration may be off). ' +
            'Please turn on hardware acceleration or use a recent browser.');
      return false;
    }
    window.Module.preinitializedWebGLContext = gl;
    return true;
  }

  if (!window.QCITY_ONE_FILE) {
    window.Module.qcity.bootFonts = bytesOf('fonts/qcity-ui.otf').then(function (b) { return [b, null, null, null]; });
    // Handled here too: a failed fetch may settle before qcity.js (library_fonts.js) takes it up,
    // which the browser would report as an unhandled rejection. library_fonts.js still sees it.
    window.Module.qcity.bootFonts.catch(function () {});
    // Compiled as it arrives, while qcity.js is still on its way (instantiated once qcity.js asks).
    var compiled = typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetch('qcity.wasm'))
      : Promise.reject(new Error('no streaming compilation'));
    compiled = compiled.catch(function () {  // a server without application/wasm: the bytes, then compiled
      return bytesOf('qcity.wasm').then(function (b) { return WebAssembly.compile(b); });
    });
    compiled.catch(function () {});  // (reported when qcity.js asks for it, below)
    window.Module.instantiateWasm = function (imports, receive) {
      // (deferredFirst: the deferred half too, before main() starts.)
      var received = false;
      Promise.all([compiled.then(function (module) {
        return WebAssembly.instantiate(module, imports).then(function (instance) { return { instance: instance, module: module }; });
      }), deferredFirst ? compileDeferred() : null]).then(function (r) {
        received = true;
        receive(r[0].instance, r[0].module);  // (main() runs inside, as a rule: the wasm is the last thing it waits for)
      }).catch(function (e) {
        // An error of main() or of its first frame is not the wasm's loading: it has said what it
        // is already (onAbort, the deferred half's loader); thrown on, for the console.
        if (received) setTimeout(function () { throw e; });
        else fatal('无法加载 qcity.wasm：' + e.message, 'Could not load qcity.wasm: ' + e.message);
      });
      return {};
    };
  }

  if (window.QCITY_ONE_FILE) {
    if (typeof DecompressionStream !== 'function') {
      fatal('此浏览器太旧，无法打开单文件版（需要 DecompressionStream）。请使用较新版本的 Chrome、Edge、Firefox 或 Safari。',
            'This browser is too old for the one-file edition (it lacks DecompressionStream). Please use a recent Chrome, Edge, Firefox or Safari.');
      return;
    }
    // The whole UI font (both parts) and the manifest before main(): every UI string from the first frame.
    window.Module.qcity.bootFonts = Promise.all(['fontUi', 'fontUiRest1', 'fontUiRest2', 'fontManifest'].map(inlineBytes));
    ['i18n/ui.en.json'].concat(window.QCITY_CATALOGS || []).forEach(function (name) { boot[name] = inlineBytes(name); });
    var inlineSplit = document.getElementById('qcity-inline-deferred');
    var started = Promise.all([inlineBytes('wasm'), inlineBytes('js'), inlineSplit ? inlineBytes('deferred') : null]);
    if (!makeContext()) {  // (no WebGL2: the page says so, and the program is not started)
      started.catch(function () {});
      return;
    }
    started.then(function (parts) {
      window.Module.wasmBinary = new Uint8Array(parts[0]);
      if (parts[2]) deferred.bytes = new Uint8Array(parts[2]);
      // Compiled now, beside the rest, and waited for: it is here already (nothing to gain by later).
      return Promise.all([parts, parts[2] ? compileDeferred() : null]);
    }).then(function (r) {
      var parts = r[0];
      var inlineJs = document.createElement('script');
      inlineJs.textContent = new TextDecoder().decode(parts[1]);
      document.body.appendChild(inlineJs);
    }).catch(function (e) {
      fatal('单文件版已损坏，无法解压：' + e.message, 'The one-file edition is damaged and cannot be decoded: ' + e.message);
    });
    return;
  }
  var script = document.createElement('script');
  script.src = 'qcity.js';
  script.onerror = function () {
    fatal('无法加载 qcity.js。请检查文件是否完整。', 'Could not load qcity.js. Please check that the files are complete.');
  };
  document.body.appendChild(script);
  // (No WebGL2: the page says so, and the program is never started: its wasm is never handed over.)
  if (!makeContext()) window.Module.instantiateWasm = function () { return {}; };
})();
