#!/usr/bin/env python3
"""Appends a custom section to a wasm file (in place).

    wasm_custom_section.py FILE.wasm NAME PAYLOAD.bin

A custom section may stand anywhere in a module, after the last known section too; engines skip it
and WebAssembly.Module.customSections(module, NAME) returns its bytes. Used for the web build's
deferred half, which carries the files only deferred code reads (cmake/embed_assets.py)."""
import sys


def leb128(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def main():
    wasm_path, name, payload_path = sys.argv[1:4]
    wasm = open(wasm_path, "rb").read()
    if wasm[:4] != b"\0asm":
        raise SystemExit(f"wasm_custom_section: {wasm_path} is not a wasm module")
    payload = open(payload_path, "rb").read()
    name_bytes = name.encode("utf-8")
    content = leb128(len(name_bytes)) + name_bytes + payload
    with open(wasm_path, "ab") as fh:
        fh.write(b"\0" + leb128(len(content)) + content)


if __name__ == "__main__":
    main()
