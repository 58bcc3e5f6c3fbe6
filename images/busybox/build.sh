#!/bin/sh
# Builds korch/busybox:latest from a statically linked busybox on this machine
# (Debian/Ubuntu: apt-get install busybox-static). Nothing is pulled from a registry.
set -eu

BUSYBOX="${BUSYBOX:-/bin/busybox}"
TAG="${TAG:-korch/busybox:latest}"
HERE="$(cd "$(dirname "$0")" && pwd)"

if [ ! -x "$BUSYBOX" ]; then
    echo "error: $BUSYBOX not found; install busybox-static or set BUSYBOX=/path/to/static/busybox" >&2
    exit 1
fi
if command -v file >/dev/null 2>&1 && ! file -L "$BUSYBOX" | grep -q 'statically linked'; then
    echo "error: $BUSYBOX is not statically linked; install busybox-static or set BUSYBOX" >&2
    exit 1
fi

CONTEXT="$(mktemp -d)"
trap 'rm -rf "$CONTEXT"' EXIT
cp "$HERE/Dockerfile" "$CONTEXT/Dockerfile"
cp -L "$BUSYBOX" "$CONTEXT/busybox"
chmod 0755 "$CONTEXT/busybox"

docker build -t "$TAG" "$CONTEXT"
echo "built $TAG"
