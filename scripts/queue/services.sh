#!/usr/bin/env bash
# Private Redis and PostgreSQL for n8n's queue mode (test/e2e/queue-stack.js, `npm run start:queue`).
#
#   scripts/queue/services.sh start          install redis-server/postgresql from Debian when missing, then
#                                            start (or find running) our own instances; idempotent
#   scripts/queue/services.sh stop           stop them (data stays)
#   scripts/queue/services.sh status         running or not, ports, where the data is
#   scripts/queue/services.sh env            KEY='value' lines for the JS side (ports, user, password)
#   scripts/queue/services.sh createdb NAME  create database NAME owned by the n8n role (no-op when it exists)
#   scripts/queue/services.sh dropdb NAME    drop database NAME (when it exists)
#   scripts/queue/services.sh reset          stop and delete all data of both (the n8n install is kept)
#
# Data: ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-chatwoot-kapso}/queue/{redis,postgres,postgres-password}.
# Both listen on 127.0.0.1 only, Redis on QUEUE_REDIS_PORT (default 26379) and PostgreSQL on QUEUE_PG_PORT
# (default 25432): never the default 6379/5432, so a system-wide instance (Debian's cluster 15/main, a
# system redis) is never touched or used. Redis keeps nothing on disk (`save ""`): a queued job lives in
# Redis only until a worker takes it; what must survive (executions, workflows) is in PostgreSQL.
# Needs root (apt-get, and runuser to start PostgreSQL as the postgres user).
set -Eeuo pipefail

CACHE_ROOT="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-chatwoot-kapso}"
mkdir -p "$CACHE_ROOT"
CACHE_ROOT="$(cd "$CACHE_ROOT" && pwd -P)"
QUEUE_DIR="$CACHE_ROOT/queue"
REDIS_PORT="${QUEUE_REDIS_PORT:-26379}"
PG_PORT="${QUEUE_PG_PORT:-25432}"
PG_USER=n8n
REDIS_DIR="$QUEUE_DIR/redis"
PG_LINK="$QUEUE_DIR/postgres"
PASSWORD_FILE="$QUEUE_DIR/postgres-password"
T0=$(date +%s)

