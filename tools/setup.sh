#!/usr/bin/env bash
# Installs what the project needs, skipping every piece already there at the
# right version. Everything comes from crates.io, npm or Debian: nothing is
# downloaded from anywhere else.
#
#   tools/setup.sh build   # Rust wasm target, Trunk, wasm-bindgen CLI, wasm-split CLI, npm packages (wasm-opt, minifiers)
#   tools/setup.sh test    # the above, plus Chromium and ChromeDriver, Firefox ESR and
#                          # geckodriver, WebKitGTK's WebDriver and MiniBrowser, and xvfb
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-build}
TRUNK_VERSION=0.21.14
# Splits the WebAssembly at the app's split points (tools/split.mjs); the 0.2
# line reads what wasm_split_helpers 0.2 (through Leptos) writes.
SPLIT_VERSION=0.2.4
# Drives Firefox ESR for the cross-engine tests (engines/) and wasm-bindgen-test.
GECKODRIVER_VERSION=0.37.1
# The CLI must equal the wasm-bindgen crate in Cargo.lock, or Trunk tries to download one.
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust (rustup) first" >&2
  exit 1
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing Trunk $TRUNK_VERSION (about 7 minutes on 2 cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $BINDGEN_VERSION (about 2 minutes, once)"
  # Not --locked: one of its locked dependencies is no longer on crates.io.
  cargo install --force wasm-bindgen-cli --version "=$BINDGEN_VERSION"
fi

if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  say "installing wasm-split-cli $SPLIT_VERSION (about 2 minutes, once)"
  cargo install --locked --force wasm_split_cli_support --version "=$SPLIT_VERSION" --features build-binary
fi

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  fi
}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  apt_install nodejs npm
fi

# npm packages: binaryen (wasm-opt), esbuild and lightningcss (minifying the
# build's scripts and stylesheet), Playwright, axe, Lighthouse. Reinstalled
# only when package-lock.json changed since the last install.
stamp=node_modules/.installed-from
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  say "installing npm packages from package-lock.json"
  # Playwright must never fetch a browser of its own: Debian's Chromium is used.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
  echo "$lock_sum" > "$stamp"
fi

if [ "$want" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    apt_install chromium chromium-driver
  fi
  # The cross-engine layer (engines/): Firefox ESR and WebKitGTK, whose
  # MiniBrowser needs a display, hence xvfb (about 1.5 minutes, once).
  if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    say "installing Firefox ESR, WebKitGTK's WebDriver and MiniBrowser, and xvfb from Debian"
    apt_install firefox-esr webkit2gtk-driver xvfb
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }')" != "$GECKODRIVER_VERSION" ]; then
    say "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes, once)"
    cargo install --locked --force geckodriver --version "=$GECKODRIVER_VERSION"
  fi
fi
say "ready ($want)"
