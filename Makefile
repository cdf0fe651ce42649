# gokernel — the two commands a new user needs are `make notebook` and `make test`.
PYTHON ?= /usr/bin/python3
BIN    := bin/gokernel
GOFLAGS_BUILD := -trimpath -ldflags "-s -w -X main.version=$(shell git describe --tags --always --dirty 2>/dev/null || echo dev)"

# The Debian packages the project needs, in one place. Jupyter, to run notebooks on
# the kernel (and for the benchmark, which compares with ipykernel); the test suite
# needs those and its runners.
JUPYTER_DEBS := jupyter-notebook jupyter-nbconvert jupyter-console jupyter-client python3-jupyter-client \
	python3-nbclient python3-nbformat python3-ipykernel python3-zmq
TEST_DEBS    := $(JUPYTER_DEBS) python3-pytest python3-jupyter-kernel-test

# debs installs the packages of $(1) that are not installed yet and names them
# (apt-get, through sudo when not root; it waits for a dpkg lock held by another
# apt, such as unattended-upgrades). Nothing happens when all are there.
define debs
	@need=; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || need="$$need $$p"; \
	done; \
	if [ -n "$$need" ]; then \
		if ! command -v apt-get >/dev/null; then \
			echo "not a Debian system: install the equivalent of$$need yourself" >&2; exit 1; \
		fi; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		echo "installing Debian packages:$$need"; \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 --no-install-recommends $$need >/dev/null; \
	fi
endef

.PHONY: build install jupyter test-deps notebook notebooks check-notebooks test test-jupyter test-browser bench clean

build:
	go build $(GOFLAGS_BUILD) -o $(BIN) ./kernel/cmd/gokernel

# jupyter installs Debian's Jupyter when it is missing (needs root or sudo).
jupyter:
	$(call debs,$(JUPYTER_DEBS))

# test-deps installs what the test suite needs when it is missing (needs root or sudo).
test-deps:
	$(call debs,$(TEST_DEBS))

install: build jupyter
	./$(BIN) install --user

notebook: install
	cd notebooks && /usr/bin/jupyter notebook

# notebooks rebuilds notebooks/ (student) and notebooks/solutions/ (teacher) from
# lessons/*.md, running each on the kernel to store its outputs; no Jupyter needed.
notebooks: build
	./$(BIN) lessons build

# check-notebooks is what CI asks of them (also part of test-jupyter, through
# kernel/tests/test_notebooks.py): up to date, and every cell gives its stored output.
check-notebooks: build
	./$(BIN) lessons build --check
	./$(BIN) run --check notebooks/*.ipynb $(wildcard notebooks/solutions/*.ipynb)

# (the sub-make prints no "Leaving directory" line, so pytest's summary closes the output)
test: build test-deps
	go test ./...
	$(MAKE) --no-print-directory test-jupyter

# test-jupyter drives the built kernel through real Jupyter clients.
test-jupyter: build test-deps
	GOKERNEL_BIN=$(CURDIR)/$(BIN) $(PYTHON) -m pytest -q kernel/tests

# test-browser drives Notebook and the kernel in headless Debian chromium
# (kernel/tests/browser; installs chromium and playwright-core when missing).
test-browser: build
	GOKERNEL_BIN=$(CURDIR)/$(BIN) bash kernel/tests/browser/run.sh

bench: build jupyter
	GOKERNEL_BIN=$(CURDIR)/$(BIN) $(PYTHON) kernel/bench/bench.py $(BENCHFLAGS)

clean:
	rm -rf bin
