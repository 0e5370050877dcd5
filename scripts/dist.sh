#!/usr/bin/env bash
# Builds the release packages into dist/: a Linux tarball with an install
# Makefile, a Debian package, and a Windows .exe; prints their sizes.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh dist
FYNE="$(go env GOPATH)/bin/fyne"
if [ ! -x "$FYNE" ]; then
  echo "dist: installing the fyne packaging tool"
  go install fyne.io/tools/cmd/fyne@v1.7.4
fi

version=$(sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build = \([0-9]*\)/\1/p' FyneApp.toml)
rm -rf dist && mkdir -p dist

# fyne package raises Build in FyneApp.toml on every run; keep the file as committed.
cp FyneApp.toml dist/.FyneApp.toml.orig
trap 'cp dist/.FyneApp.toml.orig FyneApp.toml; rm -f dist/.FyneApp.toml.orig' EXIT

echo "dist: Linux"
"$FYNE" package --os linux --release --tags accessibility,no_animations --app-build "$build"
mv KetaScreen.tar.xz "dist/ketascreen-$version-linux-amd64.tar.xz"

echo "dist: Debian package"
stage=$(mktemp -d)
tar -xJf "dist/ketascreen-$version-linux-amd64.tar.xz" -C "$stage"
deb="$stage/deb"
install -Dm0755 "$stage/ketascreen/usr/local/bin/ketascreen" "$deb/usr/bin/ketascreen"
install -Dm0644 "$stage/ketascreen/usr/local/share/applications/org.ketascreen.app.desktop" "$deb/usr/share/applications/org.ketascreen.app.desktop"
install -Dm0644 "$stage/ketascreen/usr/local/share/pixmaps/org.ketascreen.app.png" "$deb/usr/share/pixmaps/org.ketascreen.app.png"
# The kiosk session: a systemd unit, ready to enable, that runs KetaScreen as
# the only program of a bare X server (README, "Kiosk setup").
install -Dm0644 packaging/linux/ketascreen-kiosk.service "$deb/usr/lib/systemd/system/ketascreen-kiosk.service"
install -Dm0755 packaging/linux/kiosk-session "$deb/usr/lib/ketascreen/kiosk-session"
mkdir -p "$deb/DEBIAN"
cat > "$deb/DEBIAN/control" <<CONTROL
Package: ketascreen
Version: $version-$build
Section: misc
Priority: optional
Architecture: amd64
Depends: libc6, libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1, adduser
Recommends: xinit, x11-xkb-utils
Suggests: xserver-xorg
Maintainer: KetaScreen <maintainers@ketascreen.invalid>
Description: self-screening checklist to prepare a talk about ketamine therapy
 KetaScreen asks how you have been feeling, which treatments you have tried,
 your health and your goals, and suggests whether, and how soon, to talk with
 a licensed provider about ketamine therapy. It is a screening, not a diagnosis.
CONTROL
for script in postinst prerm postrm; do
  install -m0755 "packaging/linux/$script" "$deb/DEBIAN/$script"
done
dpkg-deb --build --root-owner-group "$deb" "dist/ketascreen_$version-${build}_amd64.deb" >/dev/null
rm -rf "$stage"

echo "dist: Windows"
CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
  "$FYNE" package --os windows --release --tags accessibility,no_animations --app-build "$build"
mv KetaScreen.exe "dist/KetaScreen-$version-windows-amd64.exe"

echo "dist: sizes"
size() { printf '  %-45s %s\n' "$1" "$(numfmt --to=iec --suffix=B "$2")"; }
size "Linux binary (stripped)" "$(tar -xJf "dist/ketascreen-$version-linux-amd64.tar.xz" -O ketascreen/usr/local/bin/ketascreen | wc -c)"
for f in dist/*; do
  size "$(basename "$f")" "$(stat -c %s "$f")"
done
