#!/usr/bin/env bash
# docker/jupyterhub/run.sh — the two-student JupyterHub test (test_hub.py) on
# this machine: installs Debian's jupyterhub, its proxy and Jupyter when
# missing, then runs the test with Debian's Python. Needs root (the hub starts
# each student's server as that Unix user). Extra arguments go to pytest.
#
# Measurements (memory per student, lesson time) are printed and written to
# $ARTIFACTS/hub-memory.json (ARTIFACTS defaults to a new temporary folder).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
for pkg in jupyterhub node-configurable-http-proxy jupyter-notebook python3-pytest python3-tornado; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
	echo "hub test: installing ${need[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

export PATH=/usr/local/go/bin:$PATH
export ARTIFACTS=${ARTIFACTS:-$(mktemp -d "${TMPDIR:-/tmp}/gokernel-hub-artifacts.XXXXXX")}
echo "hub test: artifacts in $ARTIFACTS" >&2
exec /usr/bin/python3 -m pytest -q -p no:cacheprovider -rs docker/jupyterhub/test_hub.py "$@"
