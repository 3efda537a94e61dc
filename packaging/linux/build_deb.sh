#!/usr/bin/env bash
# Make a .deb of the frozen application (build it first: `bash packaging/dev.sh frozen`):
#
#     bash packaging/linux/build_deb.sh        # writes dist/holdmetight_VERSION_ARCH.deb
#
# The folder goes to /opt/holdmetight, with /usr/bin/holdmetight pointing at its program, the
# menu entry in /usr/share/applications and the icons in the hicolor theme. There are no
# maintainer scripts: Debian's own triggers refresh the menu and the icon cache when those
# folders change, and dpkg removes only the files it installed, so the users' databases and
# settings (in their home folders) are never touched by installing, upgrading or removing.
set -euo pipefail
cd "$(dirname "$0")/../.."

FROZEN=dist/holdmetight
[ -x "$FROZEN/holdmetight" ] || { echo "no frozen application in $FROZEN: run packaging/dev.sh frozen" >&2; exit 1; }
version="$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
arch="$(dpkg --print-architecture)"
deb="dist/holdmetight_${version}_${arch}.deb"

# What the folder does not carry: the libraries Qt's xcb and Wayland platforms load from the
# system (libGL, libEGL, libxcb, Wayland), the configuration that the bundled fontconfig and
# xkbcommon read, a font, and D-Bus. The same list as SYSTEM_PACKAGES in packaging/dev.sh,
# plus what ldd finds outside the folder.
depends=(
  libc6 libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-xfixes0
  libwayland-client0 libwayland-cursor0 libwayland-egl1 libdrm2
  fonts-dejavu-core
)

# The bundled libraries were linked on the build machine: they need its C library or a newer
# one (a system with an older glibc would install the package and then fail to start it). The
# newest GLIBC_ symbol version any of them asks for is the lowest libc6 that will do.
glibc="$(python3 - "$FROZEN" <<'EOP'
import re, sys
from pathlib import Path
found = set()
for path in Path(sys.argv[1]).rglob("*"):
    if path.is_file() and not path.is_symlink() and path.read_bytes()[:4] == b"\x7fELF":
        found.update(re.findall(rb"GLIBC_(2\.[0-9]+(?:\.[0-9]+)?)\x00", path.read_bytes()))
versions = [tuple(int(part) for part in v.decode().split(".")) for v in found]
print(".".join(map(str, max(versions))) if versions else "")
EOP
)"
[ -n "$glibc" ] && depends[0]="libc6 (>= $glibc)"

root="build/deb/holdmetight_${version}_${arch}"
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/doc/holdmetight"
cp -a "$FROZEN" "$root/opt/holdmetight"
ln -s /opt/holdmetight/holdmetight "$root/usr/bin/holdmetight"
install -m 644 packaging/linux/holdmetight.desktop "$root/usr/share/applications/"
for size in 16 24 32 48 64 128 256; do
  install -D -m 644 "resources/icons/holdmetight-$size.png" \
    "$root/usr/share/icons/hicolor/${size}x${size}/apps/holdmetight.png"
done
install -D -m 644 resources/icons/holdmetight.svg "$root/usr/share/icons/hicolor/scalable/apps/holdmetight.svg"
cat > "$root/usr/share/doc/holdmetight/copyright" <<'EOT'
holdmetight: plan and run 'Houd me vast' (Hold Me Tight) group courses for couples.
License: GPL-3.0-or-later (see /usr/share/common-licenses/GPL-3).
The bundled libraries (Qt, Python and others) keep their own licences.
EOT
chmod -R u+rwX,go+rX,go-w "$root"

cat > "$root/DEBIAN/control" <<EOT
Package: holdmetight
Version: $version
Architecture: $arch
Maintainer: holdmetight developers <holdmetight@invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $(IFS=,; echo "${depends[*]}" | sed 's/,/, /g')
Section: misc
Priority: optional
Description: plan and run 'Houd me vast' group courses for couples
 Courses and their meetings, the agenda, couples with intake and waiting list,
 attendance, fees, handouts, outcome questionnaires and messages to couples,
 in Dutch and English. The application and the libraries it needs are in
 /opt/holdmetight; each user's database stays in their own data folder.
EOT

# zstd -9 packs the folder in seconds where xz takes a minute, for a package 20% larger (see
# benchmarks/README.md); every dpkg that can run this build (Debian 12, Ubuntu 22.04 and later)
# reads it.
dpkg-deb --root-owner-group -Zzstd -z9 --build "$root" "$deb" >/dev/null
rm -rf "$root"
echo "$deb"
