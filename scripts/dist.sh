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
# A position-independent executable, as Debian's hardening asks (lintian).
GOFLAGS="${GOFLAGS:+$GOFLAGS }-buildmode=pie" "$FYNE" package --os linux --release --tags accessibility,no_animations --app-build "$build"
mv KetaScreen.tar.xz "dist/ketascreen-$version-linux-amd64.tar.xz"

echo "dist: Debian package"
stage=$(mktemp -d)
tar -xJf "dist/ketascreen-$version-linux-amd64.tar.xz" -C "$stage"
deb="$stage/deb"
install -Dm0755 "$stage/ketascreen/usr/local/bin/ketascreen" "$deb/usr/bin/ketascreen"
# The menu entry, with its Spanish name and comment.
desktop="$deb/usr/share/applications/org.ketascreen.app.desktop"
install -Dm0644 "$stage/ketascreen/usr/local/share/applications/org.ketascreen.app.desktop" "$desktop"
sed -i -e '/^GenericName=/a GenericName[es]=Lista de autoevaluación' \
  -e '/^Comment=/a Comment[es]=Una lista de autoevaluación para preparar una conversación con un profesional sobre la terapia con ketamina' \
  -e '/^Keywords=/a Keywords[es]=depresión;evaluación;ketamina;' "$desktop"
# The icon in the hicolor theme: its SVG, and PNGs drawn from it at the
# sizes menus and software centres ask for.
install -Dm0644 assets/icon.svg "$deb/usr/share/icons/hicolor/scalable/apps/org.ketascreen.app.svg"
for px in 16 24 32 48 64 128 256 512; do
  mkdir -p "$deb/usr/share/icons/hicolor/${px}x${px}/apps"
  rsvg-convert -w "$px" -h "$px" -o "$deb/usr/share/icons/hicolor/${px}x${px}/apps/org.ketascreen.app.png" assets/icon.svg
  chmod 0644 "$deb/usr/share/icons/hicolor/${px}x${px}/apps/org.ketascreen.app.png"
done
# The software centre's entry (AppStream).
install -Dm0644 packaging/linux/org.ketascreen.app.metainfo.xml "$deb/usr/share/metainfo/org.ketascreen.app.metainfo.xml"
# The kiosk session: a systemd unit, ready to enable, that runs KetaScreen as
# the only program of a bare X server (README, "Kiosk setup").
install -Dm0644 packaging/linux/ketascreen-kiosk.service "$deb/usr/lib/systemd/system/ketascreen-kiosk.service"
install -Dm0755 packaging/linux/kiosk-session "$deb/usr/lib/ketascreen/kiosk-session"
# The documents Debian asks for: the copyright file, the changelog, a manual
# page, and the README, which holds the kiosk setup.
doc="$deb/usr/share/doc/ketascreen"
install -d "$doc" "$deb/usr/share/man/man1"
bash scripts/deb-copyright.sh > "$doc/copyright"
gzip -9n < packaging/linux/changelog > "$doc/changelog.Debian.gz"
gzip -9n < README.md > "$doc/README.md.gz"
gzip -9n < packaging/linux/ketascreen.1 > "$deb/usr/share/man/man1/ketascreen.1.gz"
install -Dm0644 packaging/linux/lintian-overrides "$deb/usr/share/lintian/overrides/ketascreen"
chmod 0644 "$doc"/* "$deb/usr/share/man/man1/ketascreen.1.gz"
changelog_version=$(sed -n '1s/^ketascreen (\([^)]*\)).*/\1/p' packaging/linux/changelog)
if [ "$changelog_version" != "$version-$build" ]; then
  echo "dist: packaging/linux/changelog's newest entry is $changelog_version; the package is $version-$build: add an entry" >&2
  exit 1
fi
# Depends: the libraries the binary links, as dpkg-shlibdeps finds them,
# and those GLFW opens at run time (dlopen) for an X11 window and OpenGL.
mkdir -p "$stage/debian"
printf 'Source: ketascreen\n\nPackage: ketascreen\nArchitecture: amd64\n' > "$stage/debian/control"
linked=$(cd "$stage" && dpkg-shlibdeps -O -e deb/usr/bin/ketascreen 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
if [ -z "$linked" ]; then
  echo "dist: dpkg-shlibdeps found no libraries for usr/bin/ketascreen" >&2
  exit 1
fi
opened="libgl1, libx11-6, libx11-xcb1, libxcursor1, libxext6, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1"
# Each package once: a library GLFW opens may be linked too (libgl1).
depends=$(printf '%s, %s, adduser' "$linked" "$opened" | tr ',' '\n' | sed 's/^ *//' | awk '{ name = $1 } !seen[name]++' | paste -sd, - | sed 's/,/, /g')
mkdir -p "$deb/DEBIAN"
cat > "$deb/DEBIAN/control" <<CONTROL
Package: ketascreen
Version: $version-$build
Section: misc
Priority: optional
Architecture: amd64
Installed-Size: $(du -sk --exclude=DEBIAN "$deb" | cut -f1)
Depends: $depends
Recommends: xinit, x11-xkb-utils, kbd, espeak-ng
Suggests: xserver-xorg, cups-client
Maintainer: KetaScreen <maintainers@ketascreen.invalid>
Homepage: https://ketascreen.invalid/
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
# The .exe's resources, which fyne package would make without a company,
# a copyright, DPI awareness or small icons: the icon in every size Windows
# shows (16 to 256 px, drawn from the SVG), the manifest and the version
# information, as a .syso that go build links into windows/amd64 builds only.
win=$(mktemp -d)
for s in 16 20 24 32 40 48 64 128 256; do
  rsvg-convert -w "$s" -h "$s" assets/icon.svg -o "$win/icon-$(printf %03d "$s").png"
done
convert "$win"/icon-*.png "$win/KetaScreen.ico"
IFS=. read -r major minor patch <<<"$version"
sed "s/@VERSION@/$major.$minor.$patch.$build/" packaging/windows/KetaScreen.exe.manifest > "$win/KetaScreen.exe.manifest"
syso=rsrc_windows_amd64.syso
trap 'cp dist/.FyneApp.toml.orig FyneApp.toml; rm -f dist/.FyneApp.toml.orig '"$syso" EXIT
go tool -modfile=tools/go.mod goversioninfo -64 -o "$syso" -icon "$win/KetaScreen.ico" -manifest "$win/KetaScreen.exe.manifest" \
  -product-version "$version.$build" -file-version "$version.$build" \
  -ver-major "$major" -ver-minor "$minor" -ver-patch "$patch" -ver-build "$build" \
  -product-ver-major "$major" -product-ver-minor "$minor" -product-ver-patch "$patch" -product-ver-build "$build" \
  packaging/windows/versioninfo.json
# fyne build, not fyne package: the same build (FyneApp.toml's metadata,
# -H=windowsgui, release) with these resources instead of its own.
CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
  "$FYNE" build --os windows --release --tags accessibility,no_animations -o "dist/KetaScreen-$version-windows-amd64.exe"
rm -rf "$win" "$syso"

echo "dist: sizes"
size() { printf '  %-45s %s\n' "$1" "$(numfmt --to=iec --suffix=B "$2")"; }
size "Linux binary (stripped)" "$(tar -xJf "dist/ketascreen-$version-linux-amd64.tar.xz" -O ketascreen/usr/local/bin/ketascreen | wc -c)"
for f in dist/*; do
  size "$(basename "$f")" "$(stat -c %s "$f")"
done
