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

Usage: subset_font.py --font NotoSansCJK-Regular.ttc --face 2 --out ui.otf --chars-out ui.chars
                      [--gb2312-level1] [--ranges 4E00-9FFF,...] INPUT...
Needs fontTools (Debian: python3-fonttools).
"""
import argparse
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font", required=True)
    ap.add_argument("--face", type=int, default=0, help="face index in a .ttc (Noto Sans CJK SC is 2)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--chars-out", required=True)
    ap.add_argument("--gb2312-level1", action="store_true")
    ap.add_argument("--ranges", default="", help="extra code point ranges, e.g. 3400-4DBF,4E00-9FFF")
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

    font = TTFont(args.font, fontNumber=args.face)
    cmap = font.getBestCmap()
    covered = sorted(c for c in chars if ord(c) in cmap)
    missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace() and c.isprintable())

    options = subset.Options()
    options.layout_features = []        # ImGui does no shaping
    options.hinting = False
    options.desubroutinize = True       # compresses better over HTTP
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence-identifying names
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in covered])
    sub.subset(font)
    for path in (args.out, args.chars_out):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    font.save(args.out)

    with open(args.chars_out, "w", encoding="utf-8") as f:
        f.write("".join(covered))
    print(f"subset_font: {len(covered)} characters -> {args.out}"
          + (f" ({len(missing)} not in the font: {''.join(missing[:20])})" if missing else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
