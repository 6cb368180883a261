#!/usr/bin/env python3
"""What the wasm is made of: code bytes per function (by the name section of a build linked with
--profiling-funcs), grouped by library, and the data segments. Used for bench/README.md's table of
what the embedded data and nlohmann cost.
  python3 bench/web/wasm_sizes.py qcity.wasm [--top 30]
  (a wasm with names: relink qcity_web with --profiling-funcs, see bench/README.md)"""
import subprocess, sys, zlib
from collections import defaultdict

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if not x & 0x80: return r, i

def sections(b):
    i = 8
    while i < len(b):
        sid = b[i]; size, j = leb(b, i + 1)
        yield sid, b[j:j + size]
        i = j + size

def function_bodies(b):
    """(the number of imported functions, the defined functions' bodies in index order)."""
    imports = 0; bodies = []
    for sid, s in sections(b):
        if sid == 2:
            n, i = leb(s, 0)
            for _ in range(n):
                for _ in range(2):
                    l, i = leb(s, i); i += l
                kind = s[i]; i += 1
                if kind == 0: _, i = leb(s, i); imports += 1
                elif kind == 1: i += 1; f, i = leb(s, i); _, i = leb(s, i); i = i if not f & 1 else leb(s, i)[1]
                elif kind == 2: f, i = leb(s, i); _, i = leb(s, i); i = i if not f & 1 else leb(s, i)[1]
                elif kind == 3: i += 2
        elif sid == 10:
            n, i = leb(s, 0)
            for _ in range(n):
                size, j = leb(s, i); bodies.append(s[j:j + size]); i = j + size
    return imports, bodies

def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 30
    b = open(path, 'rb').read()
    imports, bodies = function_bodies(b)  # (imported functions come first in the index space)
    names = {}; data = []
    for sid, s in sections(b):
        if sid == 11:
            n, i = leb(s, 0)
            for _ in range(n):
                flags, i = leb(s, i)
                if flags == 2: _, i = leb(s, i)  # (an active segment with its memory's index)
                if flags in (0, 2):  # its offset: i32.const N or global.get N, then end (read, not
                    i += 1           # scanned for: N's bytes may hold 0x0b)
                    _, i = leb(s, i)
                    assert s[i] == 0x0b, 'unexpected offset expression in a data segment'
                    i += 1
                size, j = leb(s, i); data.append(s[j:j + size]); i = j + size
        elif sid == 0:
            l, i = leb(s, 0)
            if s[i:i + l] != b'name': continue
            i += l
            while i < len(s):
                kind = s[i]; size, j = leb(s, i + 1)
                if kind == 1:
                    n, k = leb(s, j)
                    for _ in range(n):
                        idx, k = leb(s, k); l, k = leb(s, k); names[idx] = s[k:k + l].decode('utf8', 'replace'); k += l
                i = j + size
    mangled = [names.get(imports + n, f'func{imports + n}') for n in range(len(bodies))]
    demangled = subprocess.run(['c++filt'], input='\n'.join(mangled), capture_output=True, text=True).stdout.split('\n')
    groups = defaultdict(lambda: [0, b'']); rows = []
    rules = [('nlohmann', 'nlohmann::json'), ('ImGui', 'Dear ImGui'), ('Im', 'Dear ImGui'), ('pugi', 'pugixml'),
             ('qcity::app', 'qcity app'), ('qcity::', 'qcity core'), ('std::', 'C++ standard library'), ('ImGui_Impl', 'Dear ImGui')]
    for name, body in zip(demangled, bodies):
        g = 'other (libc, zlib, minizip, GLFW glue, main_web)'
        for key, label in rules:
            if key in name.split('(')[0]: g = label; break
        if 'nlohmann' in name: g = 'nlohmann::json'
        groups[g][0] += len(body); groups[g][1] += body; rows.append((len(body), name))
    code = sum(len(x) for x in bodies)
    print(f'code {code / 1024:.1f} KiB in {len(bodies)} functions; data {sum(map(len, data)) / 1024:.1f} KiB in {len(data)} segments')
    print('code by library (a function counts where its name says; templates instantiated for a type count by the template):')
    for g, (n, blob) in sorted(groups.items(), key=lambda x: -x[1][0]):
        print(f'  {g:52s} {n / 1024:8.1f} KiB  (gzip alone {len(zlib.compress(blob, 9)) / 1024:6.1f} KiB)')
    print(f'largest {top} functions:')
    for n, name in sorted(rows, reverse=True)[:top]:
        print(f'  {n:8d}  {name[:150]}')

if __name__ == '__main__':
    main()
