# The two set-up commands of the README: `make run` and `make test` (each creates .venv first if needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?= seeds

.PHONY: run test venv screenshot app install uninstall bench recipe clean-build

$(STAMP): pyproject.toml setup.py $(wildcard gui/winnow/kernel/_*.pyx gui/winnow/kernel/*_py.py)  # (the compiled kernel is built by the install)
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

## the README screenshot and docs/screenshots/: the window under Xvfb, every view at 1280x800, 1024x700 and
## scale factor 2, light and dark (name:view:what it shows)
SHOT = xvfb-run -a -s "-screen 0 2700x1700x24" $(BIN)/winnow --screenshot
SHOT_VIEWS = seeds:preview:seeds devset-html:preview:../shared/devset/html rules:rules:seeds removed-lines:removed:seeds side-by-side:side:seeds
screenshot: $(STAMP)
	$(SHOT) docs/screenshot.png seeds
	for spec in $(SHOT_VIEWS); do name=$${spec%%:*}; rest=$${spec#*:}; view=$${rest%%:*}; data=$${rest#*:}; \
	  for theme in light dark; do flag=$$([ $$theme = dark ] && echo --dark); \
	    $(SHOT) docs/screenshots/$$name-1280-$$theme.png --view $$view $$flag $$data || exit 1; \
	    $(SHOT) docs/screenshots/$$name-1024-$$theme.png --view $$view --size 1024x700 $$flag $$data || exit 1; \
	    QT_SCALE_FACTOR=2 $(SHOT) docs/screenshots/$$name-scale2-$$theme.png --view $$view $$flag $$data || exit 1; \
	  done; \
	done

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
	$(BIN)/python bench/bench_corpus.py

## regenerate resources/default-recipe.toml after changing a rule's defaults (a test checks it is current)
recipe: $(STAMP)
	$(BIN)/python -c "from winnow.recipe import dumps, default_recipe; open('resources/default-recipe.toml', 'w', encoding='utf-8').write(dumps(default_recipe()))"

clean-build:
	rm -rf build dist
