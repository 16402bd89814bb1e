# Defuse — the two commands of the Quick start are `make demo` and `make test`.
# Both install what they need first (tools/setup.sh, idempotent).

SHELL := /bin/bash
PORT ?= 8787

.PHONY: help setup build demo test test-native test-wasm test-e2e lint bench package clean

help:
	@echo "make demo     build, then serve the demo CRM with the Defuse sidebar on 127.0.0.1:$(PORT)"
	@echo "make test     formatting, clippy, native tests, wasm tests in Chromium, end-to-end tests"
	@echo "make build    build the extension into dist/"
	@echo "make bench    sizes, speed and coach quality against the budgets in DESIGN.md"
	@echo "make package  target/: Chrome/Edge zip, Firefox zip, defuse-core npm tarball"

setup:
	@tools/setup.sh

build: setup
	@tools/build.sh

demo: build
	@node tools/serve.mjs --port $(PORT)

test: setup
	@tools/test.sh

bench: build
	@tools/bench.sh

package: build
	@tools/package.sh

clean:
	rm -rf dist pkg target/defuse-*.zip target/defuse-core-*.tgz target/package
