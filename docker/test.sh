#!/usr/bin/env bash
# docker/test.sh — build the classroom image (docker/Dockerfile) on a machine
# with no Docker engine and no container registry, then check it from inside:
# the lessons run with nbconvert as jovyan, the notebook server it starts by
# default offers gokernel as the default kernel, and TLS works from inside.
#
#   docker/test.sh              build (with the layer cache) and test
#   NO_CACHE=1 docker/test.sh   build from nothing (a cold build)
#
# Needs root. Installs podman, buildah, debootstrap and runc with apt when missing.
# The base image comes from docker/base-image.sh (a debootstrapped Debian 12),
# the Go toolchain from this machine's own Go, imported as an image. podman
# builds (vfs storage, chroot isolation); `podman run` cannot set rlimits
# here, so the checks run in a buildah container, on the host's network.
#
# Environment: IMAGE (default localhost/gokernel:test), BASE_IMAGE (default
# localhost/debian:bookworm), SKIP_TLS_CHECK=1 to skip the `go get` check.
# It ends with a line "N passed, N failed" and exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-localhost/gokernel:test}
BASE_IMAGE=${BASE_IMAGE:-localhost/debian:bookworm}
podman=(podman --storage-driver vfs)
buildah=(buildah --storage-driver vfs)
log() { echo "docker/test.sh: $*" >&2; }

need=()
for tool in podman buildah debootstrap runc; do command -v "$tool" >/dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
	log "installing ${need[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

out=$(mktemp -d "${TMPDIR:-/tmp}/gokernel-image-test.XXXXXX")
log "logs and executed notebooks in $out"

# --- inputs of the build -----------------------------------------------------
docker/base-image.sh "$BASE_IMAGE"

# The Go toolchain: this machine's own, as an image holding /usr/local/go
# (what the golang images hold), since no registry serves golang:1.26 here.
export PATH=/usr/local/go/bin:$PATH
goroot=$(go env GOROOT)
goversion=$(go env GOVERSION)
GO_IMAGE=localhost/gokernel-go:${goversion#go}
if ! "${podman[@]}" image exists "$GO_IMAGE"; then
	log "importing $goroot as $GO_IMAGE"
	tar -C "$(dirname "$goroot")" -c --transform "s,^$(basename "$goroot"),usr/local/go," "$(basename "$goroot")" |
		"${podman[@]}" import -q - "$GO_IMAGE" >/dev/null
fi

# Behind this machine's TLS-inspecting proxy, TLS from inside a container
# needs the host's CA bundle.
if [ -n "${SSL_CERT_FILE:-}" ] && [ -r "$SSL_CERT_FILE" ]; then
	cp "$SSL_CERT_FILE" docker/extra-ca/host.crt
fi

version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)

# --- build ---------------------------------------------------------------------
build_args=(--build-arg "BASE=$BASE_IMAGE" --build-arg "GO_IMAGE=$GO_IMAGE" --build-arg "VERSION=$version")
[ "${NO_CACHE:-0}" = 1 ] && build_args+=(--no-cache)
log "building $IMAGE (log: $out/build.log)"
old_id=$("${podman[@]}" image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
start=$SECONDS
if ! "${podman[@]}" build --isolation chroot --runtime runc --layers -f docker/Dockerfile \
	"${build_args[@]}" -t "$IMAGE" . >"$out/build.log" 2>&1; then
	tail -30 "$out/build.log" >&2
	log "build failed"
	exit 1
fi
build_seconds=$((SECONDS - start))
# The image this build replaced, with the layers only it used: vfs keeps each
# layer as a whole copy of the file system. (Layers the build cache shares
# with the new image stay; `podman --storage-driver vfs image prune` drops the
# rest of the cache.)
new_id=$("${podman[@]}" image inspect --format '{{.Id}}' "$IMAGE")
if [ -n "$old_id" ] && [ "$old_id" != "$new_id" ]; then
	"${podman[@]}" rmi "$old_id" >/dev/null 2>&1 || true
fi
size=$("${podman[@]}" image inspect --format '{{.Size}}' "$IMAGE")

# --- checks inside the image ----------------------------------------------------
passed=0 failed=0
check() { # check NAME COMMAND...: runs COMMAND, counts and reports it
	local name=$1
	shift
	if "$@" >"$out/$name.log" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name (log: $out/$name.log)"
		tail -15 "$out/$name.log" | sed 's/^/     /'
	fi
}

ctr=$("${buildah[@]}" from -q "$IMAGE")
server_pid=
cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
	"${buildah[@]}" rm "$ctr" >/dev/null 2>&1 || true
}
trap cleanup EXIT
run() { "${buildah[@]}" run --isolation chroot "$ctr" -- "$@"; }

