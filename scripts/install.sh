#!/usr/bin/env bash
# Builds permaudit's release binary and puts it on the PATH.
#   scripts/install.sh [DIR]
# DIR defaults to /usr/local/bin when it is writable (root), else ~/.local/bin. The binary carries the
# migrations and the default catalog; it needs the Swift toolchain's runtime libraries (see README, Install).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 1 ]; then
    echo "usage: scripts/install.sh [DIR]" >&2
    exit 2
fi
if [ $# -eq 1 ]; then
    target=$1
elif [ -w /usr/local/bin ]; then
    target=/usr/local/bin
else
    target=$HOME/.local/bin
fi

swift build -c release --product permaudit
mkdir -p "$target"
install -m 755 .build/release/permaudit "$target/permaudit"
echo "installed $target/permaudit ($("$target/permaudit" --version))"

case ":$PATH:" in
    *":$target:"*) ;;
    *) echo "note: $target is not on your PATH; add it: export PATH=\"$target:\$PATH\"" >&2 ;;
esac
