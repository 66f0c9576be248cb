#!/usr/bin/env bash
# Build dist/clusterbelt.zip as the QGIS plugin repository wants it: one top folder named clusterbelt,
# only what the plugin needs at run time (no tests, caches, venv or build output).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf build/package dist/clusterbelt.zip
mkdir -p build/package/clusterbelt dist
git ls-files -z -- metadata.txt LICENSE README.md __init__.py plugin.py core ui resources \
  | xargs -0 -I{} cp --parents {} build/package/clusterbelt/
# The compiled translations (.qm, tracked) ship; their .ts sources are for translators only. A .qm built
# locally but not yet committed ships too.
find build/package/clusterbelt/resources -name '*.ts' -delete
find resources -name '*.qm' -exec cp --parents {} build/package/clusterbelt/ \; 2>/dev/null || true
(cd build/package && python3 -m zipfile -c ../../dist/clusterbelt.zip clusterbelt)
echo "dist/clusterbelt.zip"
