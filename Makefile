# ClusterBelt: the commands of the README.
#   make demo   - run the main job on the bundled data (installs what is missing)
#   make test   - the linter (make lint, ruff.toml), then the whole test suite (installs what is missing)
#   make test-matrix - the suite and the demo on QGIS 3.40 and 3.44 in cached Debian roots (as root; README)
#   make translations - update resources/i18n/*.ts from the sources and compile them to .qm
SHELL := /bin/bash
VENV ?= .venv
PYTHON := $(VENV)/bin/python
DEMO_DIR ?= demo_output
# Headless Qt, and a throw-away QGIS profile so nothing touches a user's settings.
export QT_QPA_PLATFORM := offscreen
export XDG_RUNTIME_DIR ?= /tmp/runtime-$(shell id -u)
QGIS_PROFILE_DIR := $(CURDIR)/build/qgis-profile

.PHONY: env lint demo test test-core test-matrix package deploy clean bench eval-relations translations

env:
	@scripts/ensure_env.sh $(VENV)

demo: env
	@mkdir -p $(QGIS_PROFILE_DIR) && mkdir -p -m 700 $(XDG_RUNTIME_DIR)
	QGIS_CUSTOM_CONFIG_PATH=$(QGIS_PROFILE_DIR) $(PYTHON) scripts/demo.py --output $(DEMO_DIR)

test: env lint
	@mkdir -p $(QGIS_PROFILE_DIR) && mkdir -p -m 700 $(XDG_RUNTIME_DIR)
	QGIS_CUSTOM_CONFIG_PATH=$(QGIS_PROFILE_DIR) $(PYTHON) -m pytest tests -p no:cacheprovider -q

# The linter (ruff.toml): pyflakes, pycodestyle, import order and a few bugbear checks; `make test` runs it first.
lint: env
	$(VENV)/bin/ruff check .

# The engine alone, without QGIS loaded (core/ never imports it).
test-core: env
	$(PYTHON) -m pytest tests/core -p no:cacheprovider -p no:pytest_qgis -q

# The suite and the demo on QGIS 3.40 (Debian 13) and 3.44 (sid), each in a Debian root built once with
# debootstrap and cached in $(CLUSTERBELT_MATRIX_CACHE) (default /var/cache/clusterbelt-matrix).
# MATRIX="sid" runs one version only.
test-matrix:
	scripts/test_matrix.sh $(MATRIX)

# pylupdate5 and lrelease come from pyqt5-dev-tools and qttools5-dev-tools (make env installs them).
translations:
	@scripts/translations.sh

package: translations
	@scripts/package.sh

deploy:
	@scripts/deploy.sh

clean:
	rm -rf build dist $(DEMO_DIR)

# Speed figures for the README (synthetic data; a measurement, never a failing test).
bench: env
	@mkdir -p $(QGIS_PROFILE_DIR) && mkdir -p -m 700 $(XDG_RUNTIME_DIR)
	QGIS_CUSTOM_CONFIG_PATH=$(QGIS_PROFILE_DIR) $(PYTHON) scripts/bench.py --output bench_output

# How well the automatic relations find the paper's judged pairs (Tables 3 and 4) without the relation table.
eval-relations: env
	$(PYTHON) scripts/eval_relations.py