check runs-as-jovyan run sh -c 'id && test "$(id -un):$(id -u)" = jovyan:1000'
check kernelspec-system-wide run test -f /usr/local/share/jupyter/kernels/gokernel/kernel.json
check jupyterhub-singleuser-on-path run jupyterhub-singleuser --version
check notebooks-in-home run sh -c 'ls ~/notebooks/*.ipynb && ls ~/lessons/*.md'

# Each lesson, top to bottom, as a student's Run All would: nbconvert stops
# at an error in any cell not tagged raises-exception.
lesson_times=()
for nb in notebooks/*.ipynb; do
	name=$(basename "$nb" .ipynb)
	t0=$(date +%s.%N)
	check "lesson-$name" run sh -c "cd ~/notebooks && jupyter nbconvert --to notebook --execute \
		--ExecutePreprocessor.timeout=120 --output-dir /tmp/executed $name.ipynb"
	t1=$(date +%s.%N)
	lesson_times+=("$name $(awk "BEGIN { printf \"%.1f\", $t1 - $t0 }") s")
	run cat "/tmp/executed/$name.ipynb" >"$out/$name.ipynb" 2>/dev/null || true
	check "lesson-$name-outputs" /usr/bin/python3 - "$out/$name.ipynb" <<'PY'
import json, sys
nb = json.load(open(sys.argv[1]))
for i, cell in enumerate(nb["cells"]):
    if cell["cell_type"] != "code":
        continue
    errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
    meant = "raises-exception" in cell.get("metadata", {}).get("tags", [])
    assert cell["execution_count"] is not None, f"cell {i} did not run"
    assert bool(errors) == meant, f"cell {i}: errors={errors} raises-exception={meant}"
print("every cell ran; errors only where tagged raises-exception")
PY
done

# The image's default command: a notebook server whose default kernel is gokernel.
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
"${buildah[@]}" run --isolation chroot "$ctr" -- /usr/local/bin/gokernel-start \
	--ip=127.0.0.1 --port="$port" --NotebookApp.token="$token" >"$out/server.log" 2>&1 &
server_pid=$!
server_check() {
	/usr/bin/python3 - "$port" "$token" <<'PY'
import json, sys, time, urllib.request
port, token = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}/api"
def call(path, method="GET"):
    req = urllib.request.Request(base + path + f"?token={token}", method=method,
                                 data=b"{}" if method == "POST" else None)
    with urllib.request.urlopen(req, timeout=10) as r:
        body = r.read()
        return json.loads(body) if body else None
deadline = time.time() + 60
while True:
    try:
        call("/status")
        break
    except OSError:
        if time.time() > deadline:
            raise SystemExit("the server did not answer within 60 s")
        time.sleep(0.2)
specs = call("/kernelspecs")
print("default kernel:", specs["default"], "kernels:", sorted(specs["kernelspecs"]))
assert specs["default"] == "gokernel", specs["default"]
kernel = call("/kernels", "POST")   # no name: the default kernel
print("started kernel:", kernel["name"])
assert kernel["name"] == "gokernel", kernel
call("/shutdown", "POST")
PY
}
check default-server-default-kernel server_check
wait "$server_pid" 2>/dev/null || true
server_pid=

# TLS from inside (go get through the module proxy), which needs the extra CA
# behind a TLS-inspecting proxy.
if [ "${SKIP_TLS_CHECK:-0}" != 1 ]; then
	check tls-go-get run sh -c 'd=$(mktemp -d) && cd "$d" && go mod init tls.check && go get golang.org/x/sync@v0.7.0'
fi

echo
echo "image $IMAGE: $((size / 1000000)) MB, built in $build_seconds s$([ "${NO_CACHE:-0}" = 1 ] && echo ' (no cache)')"
for t in "${lesson_times[@]}"; do echo "lesson $t inside the image (nbconvert, kernel start included)"; done
echo "image-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
