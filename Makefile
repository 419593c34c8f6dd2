# Two commands set everything up on a machine with Python 3.10+ and make:
#   make demo   create .venv, install, run the whole demo on corpora/demo (outputs in reports/demo/)
#   make test   create/refresh .venv with the dev extras, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q

.PHONY: install dev test demo bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Stamps re-run the install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -e ".[notebooks]"
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install -e ".[dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

test: dev
	$(PY) -m pytest

demo: install
	$(VENV)/bin/framing demo --output reports/demo

bench: dev
	for script in benchmarks/bench_*.py benchmarks/validity_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf $(VENV) reports build *.egg-info .pytest_cache
