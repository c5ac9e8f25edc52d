#!/usr/bin/env bash
# Submit conformance for Airflow, against real servers on loopback, one after the other:
#   Airflow 3:    api-server, scheduler, dag-processor; SQLite, LocalExecutor, the simple auth
#                 manager, refresh interval 3 s; the client speaks REST API v2 with a token.
#   Airflow 2.10: webserver and scheduler; SQLite, SequentialExecutor (the one SQLite allows),
#                 a FAB user, the basic_auth API backend; the client speaks REST API v1.
# Each runs checks.mjs through the built CLI and is stopped by the PIDs this script recorded.
# The venvs are conformance/airflow's (pinned, built once per machine by scripts/lib/cache.sh;
# SLUICE_AIRFLOW_VENV overrides Airflow 3's).
# Prints PASS/FAIL per check and "N passed, N failed, N skipped". Exit 0, 1, or 3 (no venv).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
if [ -n "${SLUICE_AIRFLOW_VENV:-}" ]; then
  venv="$SLUICE_AIRFLOW_VENV"
elif ! venv="$(sluice_venv airflow3 "$root/conformance/airflow/requirements.txt")"; then
  echo "submit-airflow: skipped: cannot build the Airflow venv"; exit 3
fi
if [ ! -f "$root/packages/cli/dist/bin.js" ]; then echo "submit-airflow: run pnpm run build first"; echo "0 passed, 1 failed, 0 skipped"; exit 1; fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-airflow.XXXXXX")"
pids=()
# Stops what was started, by PID: TERM, then after 30 s KILL (the api-server can ignore TERM for
# long), children first so that no worker outlives its parent.
stop_all() {
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  for _ in $(seq 1 30); do
    alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break; sleep 1
  done
  for pid in "${pids[@]}"; do pkill -KILL -P "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; done
  pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
secret() { python3 -c 'import secrets; print(secrets.token_hex(12))'; }

# Waits until URL answers 2xx, showing progress; bounded, so a server that never starts fails.
wait_for() { # label url log
  local start=$SECONDS
  until curl -sf "$2" >/dev/null 2>&1; do
    if [ $((SECONDS - start)) -ge 300 ]; then echo "submit-airflow: $1 did not answer within 300s"; tail -20 "$3"; return 1; fi
    sleep 2
    [ $(( (SECONDS - start) % 20 )) -lt 2 ] && echo "  waiting for $1 ($((SECONDS - start))s)"
  done
  return 0
}

total_passed=0 total_failed=0 total_skipped=0
# Records the PIDs one start wrote, waits for its health URL, runs the checks, stops it.
serve_and_check() { # major dir url health-path log components
  local start=$SECONDS
  mapfile -t started <"$2/pids"; pids+=("${started[@]}")
  echo "starting Airflow $1 on $3 ($6)"
  if wait_for "Airflow $1" "$3$4" "$5"; then
    echo "submit-airflow: Airflow $1 up in $((SECONDS - start))s"
    run_checks "${1%%.*}" "$2" "$3"
  else
    total_failed=$((total_failed + 1))
  fi
  stop_all
}
# Runs checks.mjs for one major version and adds its counts.
run_checks() { # major dir url
  local out="$work/checks-$1.out"
  SLUICE_AIRFLOW_URL="$3" SLUICE_AIRFLOW_DAGS_FOLDER="$2/dags" SLUICE_AIRFLOW_USERNAME=admin SLUICE_AIRFLOW_PASSWORD_FILE="$2/password" SLUICE_CHECK_AIRFLOW_MAJOR="$1" \
    node "$here/checks.mjs" "$2" | tee "$out"
  local rc=${PIPESTATUS[0]}
  read -r p f s < <(tail -n 1 "$out" | sed -E 's/^([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped$/\1 \2 \3/')
  total_passed=$((total_passed + ${p:-0})); total_failed=$((total_failed + ${f:-1})); total_skipped=$((total_skipped + ${s:-0}))
  if [ "$rc" -ne 0 ]; then for f in "$2"/*.log; do echo "--- last lines of $(basename "$f")"; tail -n 8 "$f"; done; fi
}

# --- Airflow 3 ---
v3="$work/v3"
mkdir -p "$v3/dags" "$v3/logs"
port="$(free_port)"
password="$(secret)"
printf '{"admin": "%s"}' "$password" >"$v3/passwords.json"
printf '%s' "$password" >"$v3/password"
(
  export AIRFLOW_HOME="$v3/home" PATH="$venv/bin:$PATH"
  export AIRFLOW__CORE__DAGS_FOLDER="$v3/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False AIRFLOW__CORE__EXECUTOR=LocalExecutor
  export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$v3/airflow.db"
  export AIRFLOW__CORE__AUTH_MANAGER=airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager
  export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$v3/passwords.json"
  export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$port/execution/"
  export AIRFLOW__API__WORKERS=1 AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT="$port" AIRFLOW__API__BASE_URL="http://127.0.0.1:$port"
  export AIRFLOW__API_AUTH__JWT_SECRET="$(secret)"
  export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=3 AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=3
  export AIRFLOW__LOGGING__BASE_LOG_FOLDER="$v3/logs" AIRFLOW__LOGGING__LOGGING_LEVEL=INFO AIRFLOW__CORE__PARALLELISM=4
  # A loaded machine answers slowly: task workers wait longer for the api-server than the 5 s default.
  export AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT=60
  nice airflow db migrate >"$v3/migrate.log" 2>&1 || { tail -20 "$v3/migrate.log"; exit 1; }
  for component in api-server scheduler dag-processor; do
    nice airflow "$component" >"$v3/$component.log" 2>&1 &
    echo "$!" >>"$v3/pids"
  done
) || { echo "submit-airflow: airflow db migrate failed (Airflow 3)"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
serve_and_check 3 "$v3" "http://127.0.0.1:$port" /api/v2/monitor/health "$v3/api-server.log" "api-server, scheduler, dag-processor"

# --- Airflow 2.10 ---
if venv2="$(sluice_venv airflow2 "$root/conformance/airflow/requirements-airflow2.txt")"; then
  v2="$work/v2"
  mkdir -p "$v2/dags" "$v2/logs"
  port="$(free_port)"
  password="$(secret)"
  printf '%s' "$password" >"$v2/password"
  (
    export AIRFLOW_HOME="$v2/home" PATH="$venv2/bin:$PATH"
    export AIRFLOW__CORE__DAGS_FOLDER="$v2/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False AIRFLOW__CORE__EXECUTOR=SequentialExecutor
    export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$v2/airflow.db"
    export AIRFLOW__API__AUTH_BACKENDS=airflow.api.auth.backend.basic_auth
    export AIRFLOW__WEBSERVER__WEB_SERVER_HOST=127.0.0.1 AIRFLOW__WEBSERVER__WEB_SERVER_PORT="$port" AIRFLOW__WEBSERVER__WORKERS=1
    export AIRFLOW__WEBSERVER__SECRET_KEY="$(secret)"
    export AIRFLOW__SCHEDULER__DAG_DIR_LIST_INTERVAL=3 AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL=3
    export AIRFLOW__LOGGING__BASE_LOG_FOLDER="$v2/logs"
    nice airflow db migrate >"$v2/migrate.log" 2>&1 || { tail -20 "$v2/migrate.log"; exit 1; }
    nice airflow users create --username admin --password "$password" --role Admin --firstname Sluice --lastname Test --email admin@example.invalid >"$v2/users.log" 2>&1 || { tail -20 "$v2/users.log"; exit 1; }
    for component in webserver scheduler; do
      nice airflow "$component" >"$v2/$component.log" 2>&1 &
      echo "$!" >>"$v2/pids"
    done
  ) || { echo "FAIL starting Airflow 2.10 (db migrate or users create)"; total_failed=$((total_failed + 1)); }
  [ -f "$v2/pids" ] && serve_and_check 2.10 "$v2" "http://127.0.0.1:$port" /health "$v2/webserver.log" "webserver, scheduler"
else
  echo "SKIP Airflow 2.10: cannot build its venv"
  total_skipped=$((total_skipped + 1))
fi

echo "submit-airflow: $total_passed passed, $total_failed failed, $total_skipped skipped"
echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
[ "$total_failed" -eq 0 ]
