#!/usr/bin/env bash
# qcity — toolchain and dependency set-up. Idempotent: finds what is there, installs what is not,
# and says what it did. Safe to run before every build (the README commands do).
#
# What it provides:
#   emcc (Emscripten)            Debian's `emscripten` + `node-acorn`, else emsdk `latest` from GitHub
#   terser                       Debian's `terser`: qcity.js minified (CMakeLists.txt; skipped without it)
#   Dear ImGui 1.92.2b           into third_party/imgui (ignored): Debian source package from sid
#                                (deb-src entry built from this machine's own apt URIs; forky has it
#                                too), else the v1.92.2b tag from GitHub
#   zlib 1.3.1 (+ contrib/minizip), pugixml 1.14
#                                into third_party/zlib, third_party/pugixml (ignored): the .xlsx reader
#                                and writer, compiled from source in both builds (Emscripten's zlib
#                                port downloads at build time). Debian source packages' upstream
#                                tarballs (sha256 pinned), else the v1.3.1 / v1.14 tags from GitHub
#   nlohmann/json, doctest       Debian's nlohmann-json3-dev, doctest-dev (header-only)
#   Noto Sans CJK SC, fontTools  Debian's fonts-noto-cjk, python3-fonttools (font subset at build time)
#   chromium + playwright-core   Debian's chromium; playwright-core from npm into tests/browser
#   poppler-utils                pdftoppm: the browser tests look at the printed report as pages
#   python3-openpyxl             the tests write .xlsx files as another program would
#   firefox-esr + puppeteer-core Debian's firefox-esr (under Xvfb) for the Firefox text-input tests
#   clang (libFuzzer)            Debian's clang: the fuzz targets in tests/fuzz (scripts/fuzz.sh)
#
# Environment written to build/env.sh (sourced by the scripts in scripts/).
#
# Options: --no-browser   skip chromium + playwright-core (native/web builds only)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
IMGUI_VERSION="1.92.2b"
IMGUI_DEB_VERSION="1.92.2b+ds-1"
IMGUI_DEB_SUITE="sid"
THIRD="$ROOT/third_party"
WANT_BROWSER=1
for a in "$@"; do
  case "$a" in
    --no-browser) WANT_BROWSER=0 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "emsdk-setup.sh: unknown option $a" >&2; exit 2 ;;
  esac
