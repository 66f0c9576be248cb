#!/usr/bin/env bash
# Make sure everything `make demo` and `make test` need is installed, and install what is missing.
# As root it installs; otherwise it prints the exact commands to run and fails.
# Usage: scripts/ensure_env.sh [VENV_DIR]
#        scripts/ensure_env.sh --debian-packages   (print the Debian package list and stop)
set -euo pipefail

venv_dir="${1:-.venv}"
# chromium and a CJK font render the HTML reports in the tests; pylupdate5 (pyqt5-dev-tools) and lrelease
# (qttools5-dev-tools) build and check the translations; python3-mpmath is the tests' independent high-precision reference;
# python3-dask and python3-distributed run core/distributed.py's tests on a local cluster (the plugin does not need them);
# python3-numba compiles the engine's optional kernels (core/kernels.py), whose tests compare them with the numpy path.
debian_packages=(python3-qgis qgis-providers qgis python3-pandas python3-venv python3-pip chromium fonts-wqy-microhei
                 python3-mpmath python3-dask python3-distributed python3-numba
                 pyqt5-dev-tools qttools5-dev-tools)
# The version matrix (scripts/test_matrix.sh) installs the same list into its Debian roots.
if [ "$venv_dir" = "--debian-packages" ]; then
  printf '%s\n' "${debian_packages[@]}"
  exit 0
fi

missing=()
for package in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  install_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages: ${missing[*]} (a few minutes)"
    bash -c "$install_cmd"
  else
    echo "Missing Debian packages: ${missing[*]}. Run as root:" >&2
    echo "  sudo bash -c '$install_cmd'" >&2
    exit 1
  fi
fi

# The plugin runs on Debian's Python, numpy, pandas and QGIS bindings: the venv only adds test tools.
if [ ! -x "$venv_dir/bin/python" ]; then
  echo "Creating $venv_dir (with Debian's site packages)"
  /usr/bin/python3 -m venv --system-site-packages "$venv_dir"
fi

qgis_version=$("$venv_dir/bin/python" -c "from qgis.core import Qgis; print(Qgis.QGIS_VERSION_INT)")
# pytest-qgis 2.1.0 is the last release for QGIS < 3.34; newer QGIS takes the current 4.x/5.x line.
if [ "$qgis_version" -lt 33400 ]; then
  pytest_qgis_spec="pytest-qgis==2.1.0"
else
  pytest_qgis_spec="pytest-qgis>=4"
fi

if ! "$venv_dir/bin/python" - "$pytest_qgis_spec" <<'PY'
import sys
from importlib import metadata
spec = sys.argv[1]
name, _, version = spec.replace(">=", "==").partition("==")
try:
    installed = metadata.version(name)
    import hypothesis, pytest  # noqa: F401
except Exception:
    sys.exit(1)
if ">=" in spec:
    sys.exit(0 if int(installed.split(".")[0]) >= int(version) else 1)
sys.exit(0 if installed == version else 1)
PY
then
  echo "Installing $pytest_qgis_spec and hypothesis into $venv_dir"
  "$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check "$pytest_qgis_spec" hypothesis
fi

# A Parquet engine for Dask in the tests of core/distributed.py: Debian 12 packages neither pyarrow nor fastparquet, so
# pip puts fastparquet into the venv (the release of Debian 12's Dask, 2022.12; it uses Debian's numpy and pandas).
# Debian 13 (Python 3.13) and sid (3.14) need a release with wheels for their Python and numpy 2 (2023.1.0 has
# neither and would be compiled): 2026.9.0 adds only cramjam next to Debian's numpy and pandas.
if "$venv_dir/bin/python" -c "import sys; sys.exit(sys.version_info >= (3, 12))"; then
  fastparquet_spec="fastparquet==2023.1.0"
else
  fastparquet_spec="fastparquet==2026.9.0"
fi
if ! "$venv_dir/bin/python" -c "import fastparquet" 2>/dev/null && ! "$venv_dir/bin/python" -c "import pyarrow" 2>/dev/null; then
  echo "Installing $fastparquet_spec into $venv_dir"
  "$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check "$fastparquet_spec"
fi

# The linter `make test` and `make lint` run (configured in ruff.toml), pinned so every machine flags the same.
ruff_spec="ruff==0.17.6"
if [ "$("$venv_dir/bin/ruff" --version 2>/dev/null)" != "ruff ${ruff_spec#ruff==}" ]; then
  echo "Installing $ruff_spec into $venv_dir"
  "$venv_dir/bin/python" -m pip install --quiet --disable-pip-version-check "$ruff_spec"
fi
