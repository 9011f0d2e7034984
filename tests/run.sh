#!/usr/bin/env bash
# Every test of ithub: Rust unit and integration tests, then the browser tests (headless
# Chromium + axe-core) when tests/browser/ exists. Installs what the browser tests need on a
# fresh machine (Debian's chromium, the npm packages in tests/browser/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --all-targets --locked

if [ -f tests/browser/run.sh ]; then
  bash tests/browser/run.sh
fi
