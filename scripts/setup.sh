#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: npm packages and
# Debian's Chromium for the browser tests (Playwright's own browser download is not reachable).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Chromium is missing: run 'sudo apt-get install chromium' first." >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

npm ci --no-audit --no-fund
