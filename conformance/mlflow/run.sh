#!/usr/bin/env bash
# Logs local runs to a real MLflow tracking server and reads them back through MLflow's own
# client (check.py): `sluice run --mlflow URI` must create the experiment, the run, its params,
# metrics, tags and artifacts. The server (pinned in full in requirements.txt, SQLite backend)
# is started here on 127.0.0.1 and stopped by its recorded PID, whatever happens. The venv is
# built once per machine (scripts/lib/cache.sh) and reused.
# Exit codes: 0 all passed, 1 some check failed, 3 skipped (the venv could not be built).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=../../scripts/lib/cache.sh
. "$root/scripts/lib/cache.sh"
python="$(sluice_python)"
if ! venv="$(sluice_venv mlflow "$here/requirements.txt" "$python")"; then
  echo "mlflow conformance: cannot build the mlflow venv (python -m venv or pip install -r requirements.txt failed)"; exit 3
fi
if [ ! -f "$root/packages/cli/dist/bin.js" ]; then
  echo "mlflow conformance: the CLI is not built (pnpm run build)"; exit 3
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sluice-mlflow-XXXXXX")"
port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
uri="http://127.0.0.1:$port"
pid=""
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # setsid made the server the leader of its own process group: stop it and its workers.
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 -- "-$pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap stop EXIT

# --workers 1 and the server's own process group: killing $pid stops gunicorn and its worker.
setsid "$venv/bin/mlflow" server --host 127.0.0.1 --port "$port" --workers 1 \
  --backend-store-uri "sqlite:///$work/mlflow.db" --artifacts-destination "$work/artifacts" \
  >"$work/server.log" 2>&1 &
pid=$!
echo "$pid" >"$work/server.pid"
for _ in $(seq 1 300); do
  curl -fsS "$uri/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "mlflow conformance: the server exited:"; tail -20 "$work/server.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
  sleep 0.2
done
curl -fsS "$uri/health" >/dev/null 2>&1 || { echo "mlflow conformance: the server did not answer on $uri"; tail -20 "$work/server.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

"$venv/bin/python" "$here/check.py" "$root" "$uri" "$work"
status=$?
exit $status
