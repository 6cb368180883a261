#!/usr/bin/env python3
"""Writes a C++ source that embeds asset files as byte arrays (qcity::embedded_files()).

    embed_assets.py OUT.cpp ROOT a.json b.json ... [--provided SECTION.bin c.json d.css ...]
                    [--beside DIST e.json ...] [--strings i18n/ui.json [OUT.en.json]]
                    (file names relative to ROOT)

JSON files go in without the white space between their tokens (issue 13, a lean wasm: 186 KB of
catalogs, translations, award files and the scoring model become 145 KB, 1.7 KiB less gzip): the
same document, every string and number exactly as written (only spaces, tabs and line breaks outside
strings are dropped), so the core reads the same values. The files in assets/ stay readable.

The files after --provided are not compiled in: they are written to SECTION.bin, the payload of the
web build's deferred wasm's custom section "qcity.files" (CMakeLists.txt), and the source names them
so the core knows to ask for them (core.h: provide_embedded_file). The payload is, per file, its
name's length (u32, little-endian), the name (UTF-8), the data's length (u32) and the data; the page
reads it (src/platform/web/library_qcity.js, qcity_js_provide_file). SECTION.bin is written, empty when no
file is provided, so the build always has it.

The files after --beside are not compiled in either: they are written to DIST (as DIST/c.json, JSON
without white space, as compiled in), files beside the web page that it fetches right after the first
frame and provides to the core by the same names (library_qcity.js, qcityBeside). The web build puts
the catalogs there: a catalog (catalog/ID.json) leaves its head compiled in, as catalog/ID.head.json,
the members the start screen's form shows (HEAD_KEYS: the core's read_catalog_head reads these), so a
first visit's first frame draws without the catalog (core.h: default_catalog_head); 20 KiB of gzip out
of the first download.

--strings: the interface's strings (assets/i18n/ui.json, {"key": {"zh": text, "en": text or {"one",
"other"}}}), one of the files given, go in as two files the core reads (core.h: UiStrings):
- its Chinese as "i18n/ui.zh.strings": each key and its text, NUL-terminated, one after the other
  (sorted by key). The web build's first frame draws Chinese, and this table needs no JSON parser:
  ui.json parsed by nlohmann there took ~12 ms, and the browser compiled the parser's code on the way
  (issue 13). A Chinese text that is not a plain string stops the build (Chinese has no plural forms);
- its English as "i18n/ui.en.json", {"key": text or {"one", "other"}}, read the first time English is
  wanted. Compiled in, or with OUT.en.json (the web build) written there instead, a file beside the
  page that the core is provided with when the app first shows English (4.4 KiB of gzip out of the
  first download: src/app/app.cpp, merge_english).
"""
import json
import os
import struct
import sys


def strip_json_space(text):
    out = []
    in_string = False
    escaped = False
    for ch in text:
        if in_string:
            out.append(ch)
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
            out.append(ch)
        elif ch not in " \t\r\n":
            out.append(ch)
    return "".join(out)


def read_asset(root, rel):
    with open(os.path.join(root, rel), "rb") as fh:
        data = fh.read()
    if rel.endswith(".json"):
        data = strip_json_space(data.decode("utf-8")).encode("utf-8")
    return data


# What core/catalog.cpp's read_catalog_head reads of a catalog (a missing one fails the head, and the
# app then loads the whole catalog for its first frame: correct, only slower; a browser test checks).
HEAD_KEYS = ("schema", "id", "name", "city", "source", "years", "plausible_change", "units")


def catalog_head(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as fh:
        doc = json.load(fh)
    return json.dumps({k: doc[k] for k in HEAD_KEYS if k in doc}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def strings_of(root, rel):
    """ui.json as (the Chinese table, the English JSON): see --strings above."""
    with open(os.path.join(root, rel), encoding="utf-8") as fh:
        doc = json.load(fh)
    table, english = b"", {}
    for key in sorted(doc):
        forms = doc[key]
        zh = forms.get("zh") if isinstance(forms, dict) else None
        if not isinstance(zh, str) or "\0" in key or "\0" in zh:
            sys.exit("%s: \"%s\" has no Chinese text (a plain string, without NUL) to show" % (rel, key))
        table += key.encode("utf-8") + b"\0" + zh.encode("utf-8") + b"\0"
        if "en" in forms:
            english[key] = forms["en"]
    return table, json.dumps(english, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_if_changed(path, data):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if os.path.exists(path) and open(path, "rb").read() == data:
        return  # unchanged: nothing rebuilds
    with open(path, "wb") as fh:
        fh.write(data)


def main():
    # The positional arguments, then each option with the arguments up to the next option.
    args, options, at = [], {}, None
    for a in sys.argv[1:]:
        if a.startswith("--"):
            at = options.setdefault(a, [])
        else:
            (args if at is None else at).append(a)
    unknown = set(options) - {"--strings", "--provided", "--beside"}
    if unknown or len(options.get("--strings", [""])) not in (1, 2) or len(args) < 2:
        sys.exit(__doc__)
    strings, english_out = (options["--strings"] + [None])[:2] if "--strings" in options else (None, None)
    section_path, provided = (options["--provided"][0], options["--provided"][1:]) if options.get("--provided") else (None, [])
    beside_dir, beside = (options["--beside"][0], options["--beside"][1:]) if options.get("--beside") else (None, [])
    out_path, root, files = args[0], args[1], args[2:]
    body = ["// Generated by cmake/embed_assets.py from assets/. Do not edit.", '#include "core.h"', "", "namespace qcity {", "namespace {"]
    table = []
    compiled = [(rel, read_asset(root, rel)) for rel in files if rel != strings]
    english = None
    if strings:
        chinese, english = strings_of(root, strings)
        compiled.append((strings[:-len(".json")] + ".zh.strings", chinese))
        if not english_out:
            compiled.append((strings[:-len(".json")] + ".en.json", english))
    compiled += [(rel[:-len(".json")] + ".head.json", catalog_head(root, rel))
                 for rel in provided + beside if rel.startswith("catalog/") and rel.endswith(".json")]
    for i, (rel, data) in enumerate(compiled):
        rows = [",".join(str(b) for b in data[j:j + 40]) for j in range(0, len(data), 40)]
        body.append("const unsigned char file%d[] = {\n%s%s0};" % (i, ",\n".join(rows), ",\n" if rows else ""))
        table.append('        {"%s", file%d, %d},' % (rel, i, len(data)))
    body += ["}  // namespace", "", "namespace detail {", "const std::vector<EmbeddedFile>& compiled_embedded_files() {",
             "    static const std::vector<EmbeddedFile> files = {"]
    body += table
    body += ["    };", "    return files;", "}", "",
             "// Not compiled in: the platform provides them (the web build's deferred wasm carries them).",
             "const std::vector<const char*>& provided_embedded_names() {",
             "    static const std::vector<const char*> names = {"]
    body += ['        "%s",' % rel for rel in provided + beside + ([strings[:-len(".json")] + ".en.json"] if english_out else [])]
    body += ["    };", "    return names;", "}", "}  // namespace detail", "", "}  // namespace qcity", ""]
    write_if_changed(out_path, "\n".join(body).encode("utf-8"))
    if english_out:
        write_if_changed(english_out, english)
    for rel in beside:
        write_if_changed(os.path.join(beside_dir, rel), read_asset(root, rel))
    if section_path:
        payload = b""
        for rel in provided:
            name, data = rel.encode("utf-8"), read_asset(root, rel)
            payload += struct.pack("<I", len(name)) + name + struct.pack("<I", len(data)) + data
        write_if_changed(section_path, payload)


if __name__ == "__main__":
    main()
