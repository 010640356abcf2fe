#!/usr/bin/env bash
# Installs from Debian what Accord needs and the machine lacks.
#   scripts/system-deps.sh         what `make setup` needs: Python's venv module, Node.js and npm,
#                                  the fonts of badge PDFs (about 25 MB to download, 85 MB on disk)
#   scripts/system-deps.sh --test  also the servers and browser the test suite runs for real:
#                                  redis-server, chromium, gettext, poppler-utils, and the
#                                  PostgreSQL server
#                                  (unless its binaries are already there)
# Does nothing when everything is there; needs root (or sudo) only when something is missing.
set -euo pipefail

missing=()
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
command -v npm >/dev/null || missing+=(nodejs npm)
# Badge PDFs (accreditation/pdf/shaping.py): DejaVu Sans for names in Latin (Vietnamese too),
# Greek and Cyrillic; Noto Sans of each other script (Arabic, Hebrew, Devanagari, Thai,
# Ethiopic...); Droid Sans Fallback for Chinese and Japanese; Nanum Gothic for Korean. All
# TrueType: reportlab embeds no OpenType/CFF font, which rules out fonts-noto-cjk.
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf ] || missing+=(fonts-noto-core)
[ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
[ -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf ] || missing+=(fonts-nanum)
if [ "${1:-}" = "--test" ]; then
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v msgfmt >/dev/null || missing+=(gettext)
  # The list of participants' PDF is read back as text by its tests.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    missing+=(postgresql)
  fi
fi
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing from Debian: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
