#!/usr/bin/env bash
# Makes sure the system packages KetaScreen needs to build and test are present.
# On Debian or Ubuntu as root it installs what is missing; elsewhere it says what to install.
set -euo pipefail

packages=(gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev
          xvfb dbus-x11 x11-utils xdotool imagemagick poppler-utils espeak-ng openbox
          xinit x11-xkb-utils xclip wmctrl) # the kiosk's tests: its session, the clipboard, full screen taken away
if [ "${1:-}" = dist ]; then # make dist: cross-compiling for Windows and checking packages
  packages=(gcc-mingw-w64-x86-64 desktop-file-utils dpkg-dev xz-utils librsvg2-bin # the package: its icons drawn from the SVG
            imagemagick # the Windows icon's sizes in one .ico
            lintian appstream debootstrap icoutils # its checks: lintian, the software centre entry, a clean Debian 12, the .exe's resources
            qemu-system-x86 e2fsprogs) # the kiosk unit booted in a virtual machine
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

# apt refuses to run while another process holds its lock (the updater that
# runs right after boot, often): wait for it rather than fail.
apt_patiently() {
  local tries=0 out status
  while :; do
    set +e
    out=$(apt-get -o DPkg::Lock::Timeout=300 "$@" 2>&1)
    status=$?
    set -e
    printf '%s\n' "$out"
    if [ $status -eq 0 ]; then return 0; fi
    if ! printf '%s' "$out" | grep -q -i 'could not get lock\|unable to acquire\|is another process using it'; then
      return $status
    fi
    tries=$((tries + 1))
    if [ $tries -ge 60 ]; then
      echo "ensure-deps: apt is still locked by another process after 10 minutes" >&2
      return $status
    fi
    echo "ensure-deps: apt is busy (another process holds its lock); trying again in 10 s" >&2
    sleep 10
  done
}

echo "ensure-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt_patiently update -q
apt_patiently install -y -q --no-install-recommends "${missing[@]}"
