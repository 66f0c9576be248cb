#!/usr/bin/env bash
# The translations of the plugin's texts (resources/i18n/clusterbelt_<locale>.ts, compiled to .qm).
#   scripts/translations.sh                 update every .ts from the sources and compile it to .qm
#   scripts/translations.sh --extract OUT   write a fresh .ts of the current sources to OUT (no merge;
#                                           tests/qgis/test_translations.py compares it with the .ts)
# pylupdate5 merges: translations already made stay, a changed text keeps its old translation marked
# unfinished, and texts no longer in the sources are dropped (-noobsolete). Translate the unfinished
# entries (Qt Linguist, or by hand) and run this again to compile.
set -euo pipefail
cd "$(dirname "$0")/.."

# Every file whose texts are translated: the plugin, the Processing tools, the HTML report texts and the
# descriptions of the output fields (core/schema.py).
sources=(plugin.py ui/*.py ui/*/*.py core/report.py core/schema.py)

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$1 is missing: apt-get install -y --no-install-recommends $2 (or run make env as root)" >&2
    exit 1
  fi
}
need pylupdate5 pyqt5-dev-tools

# pylupdate5 warns about Python's deprecated locale API on every run; that is its business.
pylupdate() { PYTHONWARNINGS=ignore::DeprecationWarning pylupdate5 "$@"; }

if [ "${1:-}" = "--extract" ]; then
  out="${2:?--extract needs an output .ts path}"
  rm -f "$out"
  pylupdate -noobsolete "${sources[@]}" -ts "$out" >/dev/null
  exit 0
fi

need lrelease qttools5-dev-tools
shopt -s nullglob
ts_files=(resources/i18n/clusterbelt_*.ts)
if [ ${#ts_files[@]} -eq 0 ]; then
  echo "No resources/i18n/clusterbelt_*.ts: create one with pylupdate5 ${sources[*]} -ts resources/i18n/clusterbelt_<locale>.ts" >&2
  exit 1
fi
for ts in "${ts_files[@]}"; do
  pylupdate -noobsolete "${sources[@]}" -ts "$ts"
  # Source locations (file and line) change with every edit and only make merges of the .ts conflict:
  # the translations are keyed by context and text, so the .ts keeps none.
  sed -i '/^ *<location filename=/d' "$ts"
  lrelease -silent "$ts" -qm "${ts%.ts}.qm"
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$ts: $(grep -c '<source>' "$ts") texts, $unfinished untranslated -> ${ts%.ts}.qm"
done
