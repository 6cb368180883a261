// qcity — the accessible mirror of the canvas (issue 14), an Emscripten --js-library.
//
// The app publishes a semantic tree each frame (src/app/a11y.h) and sends only its changes
// (qcity_js_a11y). Here each node is one real DOM element — <button>, <input>, a checkbox, a
// combobox with its listbox, <h1>–<h3>, a row group, a <table> with its caption, header cells and
// cells, a dialog — placed over its widget, invisible
// (opacity 0: still in the accessibility tree, still focusable) and never under the mouse (the
// canvas takes pointer input). Only the elements and attributes that changed are written: an idle
// page writes nothing. The canvas itself is aria-hidden.
//
// Focus goes both ways: an element that gets the DOM focus (Tab, a screen reader) asks ImGui to
// focus its item (qcity_a11y_focus); ImGui's focus moving (its keyboard navigation, a click) comes
// back in a message and focuses the element. The browser owns Tab, so Tab order is the DOM's
// order, which is the reading order. A text field's <input> is the editing surface: typed text,
// IME composition, pastes and autofill arrive there and are handed to ImGui's field
// (qcity_a11y_type), as the hidden textarea used to.
//
// State: Module.qcity.a11y (root, live region, elements by node id).

mergeInto(LibraryManager.library, {
  // Installed before glfwInit(): the key listeners must run before GLFW's (on window, capture).
  $qcityInstallA11y: function (Q) {
    var ROLE = { text: 1, heading: 2, status: 3, button: 4, textbox: 5, checkbox: 6, radio: 7, combobox: 8,
                 option: 9, group: 10, dialog: 11, listbox: 12, table: 13, row: 14, columnheader: 15, rowheader: 16, cell: 17 };
    var ST = { required: 1, invalid: 2, checked: 4, expanded: 8, selected: 16, disabled: 32, editing: 64 };
    var canvas = Module.canvas;
    // The canvas is a picture to assistive technology; the mirror carries the meaning.
    canvas.setAttribute('aria-hidden', 'true');
    canvas.removeAttribute('tabindex');
    canvas.removeAttribute('aria-label');
    var root = document.createElement('div');
    root.id = 'qcity-a11y';
    root.lang = 'zh-CN';
    root.tabIndex = -1;  // holds the focus when its element went away (a new screen): Tab goes on from the top
    document.body.insertBefore(root, canvas.nextSibling);
    var live = document.createElement('div');
    live.id = 'qcity-live';
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'status');
    document.body.appendChild(live);
    var A = Q.a11y = { root: root, live: live, nodes: new Map(), writes: 0, editing: null, fromApp: false, composing: false,
                       lastInput: 0, dialogs: 0 };

    var idOf = function (el) {
      while (el && el !== root) {
        if (el.qcityId !== undefined) return el;
        el = el.parentNode;
      }
      return null;
    };
    var isText = function (el) { return el && el.qcityRole === ROLE.textbox; };

    // DOM focus → ImGui focus (unless the app itself moved the focus here).
    root.addEventListener('focusin', function (e) {
      var el = idOf(e.target);
      if (!el || A.fromApp) return;
      Module.ccall('qcity_a11y_focus', null, ['number', 'number'], [el.qcityId, 0]);
    });
    // …and the page's focus leaving an element (ImGui's focus does not stop where the page's only
    // passed: a11y::focus_left).
    root.addEventListener('focusout', function (e) {
      var el = idOf(e.target);
      if (el) Module._qcity_a11y_left(el.qcityId);
    });
    // A click that is not the mouse's (the mirror takes no pointer input): a screen reader's
    // "activate". (Enter/Space on a button would click it too: its keydown's default is prevented,
    // and ImGui acts on the key itself, below.)
    root.addEventListener('click', function (e) {
      var el = idOf(e.target);
      if (!el) return;
      e.preventDefault();
      Module.ccall('qcity_a11y_focus', null, ['number', 'number'], [el.qcityId, 1]);
    });

    // Keys. GLFW listens on window: ImGui gets the keys of the focused element (Enter/Space act,
    // Escape closes, arrows move within a field or a list) — except Tab, which is the browser's
    // (focus moves in DOM order, then ImGui follows), and except the characters typed into a text
    // field (its input events carry them, composed or not; GLFW's keypress would type them twice).
    // a11y::EditKey's values, by KeyboardEvent.key.
    var HELD_KEYS = { ArrowLeft: 1, ArrowRight: 2, ArrowUp: 3, ArrowDown: 4, Home: 5, End: 6, Backspace: 7, Delete: 8,
                      Enter: 9, Escape: 10, PageUp: 11, PageDown: 12 };
    // On a control: those (arrows move ImGui's focus, Escape closes) and Space (it acts, as Enter).
    var CONTROL_KEYS = Object.assign({ ' ': 13 }, HELD_KEYS);
    // In a field with Ctrl (Cmd): select all, copy, paste, cut, redo, undo.
    var SHORTCUT_KEYS = { a: 14, c: 15, v: 16, x: 17, y: 18, z: 19 };
    var codeOf = function (e) { return CONTROL_KEYS[e.key] || (e.key && e.key.length === 1 && SHORTCUT_KEYS[e.key.toLowerCase()]) || 0; };
    // a11y::KeyMod
    var modsOf = function (e) { return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); };
    // A key held back (a11y::hold_key): its press given to the core instead of GLFW, and so its
    // release too (heldDown), wherever the focus went meanwhile: ImGui must see it go up after it went
    // down, and GLFW, which never saw it go down, must not see it go up either.
    A.heldDown = new Set();
    var hold = function (e, id, code, down) {
      e.stopImmediatePropagation();
      if (down) A.heldDown.add(code); else A.heldDown.delete(code);
      Module._qcity_a11y_key(id, code, down ? 1 : 0, modsOf(e));
    };
    // The page losing the focus between a held key's press and release (another window, a dialog of
    // the browser's): its release never comes, so it is given now (GLFW does the same for its keys).
    window.addEventListener('blur', function () {
      A.heldDown.forEach(function (code) { Module._qcity_a11y_key(0, code, 0, 0); });
      A.heldDown.clear();
    });
    ['keydown', 'keyup', 'keypress'].forEach(function (type) {
      window.addEventListener(type, function (e) {
        var el = idOf(e.target);
        if (e.key === 'Tab' && (el || e.target === root)) { e.stopImmediatePropagation(); return; }
        var code = codeOf(e);
        var plain = !e.ctrlKey && !e.altKey && !e.metaKey;
        if (type === 'keyup' && code && A.heldDown.has(code)) { hold(e, 0, code, false); return; }
        if (el && isText(el) && (A.composing || e.isComposing || e.keyCode === 229 || type === 'keypress')) {
          e.stopImmediatePropagation();
          return;
        }
        // An editing key in a field ImGui has not caught up with (its focus not there yet, the field
        // not yet edited, typed text still on its way: a11y.cpp's visits): held in order behind
        // what came before it, not given to ImGui ahead of it.
        // (With their modifiers: Shift+End selects, Ctrl+Backspace deletes a word, Ctrl+V pastes.)
        var editing = !e.altKey && (HELD_KEYS[e.key] || ((e.ctrlKey || e.metaKey) && code >= SHORTCUT_KEYS.a));
        if (el && isText(el) && type === 'keydown' && editing && Module._qcity_a11y_holding(el.qcityId)) {
          hold(e, el.qcityId, code, true);
          return;
        }
        // A native button or checkbox would also click on Enter/Space: ImGui acts on the key.
        // ImGui acts on Enter/Space only while its nav cursor shows: the element's item is named
        // (again) first, which shows it (the focus may have come from ImGui without a key).
        if (el && type === 'keydown' && !isText(el) && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          Module.ccall('qcity_a11y_focus', null, ['number', 'number'], [el.qcityId, 0]);
        }
        // If ImGui's focus is not on the control yet (a Tab just before, no frame since), its key
        // waits for it: given to ImGui now, it would act on the item before (press it, move from it).
        if (el && type === 'keydown' && !isText(el) && code && code < SHORTCUT_KEYS.a && plain && Module._qcity_a11y_holding(el.qcityId)) {
          hold(e, el.qcityId, code, true);
          return;
        }
        // Any other key pressed while ImGui has not caught up with the page (a11y::holding_keys):
        // kept from ImGui, whose focus is still on the item before. A character typed on a button
        // would go to the field ImGui still edits; Space in a field would press the button ImGui's
        // focus is on; Ctrl+Backspace would edit the field left. (With frames between, each would
        // have done nothing, or acted where the page's focus is: the wait is a frame or two.)
        // Modifier keys still go, so that ImGui's idea of which are down stays right.
        if (el && (type === 'keydown' || type === 'keypress') && !/^(Control|Shift|Alt|Meta)$/.test(e.key) && Module._qcity_a11y_holding(el.qcityId)) {
          e.stopImmediatePropagation();
          return;
        }
        // To GLFW. A key that goes down there goes up there too (the key held above, auto-repeating
        // once ImGui's focus came: GLFW must see the release of the press it saw).
        if (type === 'keydown' && code) A.heldDown.delete(code);
      }, true);
    });

    // The editing surface: what is typed, composed or autofilled into a field's <input>.
    var send = function (el, text, replace) {
      if (!text && !replace) return;
      var size = lengthBytesUTF8(text) + 1;
      var ptr = Module._malloc(size);
      stringToUTF8(text, ptr, size);
      try { Module._qcity_a11y_type(el.qcityId, ptr, replace ? 1 : 0); } finally { Module._free(ptr); }
    };
    root.addEventListener('compositionstart', function (e) {
      var el = idOf(e.target);
      if (!isText(el)) return;
      A.composing = true;
      el.classList.add('composing');
      Q.wakeUp();
    });
    root.addEventListener('compositionend', function (e) {
      var el = idOf(e.target);
      if (!isText(el)) return;
      A.composing = false;
      el.classList.remove('composing');
      A.lastInput = performance.now();
      send(el, e.data || '', false);
    });
    root.addEventListener('input', function (e) {
      var el = idOf(e.target);
      if (!isText(el) || A.composing || e.isComposing) return;
      A.lastInput = performance.now();
      if (e.inputType === 'insertText' || e.inputType === 'insertCompositionText') send(el, (e.data || '').replace(/\r?\n/g, ''), false);
      else if (!e.inputType || e.inputType === 'insertReplacementText' || e.inputType === 'insertFromDrop') send(el, el.value, true);  // autofill
    });
    root.addEventListener('paste', function (e) {
      var el = idOf(e.target);
      if (!isText(el)) return;
      e.preventDefault();
      var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      Q.callWithText('qcity_paste', text || '');
    });
    // The mirror never scrolls (an element focused below the fold would scroll it).
    root.addEventListener('scroll', function () { root.scrollTop = 0; root.scrollLeft = 0; });

    // --- applying a message ------------------------------------------------------------------
    var tagFor = function (role, level) {
      switch (role) {
        case ROLE.heading: return 'h' + Math.min(3, Math.max(1, level || 2));
        case ROLE.button: return 'button';
        case ROLE.textbox: case ROLE.checkbox: case ROLE.radio: case ROLE.combobox: return 'input';
        case ROLE.text: case ROLE.status: return 'p';
        case ROLE.table: return 'table';
        case ROLE.row: return 'tr';
        case ROLE.columnheader: case ROLE.rowheader: return 'th';
        case ROLE.cell: return 'td';
        default: return 'div';
      }
    };
    // A table's parts are containers too: a cell holds the texts, chips and controls drawn in it.
    var isContainer = function (role) { return role === ROLE.group || role === ROLE.dialog || role === ROLE.listbox || role >= ROLE.table; };
    // Each keeps its role when the page's own layout of a table does not hold (its cells' contents
    // are placed over the canvas, not laid out in the table): the roles are said explicitly.
    var create = function (role, level) {
      var el = document.createElement(tagFor(role, level));
      el.qcityRole = role;
      el.qcityLevel = level;
      el.qcityData = [];
      if (role === ROLE.button) el.type = 'button';
      else if (role === ROLE.textbox) { el.type = 'text'; el.autocomplete = 'off'; el.spellcheck = false; }
      else if (role === ROLE.checkbox) el.type = 'checkbox';
      else if (role === ROLE.radio) el.type = 'radio';
      else if (role === ROLE.combobox) {
        el.type = 'text';
        el.readOnly = true;
        el.setAttribute('role', 'combobox');
        el.setAttribute('aria-haspopup', 'listbox');
      } else if (role === ROLE.option) { el.setAttribute('role', 'option'); el.tabIndex = -1; }
      else if (role === ROLE.group) el.setAttribute('role', 'group');
      else if (role === ROLE.listbox) el.setAttribute('role', 'listbox');
      else if (role === ROLE.dialog) { el.setAttribute('role', 'dialog'); el.setAttribute('aria-modal', 'true'); }
      else if (role === ROLE.table) {
        el.setAttribute('role', 'table');
        el.qcityCaption = el.appendChild(document.createElement('caption'));
      } else if (role === ROLE.row) el.setAttribute('role', 'row');
      else if (role === ROLE.columnheader) { el.setAttribute('role', 'columnheader'); el.scope = 'col'; }
      else if (role === ROLE.rowheader) { el.setAttribute('role', 'rowheader'); el.scope = 'row'; }
      else if (role === ROLE.cell) el.setAttribute('role', 'cell');
      el.className = isContainer(role) ? 'qc' : 'qa';
      return el;
    };
    var setAttr = function (el, name, value) {
      if (value === null || value === '' || value === false) el.removeAttribute(name);
      else el.setAttribute(name, value === true ? 'true' : value);
    };
    // Writes only what differs from the element's last data: [id, parent, role, states, name,
    // value, description, x, y, w, h, level].
    var update = function (el, d) {
      var o = el.qcityData, role = d[2], st = d[3];
      A.writes++;
      if (o[4] !== d[4]) {
        if (role === ROLE.text || role === ROLE.heading || role === ROLE.status || role === ROLE.button || role === ROLE.option) el.textContent = d[4];
        else if (role === ROLE.table) el.qcityCaption.textContent = d[4];
        else if (role !== ROLE.row && role !== ROLE.columnheader && role !== ROLE.rowheader && role !== ROLE.cell) setAttr(el, 'aria-label', d[4]);
      }
      // (Against the <input>'s own text too: the core sends a field again when text typed into it
      // did not reach the app, a11y.cpp drop_input.)
      if ((o[5] !== d[5] || el.value !== d[5]) && (role === ROLE.textbox || role === ROLE.combobox)) {
        // The focused field's own text is the person's while they type (ImGui's copy follows).
        if (!(el === document.activeElement && (A.composing || performance.now() - A.lastInput < 400)) && el.value !== d[5]) el.value = d[5];
      }
      if (o[6] !== d[6]) setAttr(el, 'aria-description', d[6]);
      if (o[3] !== st) {
        if (role === ROLE.checkbox || role === ROLE.radio) el.checked = !!(st & ST.checked);
        if (role === ROLE.combobox) el.setAttribute('aria-expanded', st & ST.expanded ? 'true' : 'false');
        if (role === ROLE.option) el.setAttribute('aria-selected', st & ST.selected ? 'true' : 'false');
        if (role === ROLE.textbox || role === ROLE.combobox) {
          setAttr(el, 'aria-invalid', !!(st & ST.invalid));
          setAttr(el, 'aria-required', !!(st & ST.required));
        }
        if (role === ROLE.button || role === ROLE.textbox || role === ROLE.checkbox || role === ROLE.radio) el.disabled = !!(st & ST.disabled);
        // The field ImGui edits is "the" text input (its IME window, and what tests look for).
        if (role === ROLE.textbox) {
          if (st & ST.editing) {
            if (A.editing && A.editing !== el) A.editing.removeAttribute('id');
            A.editing = el;
            el.id = 'qcity-text-input';
          } else if (A.editing === el) {
            el.removeAttribute('id');
            A.editing = null;
          }
        }
      }
      if (!isContainer(role) && (o[7] !== d[7] || o[8] !== d[8] || o[9] !== d[9] || o[10] !== d[10])) {
        var s = el.style;
        s.left = d[7] + 'px';
        s.top = d[8] + 'px';
        s.width = Math.max(1, d[9]) + 'px';
        s.height = Math.max(1, d[10]) + 'px';
        if (role === ROLE.textbox) s.fontSize = Math.max(10, Math.round(d[10] * 0.6)) + 'px';
      }
      el.qcityData = d;
    };

    A.apply = function (m) {
      if (m.lang && root.lang !== m.lang) {
        root.lang = m.lang;
        document.documentElement.lang = m.lang;
      }
      var focusLost = false;
      var had = idOf(document.activeElement);  // the mirror's element that has the focus, if any
      (m.x || []).forEach(function (id) {
        var el = A.nodes.get(id);
        if (!el) return;
        if (el.contains(document.activeElement)) focusLost = true;
        if (A.editing === el) A.editing = null;
        el.remove();
        A.nodes.delete(id);
        A.writes++;
      });
      var added = [], moved = !!m.x;  // (an element whose container went or changed is placed again)
      (m.n || []).forEach(function (d) {
        var id = d[0], el = A.nodes.get(id);
        if (el && (el.qcityRole !== d[2] || el.qcityLevel !== d[11])) {
          // A new kind of element: replaced (its children, if a container, move over).
          var fresh = create(d[2], d[11]);
          if (isContainer(d[2])) Array.prototype.slice.call(el.childNodes).forEach(function (c) { if (c !== el.qcityCaption) fresh.appendChild(c); });
          if (el.parentNode) el.parentNode.replaceChild(fresh, el);
          if (A.editing === el) A.editing = null;
          el = fresh;
        }
        if (!el) {
          el = create(d[2], d[11]);
          added.push(el);
        } else if (el.qcityParent !== d[1]) moved = true;
        el.qcityId = id;
        el.qcityParent = d[1];
        A.nodes.set(id, el);
        update(el, d);
      });
      // Reading order: each element in its container after the one before it (moved only when
      // out of place).
      if (m.o) A.order = m.o;
      if (m.o || (moved && A.order)) {
        var last = new Map();
        A.order.forEach(function (id) {
          var el = A.nodes.get(id);
          if (!el) return;
          var box = (el.qcityParent && A.nodes.get(el.qcityParent)) || root;
          var prev = last.get(box);
          var ref = prev ? prev.nextSibling : box.qcityCaption ? box.qcityCaption.nextSibling : box.firstChild;
          if (ref !== el) { box.insertBefore(el, ref); A.writes++; }
          last.set(box, el);
        });
      }
      // A listbox is named by the combobox that opened it.
      added.forEach(function (el) {
        if (el.qcityRole === ROLE.listbox) {
          var combo = root.querySelector('[aria-expanded="true"]');
          if (combo) el.setAttribute('aria-label', combo.getAttribute('aria-label') || '');
        }
      });
      // A modal dialog: what is behind it is inert (out of the Tab order and the tree) while it is open.
      var dialogs = root.querySelectorAll('[role="dialog"]').length;
      if (dialogs !== A.dialogs) {
        A.dialogs = dialogs;
        Array.prototype.forEach.call(root.children, function (c) {
          var inert = dialogs > 0 && c.qcityRole !== ROLE.dialog;
          if (c.inert !== inert) c.inert = inert;
        });
      }
      var focusTo = m.f !== undefined ? A.nodes.get(m.f) : null;
      // ImGui's focus back on an element behind a dialog the mirror still shows (Escape, Cancel: ImGui
      // returns its focus to the dialog's opener in the frame the dialog closes, and the dialog leaves
      // the mirror the frame after): an inert element takes no focus, so it takes it once the dialog
      // is gone — not the mirror's top, from which the next Tab would start the page over.
      if (focusTo && focusTo.closest('[inert]')) { A.focusAfterDialog = focusTo; focusTo = null; }
      else if (m.f !== undefined) A.focusAfterDialog = null;
      if (!focusTo && A.focusAfterDialog && !A.dialogs) {
        if (A.focusAfterDialog.isConnected) focusTo = A.focusAfterDialog;
        A.focusAfterDialog = null;
      }
      // A dialog that just opened takes the focus (its first control), unless ImGui named one.
      added.forEach(function (el) {
        if (!focusTo && el.qcityRole === ROLE.dialog) focusTo = el.querySelector('button, input');
      });
      // The focused element went away (another screen): the mirror's top holds the focus, so the
      // next Tab goes to the first control of what is shown now, not back to the page's start.
      if (!focusTo && focusLost) focusTo = root;
      // An element replaced (its role changed) loses the focus too: its successor takes it.
      if (!focusTo && had && (!document.activeElement || document.activeElement === document.body))
        focusTo = A.nodes.get(had.qcityId) || root;
      if (focusTo && document.activeElement !== focusTo) {
        A.fromApp = true;
        try { focusTo.focus({ preventScroll: true }); } finally { A.fromApp = false; }
        if (focusTo.qcityId !== undefined && m.f === undefined) Module.ccall('qcity_a11y_focus', null, ['number', 'number'], [focusTo.qcityId, 0]);
      }
      if (m.l) {
        // The same words twice in a row are still said (a changed text node is what is read).
        live.textContent = m.l + (live.textContent === m.l ? '\u00a0' : '');
        A.writes++;
      }
    };
  },

  qcity_js_a11y: function (ptr) {
    var A = Module.qcity.a11y;
    if (!A) return;
    var m;
    try { m = JSON.parse(UTF8ToString(ptr)); } catch (e) { return; }
    A.apply(m);
  },
});
