# gokernel — the two commands a new user needs are `make notebook` and `make test`.
PYTHON ?= /usr/bin/python3
BIN    := bin/gokernel
GOFLAGS_BUILD := -trimpath -ldflags "-s -w -X main.version=$(shell git describe --tags --always --dirty 2>/dev/null || echo dev)"

.PHONY: build install jupyter notebook test test-go test-jupyter bench clean

build:
	go build $(GOFLAGS_BUILD) -o $(BIN) ./kernel/cmd/gokernel

# jupyter installs Debian's Jupyter when it is missing (needs root or sudo).
jupyter:
	@if [ -x /usr/bin/jupyter ] && $(PYTHON) -c 'import jupyter_client, notebook' 2>/dev/null; then :; else \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y \
			jupyter-notebook jupyter-nbconvert jupyter-console python3-jupyter-client python3-nbclient \
			python3-nbformat python3-ipykernel python3-zmq; \
	fi

install: build jupyter
	./$(BIN) install --user

notebook: install
	cd notebooks && /usr/bin/jupyter notebook

test: build
	go test ./...
	$(MAKE) test-jupyter

# test-jupyter drives the built kernel through real Jupyter clients.
test-jupyter: build
	GOKERNEL_BIN=$(CURDIR)/$(BIN) $(PYTHON) -m pytest -q kernel/tests

bench: build
	GOKERNEL_BIN=$(CURDIR)/$(BIN) $(PYTHON) kernel/bench/bench.py $(BENCHFLAGS)

clean:
	rm -rf bin
