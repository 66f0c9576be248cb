#!/usr/bin/env bash
# Link this working tree into the QGIS profile's plugin folder as 'clusterbelt' (edit here, restart QGIS).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
profile="${QGIS_PROFILE:-default}"
plugins="${QGIS_PLUGINS_DIR:-$HOME/.local/share/QGIS/QGIS3/profiles/$profile/python/plugins}"
mkdir -p "$plugins"
target="$plugins/clusterbelt"
if [ -e "$target" ] && [ ! -L "$target" ]; then
  echo "$target exists and is not a link: remove it first." >&2
  exit 1
fi
ln -sfn "$root" "$target"
echo "Linked $target -> $root. Restart QGIS and enable ClusterBelt in Plugins > Manage and Install Plugins."
