// qcity — JS side of the browser glue (an Emscripten --js-library). The C++ side is main_web.cpp.
// Kept small: DOM listeners that wake the idle loop, canvas sizing, frame notifications.

mergeInto(LibraryManager.library, {
  // Input and page events set a flag the main loop takes once; nothing is drawn without one.
  qcity_js_install: function () {
    Module.qcityWake = true;
    var wake = function () {
      Module.qcityWake = true;
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

  qcity_js_take_wake: function () {
    var w = Module.qcityWake;
    Module.qcityWake = false;
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

  qcity_js_frame_drawn: function (frame) {
    Module.qcityFrame = frame;
    if (frame === 1 && Module.onFirstFrame) Module.onFirstFrame();
  },
});
