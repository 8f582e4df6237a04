# Two commands: `make run` and `make test`. Both install what they need and are safe to repeat.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := chromium chromium-headless-shell fonts-dejavu-core
PYTEST_ARGS ?=

ARGS ?=

.PHONY: run test setup uv venv system lint bench clean book replicas eval

run: setup
	$(UV) run --frozen gofer serve --with-replicas

# The demo and the other commands, through the same uv (which a fresh shell may not have on PATH).
book: setup
	$(UV) run --frozen gofer book $(ARGS)

replicas: setup
	$(UV) run --frozen gofer replicas $(ARGS)

eval: setup
	$(UV) run --frozen gofer eval $(ARGS)

test: setup
	$(UV) run --frozen pytest $(PYTEST_ARGS)

setup: uv venv system

uv:
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || python3 -m pip install --user --quiet uv

venv: uv
	@$(UV) sync --frozen --quiet

# Debian packages: the distro Chromium that Playwright drives (browser downloads are impossible).
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

lint: setup
	$(UV) run --frozen ruff check src tests bench
	$(UV) run --frozen ruff format --check src tests bench

bench: setup
	$(UV) run --frozen python bench/booking.py --json

clean:
	rm -rf .venv data .pytest_cache
