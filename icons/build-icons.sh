#!/usr/bin/env bash
# Renders icons/lifeboat.svg into every size the app and the installers need:
# PNG 16-512 (window icons, Linux desktop entry), lifeboat.ico (Windows), lifeboat.icns (macOS).
# Needs ImageMagick and python3. The outputs are committed; run this after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512; do
  convert -background none lifeboat.svg -resize "${s}x${s}" -depth 8 "PNG32:lifeboat-$s.png"
done
convert lifeboat-16.png lifeboat-24.png lifeboat-32.png lifeboat-48.png lifeboat-64.png lifeboat-256.png lifeboat.ico
convert -background none lifeboat.svg -resize 1024x1024 -depth 8 PNG32:/tmp/lifeboat-1024.png
python3 - <<'PY'
# ICNS: 'icns' + total length, then chunks of (type, length, PNG data).
import struct
chunks = [(b"icp4", "lifeboat-16.png"), (b"icp5", "lifeboat-32.png"), (b"icp6", "lifeboat-64.png"),
          (b"ic07", "lifeboat-128.png"), (b"ic08", "lifeboat-256.png"), (b"ic09", "lifeboat-512.png"),
          (b"ic10", "/tmp/lifeboat-1024.png")]
body = b"".join(t + struct.pack(">I", 8 + len(d)) + d for t, d in ((t, open(f, "rb").read()) for t, f in chunks))
open("lifeboat.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
ls -la
