#!/usr/bin/env bash
# kernel/tests/browser/run.sh — the browser test: Jupyter Notebook with
# gokernel in headless Debian chromium, driven by playwright-core
# (notebook.test.mjs, run by node's test runner).
#
# Works on a fresh Debian 12 machine as root: installs chromium, Jupyter
# Notebook and Node.js with apt only when missing, and playwright-core with
# `npm ci` only when node_modules is missing (no browser is downloaded: the
# test drives Debian's /usr/bin/chromium). The kernel is $GOKERNEL_BIN when
# set, else built here with `go build`.
#
# Screenshots and the notebook server's log go to $ARTIFACTS (default
# kernel/tests/browser/artifacts); the script prints where.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/jupyter ] && /usr/bin/python3 -c 'import notebook' 2>/dev/null || need+=(jupyter-notebook)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
	echo "browser test: installing ${need[*]}" >&2
	SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
	$SUDO apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# playwright-core asks for Node.js 20 or newer (Debian 12's own nodejs is 18).
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
	echo "browser test: Node.js $(node --version) is too old for playwright-core: it needs 20 or newer" >&2
	exit 1
fi

cd "$here"
if [ ! -d node_modules/playwright-core ]; then
	npm ci --no-audit --no-fund --loglevel=error
fi

if [ -z "${GOKERNEL_BIN:-}" ]; then
	export PATH=/usr/local/go/bin:$PATH
	bindir=$(mktemp -d "${TMPDIR:-/tmp}/gokernel-browser-bin.XXXXXX")
	trap 'rm -rf "$bindir"' EXIT
	(cd "$repo" && go build -o "$bindir/gokernel" ./kernel/cmd/gokernel)
	export GOKERNEL_BIN=$bindir/gokernel
fi

export ARTIFACTS=${ARTIFACTS:-$here/artifacts}
mkdir -p "$ARTIFACTS"
echo "browser test: screenshots and logs in $ARTIFACTS" >&2
# TAP on stdout (its summary closes the log), the same run as a readable
# report in the artifacts.
node --test --test-reporter=tap --test-reporter-destination=stdout \
	--test-reporter=spec --test-reporter-destination="$ARTIFACTS/report.txt" notebook.test.mjs
