#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine: npm packages, Debian's Chromium for the
# browser tests (Playwright's own browser download is not reachable), Debian's PostgreSQL, whose initdb
# and pg_ctl the storage tests use for a throw-away cluster of their own (not the package's), and a C++
# toolchain: better-sqlite3 has no prebuilt binary reachable here and is compiled by `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || missing+=(postgresql)
{ command -v make && command -v g++; } >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing: ${missing[*]}: run 'sudo apt-get install ${missing[*]}' first." >&2
        exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

npm ci --no-audit --no-fund
