#!/usr/bin/env python3
"""Writes the one-file edition of the built web app: dist/qcity.html holds the page, its CSS and
scripts, the WebAssembly binary, the preloaded UI font package and the CJK font, so it works when
opened from file:// (a USB stick, an e-mail attachment) with no server and no network.
The binaries go in as base64 inside an inert <script type="text/plain">; qcity-shell.js decodes them
and hands them to the Emscripten runtime (Module.wasmBinary, Module.getPreloadedPackage) instead of
fetching files, which file:// forbids.
Usage: one_file.py --dist build/web/dist [--out build/web/dist/qcity.html]
"""
import argparse
import base64
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
    ap.add_argument("--out")
    args = ap.parse_args()
    dist = args.dist
    out = args.out or os.path.join(dist, "qcity.html")

    page = read(dist, "index.html")
    # Drop what points at other files: the stylesheet, manifest, icon, scripts.
    page = re.sub(r'\s*<link rel="(stylesheet|manifest|icon)"[^>]*>', "", page)
    page = re.sub(r'\s*<script src="[^"]*"></script>', "", page)
    icon = base64.b64encode(read(dist, "icon.svg", "rb")).decode()
    head_extra = ('<link rel="icon" href="data:image/svg+xml;base64,%s">\n<style>\n%s</style>\n' % (icon, read(dist, "qcity.css")))
    page = page.replace("</head>", head_extra + "</head>", 1)

    inline = []
    for key, name in (("wasm", "qcity.wasm"), ("data", "qcity.data"), ("cjkFont", "fonts/qcity-cjk.otf")):
        inline.append('<script type="text/plain" id="qcity-inline-%s">%s</script>' % (key, base64.b64encode(read(dist, name, "rb")).decode()))
    body = "\n".join(inline) + "\n"
    body += '<script type="text/plain" id="qcity-inline-js">%s</script>\n' % script_text(read(dist, "qcity.js"))
    body += "<script>%s</script>\n" % script_text(read(dist, "qcity-version.js"))
    body += "<script>window.QCITY_ONE_FILE = true;</script>\n"
    body += "<script>%s</script>\n" % script_text(read(dist, "qcity-shell.js"))
    page = page.replace("</body>", body + "</body>", 1)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(page)
    print("one-file edition: %s (%.1f MB)" % (out, os.path.getsize(out) / 1e6))


if __name__ == "__main__":
    main()
