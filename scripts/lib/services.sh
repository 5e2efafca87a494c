# shellcheck shell=bash
# Sourced by scripts/test: the Debian packages and throwaway services that the
# tests need. Requires scripts/lib/toolchain.sh to be sourced first (for log).

APT_UPDATED=0
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    log "Please install the Debian packages: $* (needs root)"
    return 1
  fi
  if [ "$APT_UPDATED" -eq 0 ]; then
    apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "Installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
}

# Starts a throwaway PostgreSQL cluster on a loopback port in a temp directory
# and exports the connection string that Backstage's TestDatabases reads.
# Stop it with stop_postgres.
start_postgres() {
  if [ -z "$(postgres_bin_dir)" ]; then
    apt_install postgresql
  fi
  local bin
  bin="$(postgres_bin_dir)"
  PG_DIR="$(mktemp -d /tmp/mlf-pg.XXXXXX)"
  PG_PORT="${PG_PORT:-55432}"
  local runas=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres "$PG_DIR"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
  "${runas[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -F" start >/dev/null
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:$PG_PORT"
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    local runas=()
    [ "$(id -u)" -eq 0 ] && runas=(runuser -u postgres --)
    "${runas[@]}" "$(postgres_bin_dir)/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
