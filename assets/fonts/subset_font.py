#!/usr/bin/env python3
"""Subset Noto Sans CJK SC to the characters qcity shows.

A full CJK font is ~20 MB and its full glyph range makes ImGui bake a 4096² atlas; the UI needs a
few thousand characters. This script keeps:
  - every character that occurs in the given input files (catalog, translations, UI sources),
  - printable ASCII, Latin-1 punctuation and the symbols the UI draws (≥ ≤ — … “ ” · ×),
  - with --gb2312-level1: the 3,755 level-1 hanzi of GB 2312 (the common characters of names and
    notes) and GB 2312's punctuation rows (full-width forms such as ： ， （ ）),
and writes the subset font plus a UTF-8 file listing exactly the characters it covers (the app builds
its glyph ranges from that list, so it never asks for a glyph the font lacks).

With --first-screen LIST --ui-json ui.json --catalog catalog.json --rest-out REST: the font is cut in
two. --out gets only what the first screen draws (printable ASCII and the characters of the ui.json
keys, catalog unit names and literal characters LIST names: assets/fonts/first-screen.txt), fetched
before the first frame; REST (one or more files, split by code point) gets every other character of the set, fetched right
after it.

Usage: subset_font.py --font NotoSansCJK-Regular.ttc --face 2 --out ui.otf --chars-out ui.chars
                      [--gb2312-level1] [--ranges 4E00-9FFF,...]
                      [--first-screen first-screen.txt --ui-json ui.json --catalog c.json --rest-out rest-1.otf --rest-out rest-2.otf] INPUT...
Needs fontTools (Debian: python3-fonttools).
"""
import argparse
import json
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

EXTRA = "≥≤—–…“”‘’·×÷±°℃※→←↑↓✓●○■□▲▼◆★☆《》「」『』【】〔〕、。，：；！？（）％＋－＝～￥·"


def gb2312_rows(first, last):
    """Characters of GB 2312 rows first..last (row = lead byte - 0xA0)."""
    out = []
    for lead in range(0xA0 + first, 0xA0 + last + 1):
        for trail in range(0xA1, 0xFF):
            try:
                out.append(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


def strings_of(value):
    """Every string in a ui.json value (zh, en, and plural forms)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


def first_screen_chars(list_path, ui_json, catalog):
    """The characters the first screen draws, from the list (see --first-screen)."""
    with open(ui_json, encoding="utf-8") as f:
        ui = json.load(f)
    with open(catalog, encoding="utf-8") as f:
        cat = json.load(f)
    chars = set(chr(c) for c in range(0x20, 0x7F))
    with open(list_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("chars:"):
                chars.update(line[len("chars:"):].strip())
            elif line == "units:":
                for unit in cat.get("units", []):
                    for s in strings_of(unit.get("name", {})):
                        chars.update(s)
            else:
                keys = [k for k in ui if (k.startswith(line[:-1]) if line.endswith("*") else k == line)]
                if not keys:
                    raise SystemExit(f"subset_font: {list_path}: no ui.json key {line}")
                for k in keys:
                    for s in strings_of(ui[k]):
                        chars.update(s)
    return chars


def subset_to(font_path, face, unicodes, out):
    font = TTFont(font_path, fontNumber=face)
    options = subset.Options()
    options.layout_features = []        # ImGui does no shaping
    options.hinting = False
    options.desubroutinize = True       # compresses better over HTTP
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence-identifying names
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    font.save(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font", required=True)
    ap.add_argument("--face", type=int, default=0, help="face index in a .ttc (Noto Sans CJK SC is 2)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--chars-out", required=True)
    ap.add_argument("--gb2312-level1", action="store_true")
    ap.add_argument("--ranges", default="", help="extra code point ranges, e.g. 3400-4DBF,4E00-9FFF")
    ap.add_argument("--first-screen", help="cut in two: the first screen's characters (this list) in --out")
    ap.add_argument("--ui-json")
    ap.add_argument("--catalog")
    ap.add_argument("--rest-out", action="append", default=[],
                    help="with --first-screen: the other characters (repeated: split by code point into this many files)")
    ap.add_argument("inputs", nargs="*")
    args = ap.parse_args()

    chars = set(chr(c) for c in range(0x20, 0x7F))
    chars.update(chr(c) for c in range(0xA0, 0x100))
    chars.update(EXTRA)
    for path in args.inputs:
        with open(path, encoding="utf-8", errors="ignore") as f:
            chars.update(ch for ch in f.read() if ord(ch) >= 0x80)
    for r in filter(None, args.ranges.split(",")):
        lo, _, hi = r.partition("-")
        chars.update(chr(c) for c in range(int(lo, 16), int(hi or lo, 16) + 1))
    if args.gb2312_level1:
        chars.update(gb2312_rows(1, 3))    # punctuation, numbers, full-width ASCII
        chars.update(gb2312_rows(16, 55))  # level-1 hanzi (3,755)

    cmap = TTFont(args.font, fontNumber=args.face).getBestCmap()
    covered = sorted(c for c in chars if ord(c) in cmap)
    missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace() and c.isprintable())

    if args.first_screen:
        first = first_screen_chars(args.first_screen, args.ui_json, args.catalog)
        first_cps = sorted(ord(c) for c in covered if c in first)
        rest_cps = sorted(ord(c) for c in covered if c not in first)
        subset_to(args.font, args.face, first_cps, args.out)
        # Split by code point into parts of about the same size: an ideograph's outline costs ~5× a
        # Latin letter's or a symbol's, so each part gets the same number of ideographs.
        n = len(args.rest_out)
        weight = [1.0 if cp >= 0x2E80 else 0.2 for cp in rest_cps]
        total, parts, run = sum(weight), [[] for _ in range(n)], 0.0
        for cp, w in zip(rest_cps, weight):
            parts[min(int(run * n / total), n - 1)].append(cp)
            run += w
        for part, out in zip(parts, args.rest_out):
            subset_to(args.font, args.face, part, out)
        print(f"subset_font: the first screen's {len(first_cps)} characters -> {args.out}, "
              f"the other {len(rest_cps)} -> {' '.join(args.rest_out)}")
    else:
        subset_to(args.font, args.face, [ord(c) for c in covered], args.out)
    os.makedirs(os.path.dirname(os.path.abspath(args.chars_out)), exist_ok=True)
    with open(args.chars_out, "w", encoding="utf-8") as f:
        f.write("".join(covered))
    print(f"subset_font: {len(covered)} characters"
          + (f" ({len(missing)} not in the font: {''.join(missing[:20])})" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
