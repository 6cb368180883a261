#!/usr/bin/env python3
"""Writes the one-file edition of the built web app: dist/qcity.html holds the page, its CSS and
scripts, the WebAssembly binary, the UI font (both parts: all before the first frame), the CJK
slices' manifest, GB18030's table (GBK files), the UI's English, the catalogs, and the characters of the
通用规范汉字表 (8,105, in one font: the table's characters the UI font lacks), so it works when
opened from file:// (a USB stick, an e-mail attachment) with no server and no network. Characters
outside the table are drawn by the browser's own fonts (src/platform/web/library_fonts.js).
The binaries (and the Emscripten JS) go in gzip'd, as base64, inside inert <script type="text/plain">
elements; qcity-shell.js decodes them with the browser's DecompressionStream and hands them to the
Emscripten runtime (Module.wasmBinary, Module.qcity.bootFonts) instead of fetching files, which
file:// forbids.
Usage: one_file.py --dist build/web/dist --table-font build/web/font/qcity-table.otf [--out ...]
"""
import argparse
import base64
import gzip
import os
import re


def read(dist, name, mode="r"):
    with open(os.path.join(dist, name), mode, **({} if "b" in mode else {"encoding": "utf-8"})) as fh:
        return fh.read()


def script_text(s):
    # Inline script bodies must not contain "</script" (none of ours does; make sure).
    return s.replace("</script", "<\\/script")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--dist", required=True)
    ap.add_argument("--table-font", required=True)
    ap.add_argument("--out")
    args = ap.parse_args()
    dist = args.dist
    out = args.out or os.path.join(dist, "qcity.html")

    page = read(dist, "index.html")
    # Drop what points at other files: the stylesheet, manifest, icon, scripts.
    page = re.sub(r'\s*<link rel="(stylesheet|manifest|icon|preload)"[^>]*>', "", page)
    page = re.sub(r'\s*<!--.*?-->', "", page, flags=re.S)  # (what they say is of the links just removed)
    page = re.sub(r'\s*<script src="[^"]*"></script>', "", page)
    icon = base64.b64encode(read(dist, "icon.svg", "rb")).decode()
    head_extra = ('<link rel="icon" href="data:image/svg+xml;base64,%s">\n<style>\n%s</style>\n' % (icon, read(dist, "qcity.css")))
    page = page.replace("</head>", head_extra + "</head>", 1)

    def gz64(data):
        return base64.b64encode(gzip.compress(data, 9, mtime=0)).decode()

    with open(args.table_font, "rb") as fh:
        table_font = fh.read()
    inline = []
    for key, data in (("wasm", read(dist, "qcity.wasm", "rb")), ("js", read(dist, "qcity.js", "rb")),
                      ("fontUi", read(dist, "fonts/qcity-ui.otf", "rb")), ("fontUiRest1", read(dist, "fonts/qcity-ui-rest-1.otf", "rb")),
                      ("fontUiRest2", read(dist, "fonts/qcity-ui-rest-2.otf", "rb")),
                      ("fontManifest", read(dist, "fonts/qcity-slices.bin", "rb")), ("fontTable", table_font),
                      ("gb18030", read(dist, "gb18030.bin", "rb"))):
        inline.append('<script type="text/plain" id="qcity-inline-%s">%s</script>' % (key, gz64(data)))
    # The files beside the page (library_qcity.js, qcityBeside), by their names: the UI's English and
    # the catalogs (qcity-version.js names them).
    catalog_dir = os.path.join(dist, "catalog")
    beside = ["i18n/ui.en.json"] + (sorted("catalog/" + f for f in os.listdir(catalog_dir) if f.endswith(".json")) if os.path.isdir(catalog_dir) else [])
    for name in beside:
        inline.append('<script type="text/plain" id="qcity-inline-%s">%s</script>' % (name, gz64(read(dist, name, "rb"))))
    if os.path.exists(os.path.join(dist, "qcity.deferred.wasm")):  # the wasm's deferred half (a split build)
        inline.append('<script type="text/plain" id="qcity-inline-deferred">%s</script>' % gz64(read(dist, "qcity.deferred.wasm", "rb")))
    body = "\n".join(inline) + "\n"
    body += "<script>%s</script>\n" % script_text(read(dist, "qcity-version.js"))
    body += "<script>window.QCITY_ONE_FILE = true;</script>\n"
    body += "<script>%s</script>\n" % script_text(read(dist, "qcity-shell.js"))
    page = page.replace("</body>", body + "</body>", 1)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(page)
    print("one-file edition: %s (%.2f MiB)" % (out, os.path.getsize(out) / 1048576))


if __name__ == "__main__":
    main()