log() { printf '[queue-services +%ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
die() {
	log "ERROR: $*" >&2
	exit 1
}

pg_bin_dir() {
	local d
	d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
	[ -n "$d" ] && [ -x "$d/pg_ctl" ] && printf '%s\n' "$d"
}

have_packages() { command -v redis-server >/dev/null && command -v redis-cli >/dev/null && [ -n "$(pg_bin_dir)" ]; }

install_packages() {
	have_packages && return 0
	[ "$(id -u)" = 0 ] || die "redis-server/postgresql are missing and installing them needs root: apt-get install -y redis-server postgresql"
	command -v apt-get >/dev/null || die "redis-server/postgresql are missing and there is no apt-get to install them"
	log "installing Debian's redis-server and postgresql (apt-get update && apt-get install -y redis-server postgresql)"
	local logfile="$QUEUE_DIR/apt.log"
	if ! { DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server postgresql; } >"$logfile" 2>&1 </dev/null; then
		tail -n 30 "$logfile" >&2
		die "apt-get failed (full log: $logfile)"
	fi
	have_packages || die "apt-get finished but redis-server or PostgreSQL's pg_ctl is still missing (log: $logfile)"
	log "installed: $(redis-server --version | cut -d' ' -f1-3), PostgreSQL $("$(pg_bin_dir)/postgres" --version | awk '{print $3}')"
}

# PostgreSQL refuses to run as root, so the cluster runs as Debian's `postgres` user, which must be able to
# reach its data directory. Under /root (mode 0700) it cannot, and opening /root up (chmod, ACLs) would
# change the machine for everyone. So: when postgres can reach $QUEUE_DIR, the cluster lives in
# $QUEUE_DIR/postgres; otherwise it lives in postgres's own home, in a folder named after this cache
# (/var/lib/postgresql/n8n-nodes-chatwoot-kapso/<hash of the cache path>) and $QUEUE_DIR/postgres is a
# symlink to it, so the cache still shows where the data is and `reset` deletes both. Either way the
# cluster belongs to this cache alone; Debian's clusters (pg_lsclusters) are not touched.
pg_base() {
	if [ -L "$PG_LINK" ]; then
		readlink "$PG_LINK"
	elif [ -d "$PG_LINK" ] || runuser -u postgres -- test -x "$QUEUE_DIR" 2>/dev/null; then
		printf '%s\n' "$PG_LINK"
	else
		local home hash
		home="$(getent passwd postgres | cut -d: -f6)"
		hash="$(printf '%s' "$CACHE_ROOT" | sha256sum | cut -c1-12)"
		printf '%s\n' "$home/n8n-nodes-chatwoot-kapso/$hash"
	fi
}

pg() { runuser -u postgres -- "$@"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

redis_running() { [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; }

start_redis() {
	mkdir -p "$REDIS_DIR"
	if redis_running; then
		log "redis already running on 127.0.0.1:$REDIS_PORT (pid $(cat "$REDIS_DIR/redis.pid"))"
		return 0
	fi
	port_busy "$REDIS_PORT" && die "127.0.0.1:$REDIS_PORT is in use by another program; set QUEUE_REDIS_PORT to a free port"
	cat >"$REDIS_DIR/redis.conf" <<EOF
# written by scripts/queue/services.sh: a private Redis for n8n's queue mode
bind 127.0.0.1
protected-mode yes
port $REDIS_PORT
daemonize yes
pidfile $REDIS_DIR/redis.pid
logfile $REDIS_DIR/redis.log
dir $REDIS_DIR
save ""
appendonly no
EOF
	# 8>&-: the daemon must not inherit (and hold for ever) the lock of main()
	redis-server "$REDIS_DIR/redis.conf" 8>&- || die "redis-server did not start; see $REDIS_DIR/redis.log"
	local i
	for i in $(seq 50); do
		[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] && break
		sleep 0.2
	done
	[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ] ||
		die "redis does not answer on 127.0.0.1:$REDIS_PORT; see $REDIS_DIR/redis.log"
	log "redis started on 127.0.0.1:$REDIS_PORT (data $REDIS_DIR)"
}

pg_running() {
	local base="$1"
	[ -f "$base/data/PG_VERSION" ] && pg "$(pg_bin_dir)/pg_ctl" -D "$base/data" status >/dev/null 2>&1
}

start_postgres() {
	local base bin
	base="$(pg_base)"
	bin="$(pg_bin_dir)"
	if [ "$base" != "$PG_LINK" ] && [ ! -L "$PG_LINK" ]; then
		mkdir -p "$base"
		chown postgres:postgres "$(dirname "$base")" "$base"
		ln -s "$base" "$PG_LINK"
		log "postgres cannot enter $QUEUE_DIR (a parent folder is private): its cluster lives in $base, linked from $PG_LINK"
	fi
	mkdir -p "$base"
	chown postgres:postgres "$base"
	chmod 0700 "$base"
	if [ ! -f "$base/data/PG_VERSION" ]; then
		[ -e "$base/data" ] && rm -rf "$base/data" # an initdb that did not finish
		log "creating a PostgreSQL cluster in $base/data"
		if ! pg "$bin/initdb" -D "$base/data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
			-E UTF8 --locale=C.UTF-8 >"$QUEUE_DIR/initdb.log" 2>&1 </dev/null; then
			tail -n 20 "$QUEUE_DIR/initdb.log" >&2
			die "initdb failed (log: $QUEUE_DIR/initdb.log)"
		fi
	fi
	mkdir -p "$base/run"
	chown postgres:postgres "$base/run"
	local socket="$base/run/.s.PGSQL.$PG_PORT"
	[ "${#socket}" -lt 100 ] || die "socket path $socket is too long for PostgreSQL; use a shorter N8N_CACHE_DIR"
	if pg_running "$base"; then
		log "postgres already running on 127.0.0.1:$PG_PORT (data $base/data)"
	else
		port_busy "$PG_PORT" && die "127.0.0.1:$PG_PORT is in use by another program; set QUEUE_PG_PORT to a free port"
		# the settings are given on the command line, so a changed QUEUE_PG_PORT applies to an existing cluster
		if ! pg "$bin/pg_ctl" -D "$base/data" -l "$base/postgres.log" -w -t 60 \
			-o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$base/run -c max_connections=200" \
			start >"$QUEUE_DIR/pg_ctl.log" 2>&1 </dev/null 8>&-; then
			cat "$QUEUE_DIR/pg_ctl.log" >&2
			tail -n 20 "$base/postgres.log" >&2 || true
			die "PostgreSQL did not start (log: $base/postgres.log)"
		fi
		log "postgres started on 127.0.0.1:$PG_PORT (data $base/data)"
	fi
	ensure_role "$base"
}

psql_admin() {
	local base="$1"
	shift
	pg "$(pg_bin_dir)/psql" -h "$base/run" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

ensure_role() {
	local base="$1" password
	if [ ! -s "$PASSWORD_FILE" ]; then
		(umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$PASSWORD_FILE")
	fi
	password="$(cat "$PASSWORD_FILE")"
	if [ "$(psql_admin "$base" -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != 1 ]; then
		psql_admin "$base" -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$password' CREATEDB" >/dev/null
		log "created role $PG_USER"
	else
		# the password file is the truth (a reset cache next to a kept cluster)
		psql_admin "$base" -c "ALTER ROLE $PG_USER PASSWORD '$password'" >/dev/null
	fi
}

valid_db_name() { [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "bad database name '$1' (lower-case letters, digits, _)"; }

cmd_createdb() {
	valid_db_name "$1"
	local base
	base="$(pg_base)"
	pg_running "$base" || die "PostgreSQL is not running; run: scripts/queue/services.sh start"
	if [ "$(psql_admin "$base" -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" != 1 ]; then
		psql_admin "$base" -c "CREATE DATABASE $1 OWNER $PG_USER" >/dev/null
		log "created database $1"
	fi
}

cmd_dropdb() {
	valid_db_name "$1"
	local base
	base="$(pg_base)"
	pg_running "$base" || die "PostgreSQL is not running; run: scripts/queue/services.sh start"
	psql_admin "$base" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
	log "dropped database $1"
}

cmd_stop() {
	local base
	if redis_running; then
		redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || kill "$(cat "$REDIS_DIR/redis.pid")"
		log "redis stopped"
	fi
	if [ -n "$(pg_bin_dir)" ]; then
		base="$(pg_base)"
		if pg_running "$base"; then
			pg "$(pg_bin_dir)/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null
			log "postgres stopped"
		fi
	fi
}

cmd_status() {
	if redis_running; then log "redis: running on 127.0.0.1:$REDIS_PORT, data $REDIS_DIR"; else log "redis: stopped"; fi
	if [ -n "$(pg_bin_dir)" ] && pg_running "$(pg_base)"; then
		log "postgres: running on 127.0.0.1:$PG_PORT, data $(pg_base)/data"
	else
		log "postgres: stopped"
	fi
}

cmd_env() {
	[ -s "$PASSWORD_FILE" ] || die "no PostgreSQL password yet; run: scripts/queue/services.sh start"
	printf "QUEUE_REDIS_HOST='127.0.0.1'\nQUEUE_REDIS_PORT='%s'\nQUEUE_PG_HOST='127.0.0.1'\nQUEUE_PG_PORT='%s'\n" "$REDIS_PORT" "$PG_PORT"
	printf "QUEUE_PG_USER='%s'\nQUEUE_PG_PASSWORD='%s'\nQUEUE_DIR='%s'\n" "$PG_USER" "$(cat "$PASSWORD_FILE")" "$QUEUE_DIR"
}

cmd_reset() {
	local base=""
	[ -n "$(pg_bin_dir)" ] && base="$(pg_base)"
	cmd_stop
	[ -n "$base" ] && [ "$base" != "$PG_LINK" ] && rm -rf "$base"
	rm -rf "$QUEUE_DIR"
	log "deleted $QUEUE_DIR${base:+ and $base}"
}

main() {
	local cmd="${1:-start}"
	case "$cmd" in
	-h | --help)
		sed -n '2,19p' "$0"
		return 0
		;;
	env) cmd_env ;;
	status) cmd_status ;;
	start | stop | reset | createdb | dropdb)
		mkdir -p "$QUEUE_DIR"
		# one caller at a time per cache (several test files or `npm run start:queue` may start together)
		exec 8>"$QUEUE_DIR/.lock"
		flock 8
		case "$cmd" in
		start)
			install_packages
			start_postgres
			start_redis
			;;
		stop) cmd_stop ;;
		reset) cmd_reset ;;
		createdb | dropdb)
			[ -n "${2:-}" ] || die "usage: $0 $cmd NAME"
			"cmd_$cmd" "$2"
			;;
		esac
		;;
	*) die "unknown command '$cmd' (start, stop, status, env, createdb, dropdb, reset)" ;;
	esac
}

main "$@"
