#!/usr/bin/env python3
"""After the web build's wasm split (CMakeLists.txt), two edits of the modules, in place:

    wasm_post_split.py sort-exports PRIMARY.wasm DEFERRED.wasm PREFIX
    wasm_post_split.py add-section FILE.wasm NAME PAYLOAD.bin

sort-exports renumbers the exports wasm-split made for the deferred half. wasm-split exports from the
primary module every function the deferred one calls (about 1,300, named PREFIX + a short name,
--export-prefix) and the deferred module imports them by those names. It hands the names out in no
particular order of function index, so the export section is a list of random two-byte indices,
which gzip cannot shrink (6 KiB of qcity.wasm's gzip). Renamed so that the names, in the order this
script hands them out, go with increasing function indices, the same section takes 1.3 KiB less. The
deferred module's imports from "primary" are renamed to match; nothing else changes (every other byte
is copied). Checked before writing: each import of the deferred module from the primary one names an
export of the same kind.

add-section appends a custom section. A custom section may stand anywhere in a module, after the last
known section too; engines skip it and WebAssembly.Module.customSections(module, NAME) returns its
bytes. Used for the deferred half, which carries the files only deferred code reads
(cmake/embed_assets.py).
"""
import sys

MODULE = b"primary"  # the module name emcc 3.1.6's loader gives the primary's exports (preamble.js)
ALPHABET = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$"


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if not x & 0x80:
            return r, i


def uleb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | 0x80 if n else byte)
        if not n:
            return bytes(out)


def sections(b):
    if b[:4] != b"\0asm":
        raise SystemExit("wasm_post_split: not a wasm module")
    out, i = [], 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        out.append([sid, b[j:j + size]])
        i = j + size
    return b[:8], out


def write(head, secs):
    return head + b"".join(bytes([sid]) + uleb(len(s)) + s for sid, s in secs)


def name_at(b, i):
    n, i = leb(b, i)
    return b[i:i + n], i + n


def limits_end(b, i):
    flags, i = leb(b, i)
    _, i = leb(b, i)
    if flags & 1:
        _, i = leb(b, i)
    return i


def short_name(k, prefix):
    s = b""
    while True:
        s = bytes([ALPHABET[k % len(ALPHABET)]]) + s
        k //= len(ALPHABET)
        if k == 0:
            return prefix + s
        k -= 1


def sort_exports(primary_path, deferred_path, prefix):
    p_head, p_secs = sections(open(primary_path, "rb").read())
    d_head, d_secs = sections(open(deferred_path, "rb").read())
    exports = next(s for s in p_secs if s[0] == 7)
    n, i = leb(exports[1], 0)
    entries = []
    for _ in range(n):
        name, i = name_at(exports[1], i)
        kind = exports[1][i]
        idx, i = leb(exports[1], i + 1)
        entries.append((name, kind, idx))
    ours = sorted((e for e in entries if e[0].startswith(prefix)), key=lambda e: (e[1], e[2]))
    others = [e for e in entries if not e[0].startswith(prefix)]
    rename = {}
    for k, (name, kind, idx) in enumerate(ours):
        rename[name] = short_name(k, prefix)
    kinds = {rename.get(name, name): kind for name, kind, _ in entries}
    if len(set(kinds)) != len(entries):
        raise SystemExit("wasm_post_split: the new names collide with an export's")
    body = uleb(len(entries))
    for name, kind, idx in others + ours:
        name = rename.get(name, name)
        body += uleb(len(name)) + name + bytes([kind]) + uleb(idx)
    exports[1] = body
    # The deferred module's imports: entries copied byte for byte but for a renamed field.
    imports = next(s for s in d_secs if s[0] == 2)
    n, i = leb(imports[1], 0)
    body = uleb(n)
    for _ in range(n):
        module, i = name_at(imports[1], i)
        field, i = name_at(imports[1], i)
        start, kind = i, imports[1][i]
        i += 1
        if kind == 0:
            _, i = leb(imports[1], i)
        elif kind == 1:
            i = limits_end(imports[1], i + 1)
        elif kind == 2:
            i = limits_end(imports[1], i)
        elif kind == 3:
            i += 2
        else:
            raise SystemExit(f"wasm_post_split: unknown import kind {kind}")
        if module == MODULE:
            field = rename.get(field, field)
            if kinds.get(field) != kind:
                raise SystemExit(f"wasm_post_split: the deferred module imports {field!r}, which the primary does not export as kind {kind}")
        body += uleb(len(module)) + module + uleb(len(field)) + field + imports[1][start:i]
    imports[1] = body
    with open(primary_path, "wb") as fh:
        fh.write(write(p_head, p_secs))
    with open(deferred_path, "wb") as fh:
        fh.write(write(d_head, d_secs))


def add_section(wasm_path, name, payload_path):
    wasm = open(wasm_path, "rb").read()
    if wasm[:4] != b"\0asm":
        raise SystemExit(f"wasm_post_split: {wasm_path} is not a wasm module")
    name_bytes = name.encode("utf-8")
    content = uleb(len(name_bytes)) + name_bytes + open(payload_path, "rb").read()
    with open(wasm_path, "ab") as fh:
        fh.write(b"\0" + uleb(len(content)) + content)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "sort-exports" and len(args) == 3:
        sort_exports(args[0], args[1], args[2].encode())
    elif command == "add-section" and len(args) == 3:
        add_section(*args)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
