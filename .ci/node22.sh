#!/bin/sh
# Node 22, the other supported major (package.json engines): the binary the npm registry ships as
# node-linux-<arch>, installed in a folder of its own, never on PATH. Prints the node's path.
# Safe to run again.
set -eu
dir=${SHELFCAST_NODE22_DIR:-/opt/shelfcast-ci/node22}
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
node="$dir/node_modules/node-linux-$arch/bin/node"
if [ ! -x "$node" ]; then
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --prefix "$dir" "node-linux-$arch@22" >&2
fi
"$node" --version >&2
echo "$node"
