# The two set-up commands of the README: `make run` and `make test` (each creates .venv first if needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?= seeds

.PHONY: run test venv screenshot app install uninstall bench recipe clean-build

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,build]'
	touch $(STAMP)

venv: $(STAMP)

## run the window on the sample corpus (or: make run ARGS="path/to/files")
run: $(STAMP)
	$(BIN)/winnow $(ARGS)

## run the whole test suite headless
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

## the README screenshot and docs/screenshots/: the window under Xvfb (light and dark, 1280x800, 1024x700, scale 2)
SHOT = xvfb-run -a -s "-screen 0 2700x1700x24" $(BIN)/winnow --screenshot
screenshot: $(STAMP)
	$(SHOT) docs/screenshot.png seeds
	$(SHOT) docs/screenshots/seeds-1280-light.png seeds
	$(SHOT) docs/screenshots/seeds-1280-dark.png --dark seeds
	$(SHOT) docs/screenshots/seeds-1024-light.png --size 1024x700 seeds
	$(SHOT) docs/screenshots/seeds-1024-dark.png --size 1024x700 --dark seeds
	QT_SCALE_FACTOR=2 $(SHOT) docs/screenshots/seeds-scale2-light.png --size 1280x800 seeds
	$(SHOT) docs/screenshots/side-by-side-1280-light.png --view side seeds
	$(SHOT) docs/screenshots/removed-lines-1280-dark.png --view removed --dark seeds
	$(SHOT) docs/screenshots/rules-1280-light.png --view rules seeds
	$(SHOT) docs/screenshots/devset-html-1280-light.png ../shared/devset/html

## the double-clickable app in dist/winnow/, and its install under ~/.local
app: $(STAMP)
	bash packaging/build.sh

install: app
	bash packaging/install.sh

uninstall:
	bash packaging/install.sh --uninstall

## speed figures (see bench/)
bench: $(STAMP)
	$(BIN)/python bench/bench_clean.py
	$(BIN)/python bench/bench_speed.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/bench_window.py

## regenerate resources/default-recipe.toml after changing a rule's defaults (a test checks it is current)
recipe: $(STAMP)
	$(BIN)/python -c "from winnow.recipe import dumps, default_recipe; open('resources/default-recipe.toml', 'w', encoding='utf-8').write(dumps(default_recipe()))"

clean-build:
	rm -rf build dist
