#!/usr/bin/env bash
# The README's pictures of a new user's first five minutes, taken from a real QGIS desktop window.
#   scripts/screenshots.sh            both languages into docs/images/ (*_en.png, *_zh.png)
#   scripts/screenshots.sh en_US      one QGIS locale (zh-Hans is the Simplified Chinese QGIS ships)
# For each language: a fresh QGIS profile with the plugin installed from the package zip (as a user
# installs it), QGIS desktop on a virtual X display (Xvfb), steps driven by scripts/screenshots_in_qgis.py,
# pictures taken by the X server and made compact (palette PNG). A developer tool: make test does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."

# Its own packages (Debian): the virtual display, ImageMagick for capture and compression, a CJK font.
packages=(xvfb imagemagick x11-utils fonts-wqy-microhei qgis)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then bash -c "$cmd"; else echo "Run as root: $cmd" >&2; exit 1; fi
fi

languages=("${@:-en_US zh-Hans}")
read -r -a languages <<< "${languages[*]}"
out_dir="$PWD/docs/images"
work="$PWD/build/screenshots"
mkdir -p "$out_dir"
rm -rf "$work" && mkdir -p "$work"
make package >/dev/null

display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1366x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true' EXIT
sleep 2

for lang in "${languages[@]}"; do
  profiles="$work/profiles-$lang"
  plugins="$profiles/profiles/default/python/plugins"
  mkdir -p "$plugins" "$profiles/profiles/default/QGIS" "$work/$lang"
  (cd "$plugins" && python3 -m zipfile -e "$OLDPWD/dist/clusterbelt.zip" .)
  cat > "$profiles/profiles/default/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
clusterbelt=true
processing=true

[locale]
userLocale=$lang
overrideFlag=true

[qgis]
checkVersion=false
showTips322=false
allowVersionCheck=false
INI
  echo "QGIS in $lang ..."
  DISPLAY="$display" CLUSTERBELT_SHOTS_DIR="$work/$lang" CLUSTERBELT_SHOTS_LANG="${lang%%[-_]*}" \
    qgis --profiles-path "$profiles" --profile default --nologo --noversioncheck --lang "$lang" \
    --code "$PWD/scripts/screenshots_in_qgis.py" >"$work/qgis-$lang.log" 2>&1 &
  qgis_pid=$!
  for _ in $(seq 1 180); do
    [ -e "$work/$lang/done_${lang%%[-_]*}" ] && break
    sleep 1
  done
  kill "$qgis_pid" 2>/dev/null || true
  wait "$qgis_pid" 2>/dev/null || true
  if [ "$(cat "$work/$lang/done_${lang%%[-_]*}" 2>/dev/null)" != "ok" ]; then
    echo "QGIS did not finish the steps in $lang:" >&2
    cat "$work/$lang/done_${lang%%[-_]*}" >&2 2>/dev/null || tail -20 "$work/qgis-$lang.log" >&2
    exit 1
  fi
  for picture in "$work/$lang"/*.png; do
    # 256-colour palette without dithering: sharp text, about a quarter of the size.
    convert "$picture" -strip +dither -colors 256 -define png:compression-level=9 "$out_dir/$(basename "$picture")"
  done
done
ls -l "$out_dir"
