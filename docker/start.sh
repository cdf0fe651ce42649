#!/bin/sh
# gokernel-start: what the classroom image runs (docker/Dockerfile).
#
#   no arguments, or only options (--ip=…, --port=…):
#       under JupyterHub (JUPYTERHUB_API_TOKEN set by the spawner):
#           jupyterhub-singleuser OPTIONS, which listens where
#           JUPYTERHUB_SERVICE_URL says
#       otherwise: jupyter notebook --ip=0.0.0.0 --port=8888 OPTIONS
#   a command: runs it (e.g. `jupyterhub-singleuser`, `bash`).
set -e

# A volume mounted on the home (JupyterHub's per-user storage) hides the
# lessons the image put there: copy them in the first time.
for d in lessons notebooks; do
	if [ ! -e "$HOME/$d" ] && [ -d "/usr/local/share/gokernel/$d" ]; then
		cp -r "/usr/local/share/gokernel/$d" "$HOME/$d" || true
	fi
done

case "${1:-}" in
"" | -*)
	if [ -n "${JUPYTERHUB_API_TOKEN:-}" ]; then
		exec jupyterhub-singleuser "$@"
	fi
	# Listen on every address, on 8888, unless the options say otherwise.
	ip=--ip=0.0.0.0 port=--port=8888
	for arg in "$@"; do
		case $arg in
		--ip | --ip=* | --NotebookApp.ip=*) ip= ;;
		--port | --port=* | --NotebookApp.port=*) port= ;;
		esac
	done
	exec jupyter notebook --no-browser $ip $port "$@"
	;;
esac
exec "$@"
