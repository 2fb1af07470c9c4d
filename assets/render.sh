#!/bin/sh
# Renders the app icon's PNG sizes and the Windows .ico from icon.svg (the source).
# Needs rsvg-convert and icotool: `apt-get install -y librsvg2-bin icoutils` on Debian.
set -eu
cd "$(dirname "$0")"
mkdir -p icons
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "icons/${size}x${size}.png"
done
cp icons/1024x1024.png icon.png
icotool -c -o icon.ico icons/16x16.png icons/24x24.png icons/32x32.png icons/48x48.png icons/64x64.png \
  icons/128x128.png icons/256x256.png
echo "icons rendered from icon.svg"
