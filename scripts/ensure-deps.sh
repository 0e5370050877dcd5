#!/usr/bin/env bash
# Makes sure the system packages KetaScreen needs to build and test are present.
# On Debian or Ubuntu as root it installs what is missing; elsewhere it says what to install.
set -euo pipefail

packages=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
          xvfb dbus-x11 x11-utils xdotool imagemagick poppler-utils espeak-ng)
if [ "${1:-}" = dist ]; then # make dist: cross-compiling for Windows and checking packages
  packages=(gcc-mingw-w64-x86-64 desktop-file-utils dpkg-dev xz-utils)
fi
if [ "${1:-}" = bench ]; then # make bench: the browser kiosk it compares with
  packages=(chromium) # npm comes with Node.js; make bench skips the browser without it
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "ensure-deps: not a Debian-based system; make sure you have a C compiler, pkg-config," >&2
  echo "ensure-deps: and the OpenGL, X11, Wayland and xkbcommon development headers" >&2
  echo "ensure-deps: (see https://docs.fyne.io/started/ for your platform)." >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-deps: these packages are missing: ${missing[*]}" >&2
  echo "ensure-deps: install them with:  sudo apt-get update && sudo apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "ensure-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