done

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
HAVE_APT=0
if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then HAVE_APT=1; fi
APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" = 0 ]; then
    say "apt-get update"
    $SUDO apt-get update -qq >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
}
deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
apt_ensure() {  # apt_ensure pkg... : install the ones that are missing
  local missing=()
  for p in "$@"; do deb_installed "$p" || missing+=("$p"); done
  if [ ${#missing[@]} -eq 0 ]; then say "present: $*"; return 0; fi
  apt_update_once
  say "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

mkdir -p "$THIRD" "$ROOT/build"
ENV_FILE="$ROOT/build/env.sh"
: > "$ENV_FILE.tmp"

# ---------------------------------------------------------------------------------------------
# Base tools, headers, fonts
# ---------------------------------------------------------------------------------------------
if [ "$HAVE_APT" = 1 ]; then
  apt_ensure cmake g++ make python3 python3-fonttools python3-openpyxl nlohmann-json3-dev doctest-dev fonts-noto-cjk
  # clang brings libFuzzer and its sanitizer runtimes (libclang-rt-*-dev): the "fuzz" preset.
  apt_ensure clang
  # Node.js may come from elsewhere (e.g. NodeSource's nodejs bundles npm): only install Debian's if absent.
  command -v node >/dev/null 2>&1 || apt_ensure nodejs
  command -v npm >/dev/null 2>&1 || apt_ensure npm
else
  for t in cmake c++ python3 node npm; do command -v $t >/dev/null || die "$t not found (install it, or use Debian/Ubuntu)"; done
  say "not a Debian system: nlohmann/json, doctest, Noto Sans CJK and fontTools must be installed by you"
fi

# The Python that has fontTools: Debian's /usr/bin/python3 (a pyenv shim on PATH may lack it).
PYTHON=""
for py in /usr/bin/python3 python3; do
  if "$py" -c 'import fontTools' >/dev/null 2>&1; then PYTHON="$(command -v "$py")"; break; fi
done
[ -n "$PYTHON" ] || die "no python3 with fontTools found (Debian: python3-fonttools; elsewhere: pip install fonttools)"
say "fontTools python: $PYTHON"

CJK_FONT=""
for f in /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc /usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc \
         /usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc; do
  [ -f "$f" ] && { CJK_FONT="$f"; break; }
done
[ -n "$CJK_FONT" ] || die "Noto Sans CJK (NotoSansCJK-Regular.ttc) not found"
say "CJK font: $CJK_FONT"

# ---------------------------------------------------------------------------------------------
# Emscripten
# ---------------------------------------------------------------------------------------------
EMSDK_ENV=""
if command -v emcc >/dev/null 2>&1; then
  say "emcc on PATH: $(command -v emcc)"
  if [ "$HAVE_APT" = 1 ] && deb_installed emscripten; then apt_ensure node-acorn terser; fi
elif [ "$HAVE_APT" = 1 ] && (apt_update_once; apt-cache show emscripten >/dev/null 2>&1); then
  apt_ensure emscripten node-acorn terser
else
  if [ ! -d "$THIRD/emsdk" ]; then
    say "cloning emsdk from GitHub"
    git clone --depth 1 https://github.com/emscripten-core/emsdk.git "$THIRD/emsdk"
  fi
  (cd "$THIRD/emsdk" && ./emsdk install latest >/dev/null && ./emsdk activate latest >/dev/null)
  EMSDK_ENV="$THIRD/emsdk/emsdk_env.sh"
  # shellcheck disable=SC1090
  source "$EMSDK_ENV" >/dev/null
fi
if [ -d /usr/share/nodejs ]; then
  # Debian's emscripten JS optimizer finds acorn through NODE_PATH.
  echo "export NODE_PATH=/usr/share/nodejs\${NODE_PATH:+:\$NODE_PATH}" >> "$ENV_FILE.tmp"
  export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
fi
[ -n "$EMSDK_ENV" ] && echo "source '$EMSDK_ENV' >/dev/null" >> "$ENV_FILE.tmp"
# (Not `emcc --version | head -n1`: under pipefail, head closing the pipe after one line can fail
# emcc's later writes — a set-up that failed at random on a loaded machine.)
EMCC_VERSION="$(emcc --version 2>/dev/null)" || die "emcc does not run"
EMCC_VERSION="${EMCC_VERSION%%$'\n'*}"
say "Emscripten: $EMCC_VERSION"
EM_ROOT="$(em-config EMSCRIPTEN_ROOT 2>/dev/null || true)"
EM_TOOLCHAIN="$EM_ROOT/cmake/Modules/Platform/Emscripten.cmake"
[ -f "$EM_TOOLCHAIN" ] || die "Emscripten's CMake toolchain file not found (looked for $EM_TOOLCHAIN)"
echo "export QCITY_EMSCRIPTEN_TOOLCHAIN='$EM_TOOLCHAIN'" >> "$ENV_FILE.tmp"

# ---------------------------------------------------------------------------------------------
# Dear ImGui 1.92.2b (third_party/imgui, ignored by git)
# ---------------------------------------------------------------------------------------------
imgui_ok() {
  [ -f "$THIRD/imgui/imgui.h" ] && grep -q "#define IMGUI_VERSION *\"$IMGUI_VERSION\"" "$THIRD/imgui/imgui.h" \
    && [ -f "$THIRD/imgui/backends/imgui_impl_glfw.cpp" ] && [ -f "$THIRD/imgui/backends/imgui_impl_opengl3.cpp" ]
}
# A deb-src entry for a Debian suite, built from the URIs this machine's apt already uses for Debian:
# Dear ImGui 1.92.2b comes from sid's source package (trixie has 1.90.1), zlib and pugixml from trixie's.
# Each suite gets its own file, /etc/apt/sources.list.d/qcity-<suite>-src.sources, written once.
ensure_deb_src() {  # ensure_deb_src suite
  local suite="$1"
  apt_update_once
  local uri=""
  uri=$( { cat /etc/apt/sources.list 2>/dev/null; cat /etc/apt/sources.list.d/*.list 2>/dev/null; } \
          | awk '$1=="deb" {for(i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' | grep -v security | head -n1 || true)
  if [ -z "$uri" ]; then
    uri=$(awk '/^URIs:/ {for(i=2;i<=NF;i++) print $i}' /etc/apt/sources.list.d/*.sources 2>/dev/null \
          | grep -v -- '-security' | grep '/debian/\?$' | head -n1 || true)
  fi
  [ -n "$uri" ] || { say "no Debian apt URI found for a deb-src entry"; return 1; }
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  local srcfile="/etc/apt/sources.list.d/qcity-$suite-src.sources"
  if [ ! -f "$srcfile" ]; then
    say "adding deb-src entry for $suite ($uri) to fetch source packages"
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' "$uri" "$suite" "$keyring" \
      | $SUDO tee "$srcfile" >/dev/null
    APT_UPDATED=0; apt_update_once
  fi
  apt_ensure dpkg-dev
}
fetch_imgui_debian() {
  ensure_deb_src "$IMGUI_DEB_SUITE" || return 1
  local work; work="$(mktemp -d)"
  ( cd "$work" && apt-get source -qq "imgui=$IMGUI_DEB_VERSION" >/dev/null 2>&1 ) || { rm -rf "$work"; return 1; }
  local dir; dir="$(find "$work" -maxdepth 1 -type d -name 'imgui-*' | head -n1)"
  [ -n "$dir" ] || { rm -rf "$work"; return 1; }
  rm -rf "$THIRD/imgui"; mv "$dir" "$THIRD/imgui"; rm -rf "$work"
  say "Dear ImGui from Debian source package imgui $IMGUI_DEB_VERSION ($IMGUI_DEB_SUITE)"
}
fetch_imgui_github() {
  say "fetching Dear ImGui v$IMGUI_VERSION from GitHub"
  rm -rf "$THIRD/imgui"
  git -c advice.detachedHead=false clone -q --depth 1 --branch "v$IMGUI_VERSION" https://github.com/ocornut/imgui.git "$THIRD/imgui"
}
if imgui_ok; then
  say "Dear ImGui $IMGUI_VERSION present"
else
  if [ "$HAVE_APT" = 1 ] && fetch_imgui_debian && imgui_ok; then :; else
    fetch_imgui_github || die "could not fetch Dear ImGui $IMGUI_VERSION (no Debian source package, no GitHub)"
  fi
  imgui_ok || die "third_party/imgui is not Dear ImGui $IMGUI_VERSION with the GLFW and OpenGL3 backends"
  say "Dear ImGui $(grep '#define IMGUI_VERSION ' "$THIRD/imgui/imgui.h" | awk '{print $3}') in third_party/imgui"
fi

# ---------------------------------------------------------------------------------------------
# zlib 1.3.1 with contrib/minizip, pugixml 1.14 (third_party/zlib, third_party/pugixml; ignored)
# ---------------------------------------------------------------------------------------------
# The upstream tarball of the Debian source package (the "orig" tarball), checked against a pinned
# sha256: some mirrors lack a package's .dsc while keeping its tarball, so the tarball is what we
# rely on. Without apt (or when the tarball cannot be had) the upstream tag from GitHub.
ZLIB_DEB_VERSION="1:1.3.dfsg+really1.3.1-1"
ZLIB_ORIG="zlib_1.3.dfsg+really1.3.1.orig.tar.gz"
ZLIB_ORIG_SHA256="60dd315c07f616887caa029408308a018ace66e3d142726a97db164b3b8f69fb"
PUGIXML_DEB_VERSION="1.14-2"
PUGIXML_ORIG="pugixml_1.14.orig.tar.gz"
PUGIXML_ORIG_SHA256="610f98375424b5614754a6f34a491adbddaaec074e9044577d965160ec103d2e"
zlib_ok() { [ -f "$THIRD/zlib/zlib.h" ] && grep -q 'ZLIB_VERSION "1.3.1"' "$THIRD/zlib/zlib.h" && [ -f "$THIRD/zlib/contrib/minizip/unzip.c" ]; }
pugixml_ok() { [ -f "$THIRD/pugixml/src/pugixml.cpp" ] && grep -q 'PUGIXML_VERSION 1140' "$THIRD/pugixml/src/pugixml.hpp"; }
fetch_debian_orig() {  # fetch_debian_orig pkg deb_version orig_file sha256 dest
  local pkg="$1" ver="$2" orig="$3" sum="$4" dest="$5"
  [ "$HAVE_APT" = 1 ] || return 1
  ensure_deb_src trixie || return 1
  local work; work="$(mktemp -d)"
  ( cd "$work" && apt-get source -qq --download-only "$pkg=$ver" >/dev/null 2>&1 ) || true
  if [ ! -f "$work/$orig" ] || ! echo "$sum  $work/$orig" | sha256sum -c --quiet - >/dev/null 2>&1; then
    rm -rf "$work"; return 1
  fi
  mkdir "$work/x" && tar -xzf "$work/$orig" -C "$work/x" || { rm -rf "$work"; return 1; }
  local dir; dir="$(find "$work/x" -mindepth 1 -maxdepth 1 -type d | head -n1)"
  [ -n "$dir" ] || { rm -rf "$work"; return 1; }
  rm -rf "$dest"; mv "$dir" "$dest"; rm -rf "$work"
  say "$pkg from the Debian source package $pkg $ver (upstream tarball, sha256 checked)"
}
fetch_github_tag() {  # fetch_github_tag owner/repo tag dest
  say "fetching $1 $2 from GitHub"
  rm -rf "$3"
  git -c advice.detachedHead=false clone -q --depth 1 --branch "$2" "https://github.com/$1.git" "$3"
}
if zlib_ok; then say "zlib 1.3.1 (with minizip) present"; else
  fetch_debian_orig zlib "$ZLIB_DEB_VERSION" "$ZLIB_ORIG" "$ZLIB_ORIG_SHA256" "$THIRD/zlib" \
    || fetch_github_tag madler/zlib v1.3.1 "$THIRD/zlib" || die "could not fetch zlib 1.3.1"
  zlib_ok || die "third_party/zlib is not zlib 1.3.1 with contrib/minizip"
fi
if pugixml_ok; then say "pugixml 1.14 present"; else
  fetch_debian_orig pugixml "$PUGIXML_DEB_VERSION" "$PUGIXML_ORIG" "$PUGIXML_ORIG_SHA256" "$THIRD/pugixml" \
    || fetch_github_tag zeux/pugixml v1.14 "$THIRD/pugixml" || die "could not fetch pugixml 1.14"
  pugixml_ok || die "third_party/pugixml is not pugixml 1.14"
fi

# ---------------------------------------------------------------------------------------------
# Browser tests: chromium + playwright-core
# ---------------------------------------------------------------------------------------------
CHROMIUM=""
if [ "$WANT_BROWSER" = 1 ]; then
  [ "$HAVE_APT" = 1 ] && apt_ensure chromium firefox-esr xvfb xauth libgl1-mesa-dri poppler-utils
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    [ -x "$c" ] && { CHROMIUM="$c"; break; }
  done
  [ -n "$CHROMIUM" ] || die "no chromium found for the browser tests"
  say "browser: $($CHROMIUM --version 2>/dev/null | head -n1)"
  if [ ! -f "$ROOT/tests/browser/node_modules/playwright-core/package.json" ] || \
     [ ! -f "$ROOT/tests/browser/node_modules/puppeteer-core/package.json" ] || \
     [ ! -f "$ROOT/tests/browser/node_modules/axe-core/axe.min.js" ]; then
    say "npm install (playwright-core, puppeteer-core, axe-core) in tests/browser"
    (cd "$ROOT/tests/browser" && npm install --no-audit --no-fund --loglevel=error >/dev/null) || die "npm install failed"
  fi
  say "playwright-core $(node -p "require('$ROOT/tests/browser/node_modules/playwright-core/package.json').version")"
fi

{
  cat "$ENV_FILE.tmp"
  echo "export QCITY_PYTHON='$PYTHON'"
  echo "export QCITY_CJK_FONT='$CJK_FONT'"
  [ -n "$CHROMIUM" ] && echo "export QCITY_CHROMIUM='$CHROMIUM'"
} > "$ENV_FILE"
rm -f "$ENV_FILE.tmp"
say "ready (environment in build/env.sh)"
