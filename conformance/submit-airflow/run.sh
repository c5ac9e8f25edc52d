#!/usr/bin/env bash
# Submit conformance for Airflow: starts a real Airflow 3 on loopback (api-server, scheduler,
# dag-processor; SQLite, LocalExecutor, the simple auth manager, refresh interval 3 s), runs
# checks.mjs against it through the built CLI, and stops it by the PIDs it recorded.
# The venv is the one conformance/airflow/run.sh uses (the pinned Airflow 3, built once per machine
# by scripts/lib/cache.sh; SLUICE_AIRFLOW_VENV overrides).
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
stop() {
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; done
  for _ in $(seq 1 30); do
    alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break; sleep 1
  done
  for pid in "${pids[@]}"; do pkill -KILL -P "$pid" 2>/dev/null; kill -9 "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
password="$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
mkdir -p "$work/dags" "$work/logs"
printf '{"admin": "%s"}' "$password" >"$work/passwords.json"
printf '%s' "$password" >"$work/password"
export AIRFLOW_HOME="$work/home" PATH="$venv/bin:$PATH"
export AIRFLOW__CORE__DAGS_FOLDER="$work/dags" AIRFLOW__CORE__LOAD_EXAMPLES=False AIRFLOW__CORE__EXECUTOR=LocalExecutor
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="sqlite:///$work/airflow.db"
export AIRFLOW__CORE__AUTH_MANAGER=airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=admin:admin AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$work/passwords.json"
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$port/execution/"
export AIRFLOW__API__WORKERS=1 AIRFLOW__API__HOST=127.0.0.1 AIRFLOW__API__PORT="$port" AIRFLOW__API__BASE_URL="http://127.0.0.1:$port"
export AIRFLOW__API_AUTH__JWT_SECRET="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL=3 AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL=3
export AIRFLOW__LOGGING__BASE_LOG_FOLDER="$work/logs" AIRFLOW__LOGGING__LOGGING_LEVEL=INFO AIRFLOW__CORE__PARALLELISM=4
# A loaded machine answers slowly: task workers wait longer for the api-server than the 5 s default.
export AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT=60

start=$SECONDS
if ! nice airflow db migrate >"$work/migrate.log" 2>&1; then tail -20 "$work/migrate.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; fi
for component in api-server scheduler dag-processor; do
  nice airflow "$component" >"$work/$component.log" 2>&1 &
  pids+=($!)
done
echo "starting Airflow 3 on http://127.0.0.1:$port (api-server, scheduler, dag-processor)"
until curl -sf "http://127.0.0.1:$port/api/v2/monitor/health" >/dev/null 2>&1; do
  if [ $((SECONDS - start)) -ge 300 ]; then
    echo "submit-airflow: the api-server did not answer within 300s"; tail -20 "$work/api-server.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1
  fi
  sleep 2
  [ $(( (SECONDS - start) % 20 )) -lt 2 ] && echo "  waiting for the api-server ($((SECONDS - start))s)"
done
echo "submit-airflow: Airflow up in $((SECONDS - start))s"
SLUICE_AIRFLOW_URL="http://127.0.0.1:$port" SLUICE_AIRFLOW_DAGS_FOLDER="$work/dags" SLUICE_AIRFLOW_USERNAME=admin SLUICE_AIRFLOW_PASSWORD_FILE="$work/password" \
  node "$here/checks.mjs" "$work"
rc=$?
if [ $rc -ne 0 ]; then for f in "$work"/*.log; do echo "--- last lines of $(basename "$f")"; tail -n 8 "$f"; done; fi
exit $rc
