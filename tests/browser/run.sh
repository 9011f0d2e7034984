#!/usr/bin/env bash
# Browser tests: builds the shipped content with ithub, serves it under a sub-path and runs the
# node tests in headless Chromium (Debian's, driven by playwright-core) with axe-core, and a
# few in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi).
# Installs what it needs on a fresh machine: Debian's chromium, firefox-esr and DejaVu fonts,
# and the locked npm packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "browser tests: installing Debian's chromium" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
# The visual tests' fonts (fonts.conf names this package's folder and nothing else).
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ]; then
  echo "browser tests: installing Debian's fonts-dejavu-core" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y fonts-dejavu-core
fi
# The second engine (firefox.test.mjs): Debian's Firefox ESR, driven over WebDriver BiDi.
export FIREFOX="${FIREFOX:-/usr/bin/firefox-esr}"
if [ ! -x "$FIREFOX" ]; then
  echo "browser tests: installing Debian's firefox-esr" >&2
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr
fi
if ! node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' 2>/dev/null; then
  echo "browser tests: need Node.js 20 or later (playwright-core requires it)" >&2
  exit 1
fi

cd "$here"
# playwright-core never downloads a browser on install; we use Debian's.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error

cd "$repo"
cargo build --locked --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./target/debug/ithub build --content content --output "$work/site"
# The same content with the theme compiled into the binary (no themes/ folder to read).
./target/debug/ithub build --content content --themes "$work/no-themes" --output "$work/embedded"

cd "$here"
ITHUB_SITE="$work/site" ITHUB_EMBEDDED_SITE="$work/embedded" node --test --test-concurrency=1 --test-timeout=120000 ./*.test.mjs
