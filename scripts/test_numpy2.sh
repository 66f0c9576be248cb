#!/usr/bin/env bash
# Run the engine's tests (tests/core, no QGIS) on newer numpy/pandas than Debian 12's 1.24/1.5.
#
#   debian13  numpy 2.2.4, pandas 2.2.3: what Debian 13 (trixie, QGIS 3.40) ships as python3-numpy
#             and python3-pandas, with its pytest (8.3.5) and a hypothesis of the same spring;
#   pandas3   numpy 2.4.6, pandas 3.1.1: string dtype (None -> NaN in text columns) and
#             copy-on-write by default, where breakage hides before Debian ships them.
#
# Each stack gets its own venv under build/ (pip, pinned versions; reused while its pins and
# Python match), then: python -m pytest tests/core, with deprecation and future warnings as errors
# so what the next version removes fails here first. Not part of `make test`.
#
# Usage: scripts/test_numpy2.sh [debian13|pandas3|all]   (default all)
#        PYTHON=/usr/bin/python3.13 scripts/test_numpy2.sh   (the interpreter the venvs are made from;
#        Debian 13's is 3.13, Debian 12's 3.11: both have wheels for every pin below)
# Exit status: non-zero when a venv cannot be made or any test fails.
set -euo pipefail

cd "$(dirname "$0")/.."
python="${PYTHON:-/usr/bin/python3}"
choice="${1:-all}"

declare -A pins=(
  [debian13]="numpy==2.2.4 pandas==2.2.3 pytest==8.3.5 hypothesis==6.130.5"
  [pandas3]="numpy==2.4.6 pandas==3.1.1 pytest==8.3.5 hypothesis==6.130.5"
)
declare -A venvs=([debian13]=build/np2-venv [pandas3]=build/pd3-venv)

case "$choice" in
  all) stacks=(debian13 pandas3) ;;
  debian13|pandas3) stacks=("$choice") ;;
  *) echo "usage: $0 [debian13|pandas3|all]" >&2; exit 2 ;;
esac

if ! "$python" -c "import venv, ensurepip" 2>/dev/null; then
  echo "$python cannot make venvs with pip: install python3-venv (apt-get install -y python3-venv)." >&2
  exit 1
fi

make_venv() {  # $1 stack: (re)create its venv unless its stamp records the same Python and pins
  local stack="$1" dir="${venvs[$1]}"
  local wanted
  wanted="$("$python" -c 'import sys; print(sys.version.split()[0])') ${pins[$stack]}"
  if [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.pins" 2>/dev/null)" = "$wanted" ]; then
    return 0
  fi
  echo "== $stack: creating $dir ($wanted)"
  rm -rf "$dir"
  "$python" -m venv "$dir"
  # shellcheck disable=SC2086  # the pins are separate words
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check ${pins[$stack]}
  echo "$wanted" > "$dir/.pins"
}

failed=()
for stack in "${stacks[@]}"; do
  make_venv "$stack"
  dir="${venvs[$stack]}"
  echo "== $stack: $("$dir/bin/python" -c 'import sys, numpy, pandas; print(f"Python {sys.version.split()[0]}, numpy {numpy.__version__}, pandas {pandas.__version__}")')"
  if ! "$dir/bin/python" -m pytest tests/core -q -p no:cacheprovider \
      -W error::DeprecationWarning -W error::FutureWarning; then
    failed+=("$stack")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "== core tests FAILED on: ${failed[*]}" >&2
  exit 1
fi
echo "== core tests passed on: ${stacks[*]}"
