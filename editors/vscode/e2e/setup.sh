#!/usr/bin/env bash
# One-time setup of the end-to-end test: code-server 4.100.3 (the last release for node 20)
# and playwright-core, installed offline-friendly into editors/vscode/e2e/node_modules.
#
# Needs (Debian 12, as root): apt-get install -y chromium ripgrep build-essential pkg-config \
#   libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
# Network: only the npm registry.
set -euo pipefail
cd "$(dirname "$0")"

for tool in rg chromium cc pkg-config; do
    command -v "$tool" >/dev/null || { echo "missing $tool: see the apt-get line at the top of $0" >&2; exit 1; }
done

# code-server's VS Code depends on @vscode/ripgrep, whose postinstall downloads ripgrep from
# GitHub. It first looks in its download cache ($TMPDIR/vscode-ripgrep-cache-<version>/), so
# seed that cache with a tarball of Debian's rg under the name it would download.
rg_version=1.15.11   # @vscode/ripgrep in code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-${rg_version}"
asset="ripgrep-v13.0.0-10-$(node -p '({x64:"x86_64",arm64:"aarch64"})[process.arch]')-unknown-linux-musl.tar.gz"
if [ ! -s "$cache/$asset" ]; then
    mkdir -p "$cache"
    staging="$(mktemp -d)"
    cp "$(command -v rg)" "$staging/rg"
    tar czf "$cache/$asset" -C "$staging" rg
    rm -rf "$staging"
fi

# unsafe_perm: code-server's postinstall refuses to run as root without it.
# yes: node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
# Native modules (argon2, node-pty, kerberos, spdlog, ...) are built from source against the
# local node headers when their prebuilt downloads (GitHub) fail.
export npm_config_unsafe_perm=true npm_config_yes=true
if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --foreground-scripts
else
    npm install --no-audit --no-fund --foreground-scripts
fi
node_modules/.bin/code-server --version
