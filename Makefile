# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test install browser index bench eval clean translations

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

# Debian's Chromium for the browser tests; installed only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

index: install
	$(BIN)/wpskb index

run: install
	$(BIN)/wpskb index || [ $$? -eq 3 ]
	$(BIN)/wpskb serve --host 127.0.0.1 --port 5000

test: install browser
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/wpskb eval ../shared/eval/dev-queries.tsv

bench: install
	@command -v wrk >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m bench

# Interface strings (README, "How to translate a new string"): extract them from webui/, merge them into each
# catalog, compile the .mo files (committed beside the .po, so a fresh clone needs no build step).
BABEL_DIR := webui/translations
translations: install
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --add-comments=Translators: \
	  -o $(BABEL_DIR)/messages.pot webui
	$(BIN)/pybabel update -i $(BABEL_DIR)/messages.pot -d $(BABEL_DIR) --ignore-obsolete
	$(BIN)/pybabel compile -d $(BABEL_DIR) --statistics

clean:
	rm -rf $(VENV) var .pytest_cache
