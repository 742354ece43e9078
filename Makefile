# Every target sets itself up: a fresh clone needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check bench docs stubs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat: a path entry type checkers follow (mypy from another folder finds talon_dyn); the default
	# mode's import hook is invisible to them. setuptools calls compat transitional: strict is the fallback.
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	$(BIN)/pyright --version >/dev/null  # fetches pyright's Node.js half now, so no test reaches the network
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m talon_dyn.sandbox.demo
	$(BIN)/talon-dyn smoke

# Bytecode is kept (in the venv, never in the tree) even where PYTHONDONTWRITEBYTECODE is set: the suite's
# workers and the CLIs its tests start would otherwise compile every module again (~1 s each, 4 workers + many
# subprocesses).
test: check
	env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache $(BIN)/python -m pytest -q -n 4 --dist worksteal --cov --cov-report=term

check: $(STAMP)
	$(BIN)/ruff format --check talon_dyn talon_dyn_pytest.py tests benchmarks scripts
	$(BIN)/ruff check talon_dyn talon_dyn_pytest.py tests benchmarks scripts
	$(BIN)/mypy --strict talon_dyn talon_dyn_pytest.py
	$(BIN)/talon-dyn docs --out docs/reference --check
	$(BIN)/talon-dyn stubs --types-module .types --out talon_dyn/_typed.pyi --check
	$(BIN)/talon-dyn stubs --types --out talon_dyn/types.py --check
	$(BIN)/talon-dyn docs --spec current --out docs/reference-current --check
	$(BIN)/talon-dyn stubs --spec current --types-module .current_types --out talon_dyn/current.pyi --check
	$(BIN)/talon-dyn stubs --spec current --types --out talon_dyn/current_types.py --check

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

docs: $(STAMP)
	$(BIN)/talon-dyn docs --out docs/reference
	$(BIN)/talon-dyn stubs --types-module .types --out talon_dyn/_typed.pyi
	$(BIN)/talon-dyn stubs --types --out talon_dyn/types.py
	$(BIN)/python scripts/current_spec.py
	$(BIN)/talon-dyn docs --spec current --out docs/reference-current
	$(BIN)/talon-dyn stubs --spec current --types-module .current_types --out talon_dyn/current.pyi
	$(BIN)/talon-dyn stubs --spec current --types --out talon_dyn/current_types.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
