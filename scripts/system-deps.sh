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
command -v npm >/dev/null || missing+=(npm)  # axe-core for the browser tests (package.json)
install_node_modules() {
  # axe-core, injected by the browser tests into each page (pinned in package.json / package-lock.json)
  # (again only when package-lock.json changed since node_modules was installed)
  local root
  root="$(cd "$(dirname "$0")/.." && pwd)"
  if [ -f "$root/node_modules/.package-lock.json" ] && [ "$root/node_modules/.package-lock.json" -nt "$root/package-lock.json" ]; then
    return
  fi
  if command -v npm >/dev/null; then
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
      echo "npm ci failed: the accessibility checks of the browser tests will be skipped" >&2
  fi
}
if [ ${#missing[@]} -eq 0 ]; then
  install_node_modules
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages (install them with apt-get): ${missing[*]}" >&2
fi
install_node_modules
