#!/usr/bin/env bash
# Debian packages the features and tests use. Installs what is missing when run as root with apt-get;
# otherwise says which packages to install and goes on (the features that need them say so too).
set -euo pipefail
packages=(
  ffmpeg          # temp voice tracks: clip fitting, mixing, muxing
  espeak-ng       # temp voice tracks: speech synthesis
  libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-noto-core  # PDF output (WeasyPrint)
  gettext         # compiling UI translations
  libicu-dev pkg-config  # PyICU, the peer the transliteration tests and benchmark compare with
  chromium        # browser tests
  nginx           # the production layout (deploy/nginx, scripts/production-smoke.sh): reverse proxy, static files
)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages (install them with apt-get): ${missing[*]}" >&2
fi
