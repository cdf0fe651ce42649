#!/usr/bin/env bash
# base-image.sh — make a Debian base image for podman/buildah on a machine that
# has no container registry, only Debian's package mirror.
#
#   docker/base-image.sh [IMAGE] [SUITE]      (defaults: localhost/debian:bookworm bookworm)
#
# It debootstraps a minimal Debian (variant minbase) into a temporary folder
# and imports it as IMAGE into podman's vfs storage. An image that already
# exists is kept: the script then does nothing, so callers can run it every
# time. Set FORCE=1 to rebuild it. Needs root; installs podman and debootstrap
# with apt when they are missing.
#
# Environment: MIRROR (default http://deb.debian.org/debian), SECURITY_MIRROR
# (default: MIRROR with debian-security for debian), STORAGE_DRIVER
# (default vfs, the driver that works without overlay support), PODMAN_ROOT
# and PODMAN_RUNROOT (podman's --root and --runroot, for a storage of one's
# own; default podman's).
#
# Kept small and standalone on purpose, so that other scripts that need a
# fresh Debian container (the image build in docker/test.sh, a clean-machine
# test run) can share it.
set -euo pipefail

IMAGE=${1:-localhost/debian:bookworm}
SUITE=${2:-bookworm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
podman=(podman --storage-driver "$STORAGE_DRIVER")
[ -n "${PODMAN_ROOT:-}" ] && podman+=(--root "$PODMAN_ROOT")
[ -n "${PODMAN_RUNROOT:-}" ] && podman+=(--runroot "$PODMAN_RUNROOT")

need=()
command -v podman >/dev/null || need+=(podman)
command -v debootstrap >/dev/null || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
	echo "base-image: installing ${need[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${FORCE:-0}" != 1 ] && "${podman[@]}" image exists "$IMAGE"; then
	echo "base-image: $IMAGE exists (FORCE=1 rebuilds it)" >&2
	exit 0
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/base-image.XXXXXX")
trap 'rm -rf "$root"' EXIT
echo "base-image: debootstrap --variant=minbase $SUITE from $MIRROR" >&2
start=$SECONDS
debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$root.log" 2>&1 || {
	tail -20 "$root.log" >&2
	exit 1
}
rm -f "$root.log"
# mktemp made the folder 0700, and it becomes the image's /: a non-root user
# in the container could not reach anything.
chmod 755 "$root"
# debootstrap lists only the release itself; add its updates and security
# suites, as Debian's own container images do.
cat >"$root/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${SECURITY_MIRROR:-${MIRROR%/debian}/debian-security} $SUITE-security main
SOURCES
# What the official images do too: no package caches or lists in the image.
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | "${podman[@]}" import -q \
	--change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
	- "$IMAGE" >/dev/null
echo "base-image: imported $IMAGE in $((SECONDS - start)) s" >&2
