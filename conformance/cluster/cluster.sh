#!/usr/bin/env bash
# The submit tests' Kubernetes cluster, on loopback only:
#   cluster.sh start DIR   build (or reuse) the binary, start everything, wait until ready
#   cluster.sh stop DIR    stop what `start` started, by the PIDs it recorded in DIR/pids
# DIR receives certificates, kubeconfigs, logs (DIR/logs/*.log) and etcd's data. Identities:
#   admin.kubeconfig    client certificate in system:masters (setup, the controllers)
#   alice.kubeconfig    token user "alice": may run workflows in namespace sluice-test only
#   bob.kubeconfig      token user "bob": authenticated, no permissions (403)
#   nobody.kubeconfig   a token the server does not know (401)
# Exit 0 ready, 3 the binary cannot be built, 1 a component did not come up (its log is shown).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cmd="${1:-}"; dir="${2:-}"
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 2; }
mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"

stop() {
  [ -f "$dir/pids" ] || return 0
  # Reverse order: controllers before the API server.
  tac "$dir/pids" | while read -r pid name; do kill "$pid" 2>/dev/null && echo "stopped $name ($pid)" >&2 || true; done
  for _ in $(seq 1 50); do
    alive=0; while read -r pid _; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$dir/pids"
    [ $alive -eq 0 ] && break; sleep 0.2
  done
  while read -r pid _; do kill -9 "$pid" 2>/dev/null || true; done <"$dir/pids"
  rm -f "$dir/pids"
}
if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: cluster.sh start|stop DIR" >&2; exit 2; }

bin="$("$here/build.sh" | tail -n 1)" || exit 3
[ -x "$bin" ] || exit 3
trap 'echo "cluster start failed: stopping what was started" >&2; stop' ERR

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
api_port=$(free_port); etcd_port=$(free_port); peer_port=$(free_port); sched_port=$(free_port); cm_port=$(free_port); kwok_port=$(free_port); argo_port=$(free_port)
server="https://127.0.0.1:$api_port"
echo "$server" >"$dir/server"
certs="$dir/certs"; mkdir -p "$certs" "$dir/logs"

# --- certificates: one CA signs the server's and every client's certificate ---
cert() { # name CN O [server]
  local name=$1 cn=$2 o=$3 ext="$certs/$1.ext"
  openssl genrsa -out "$certs/$name.key" 2048 2>/dev/null
  openssl req -new -key "$certs/$name.key" -subj "/O=$o/CN=$cn" -out "$certs/$name.csr" 2>/dev/null
  if [ "${4:-}" = server ]; then printf 'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' >"$ext"
  else printf 'extendedKeyUsage=clientAuth\n' >"$ext"; fi
  openssl x509 -req -in "$certs/$name.csr" -CA "$certs/ca.crt" -CAkey "$certs/ca.key" -CAcreateserial -days 2 -extfile "$ext" -out "$certs/$name.crt" 2>/dev/null
}
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$certs/ca.key" -out "$certs/ca.crt" -days 2 -subj "/CN=sluice-test-ca" 2>/dev/null
cert apiserver kube-apiserver sluice server
cert admin admin system:masters
cert kubelet-client kube-apiserver-kubelet-client system:masters
cert kwok-serving kwok sluice server
openssl genrsa -out "$certs/sa.key" 2048 2>/dev/null
openssl rsa -in "$certs/sa.key" -pubout -out "$certs/sa.pub" 2>/dev/null
alice_token="alice-$(openssl rand -hex 16)"; bob_token="bob-$(openssl rand -hex 16)"
printf '%s,alice,1001,"sluice-users"\n%s,bob,1002,"sluice-users"\n' "$alice_token" "$bob_token" >"$dir/tokens.csv"

kubeconfig() { # file user-yaml
  cat >"$dir/$1" <<YAML
apiVersion: v1
kind: Config
clusters: [{ name: sluice-test, cluster: { server: "$server", certificate-authority: "$certs/ca.crt" } }]
users: [{ name: ${1%.kubeconfig}, user: { $2 } }]
contexts: [{ name: sluice-test, context: { cluster: sluice-test, user: ${1%.kubeconfig}, namespace: sluice-test } }]
current-context: sluice-test
YAML
}
kubeconfig admin.kubeconfig "client-certificate: \"$certs/admin.crt\", client-key: \"$certs/admin.key\""
kubeconfig alice.kubeconfig "token: \"$alice_token\""
kubeconfig bob.kubeconfig "token: \"$bob_token\""
kubeconfig nobody.kubeconfig "token: \"unknown-$(openssl rand -hex 8)\""

launch() { # name args...
  local name=$1; shift
  nice "$bin" "$@" >"$dir/logs/$name.log" 2>&1 &
  echo "$! $name" >>"$dir/pids"
}
wait_for() { # what seconds command...
  local what=$1 secs=$2; shift 2
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if [ $((SECONDS - start)) -ge "$secs" ]; then echo "$what was not ready after ${secs}s" >&2; return 1; fi
    sleep 1
    [ $(( (SECONDS - start) % 10 )) -eq 0 ] && echo "  waiting for $what ($((SECONDS - start))s)" >&2
  done
  echo "  $what ready after $((SECONDS - start))s" >&2
}
admin_curl() { curl -sf --cacert "$certs/ca.crt" --cert "$certs/admin.crt" --key "$certs/admin.key" "$@"; }
apply() { # path body-file: server-side apply as field manager sluice-test
  admin_curl -X PATCH -H "Content-Type: application/apply-patch+yaml" --data-binary "@$2" "$server$1?fieldManager=sluice-test&force=true" >/dev/null
}
check_alive() { while read -r pid name; do kill -0 "$pid" 2>/dev/null || { echo "$name exited; its log:" >&2; tail -n 30 "$dir/logs/$name.log" >&2; return 1; }; done <"$dir/pids"; }

: >"$dir/pids"
echo "starting kube-apiserver with embedded etcd on $server" >&2
launch apiserver apiserver --etcd-data-dir="$dir/etcd" --etcd-client-port="$etcd_port" --etcd-peer-port="$peer_port" -- \
  --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --endpoint-reconciler-type=none --secure-port="$api_port" \
  --tls-cert-file="$certs/apiserver.crt" --tls-private-key-file="$certs/apiserver.key" --client-ca-file="$certs/ca.crt" \
  --token-auth-file="$dir/tokens.csv" --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc --service-account-key-file="$certs/sa.pub" --service-account-signing-key-file="$certs/sa.key" \
  --service-cluster-ip-range=10.0.0.0/24 --kubelet-client-certificate="$certs/kubelet-client.crt" --kubelet-client-key="$certs/kubelet-client.key" \
  --kubelet-certificate-authority="$certs/ca.crt" --kubelet-preferred-address-types=InternalIP --profiling=false
wait_for "kube-apiserver" 180 bash -c "$(declare -f admin_curl); certs='$certs'; admin_curl '$server/readyz'" || { check_alive || true; tail -n 30 "$dir/logs/apiserver.log" >&2; exit 1; }

echo "creating the Argo and scale-out CRDs (server-side apply), namespaces, RBAC and the fake node" >&2
crds="$(dirname "$bin")/crds"
# Sent as JSON: Argo's full CRDs are close to the API server's 3 MB request limit as YAML.
specs="${SLUICE_ARGO_CRDS:-$root/../shared/specs/argo/crds}"
[ -d "$specs" ] || specs=/work/shared/specs/argo/crds
# The scale-out engines' CRDs (Spark Operator, Kubeflow Trainer, KubeRay; ../shared/specs/scale-out),
# so that the custom resources Sluice generates are checked by the server's own schema validation.
scale_out="${SLUICE_SCALE_OUT_CRDS:-$root/../shared/specs/scale-out}"
[ -d "$scale_out" ] || scale_out=/work/shared/specs/scale-out
for f in "$specs"/*.yaml "$crds"/*.yaml "$scale_out"/spark-operator/sparkoperator.k8s.io_sparkapplications.yaml "$scale_out"/trainer/trainer.kubeflow.org_trainjobs.yaml "$scale_out"/kuberay/ray.io_rayjobs.yaml; do
  [ -f "$f" ] || continue
  name="$(awk '/^metadata:/{m=1;next} m&&/^  name:/{print $2; exit}' "$f")"
  node -e 'const y=require(process.argv[1]); process.stdout.write(JSON.stringify(y.parse(require("fs").readFileSync(process.argv[2],"utf8"))))' "$root/packages/submit/node_modules/yaml" "$f" >"$dir/crd.json"
  apply "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/$name" "$dir/crd.json"
done
crds_served() {
  admin_curl "$server/apis/argoproj.io/v1alpha1" | grep -q '"workflowtaskresults"' && admin_curl "$server/apis/argoproj.io/v1alpha1" | grep -q '"cronworkflows"' &&
    admin_curl "$server/apis/sparkoperator.k8s.io/v1beta2" | grep -q '"sparkapplications"' && admin_curl "$server/apis/trainer.kubeflow.org/v1alpha1" | grep -q '"trainjobs"' && admin_curl "$server/apis/ray.io/v1" | grep -q '"rayjobs"'
}
wait_for "the Argo and scale-out CRDs to be served" 60 bash -c "$(declare -f admin_curl crds_served); certs='$certs'; server='$server'; crds_served"
for ns in argo sluice-test sluice-fixtures; do
  printf 'apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n' "$ns" >"$dir/ns.yaml"; apply "/api/v1/namespaces/$ns" "$dir/ns.yaml"
done
cat >"$dir/rbac-role.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: sluice-runner, namespace: sluice-test }
rules:
  - { apiGroups: [argoproj.io], resources: [workflows, workflowtemplates, cronworkflows], verbs: [create, get, list, watch, patch, update, delete] }
  - { apiGroups: [""], resources: [configmaps], verbs: [create, get, patch, update] }
  - { apiGroups: [""], resources: [pods, pods/log], verbs: [get, list, watch] }
YAML
cat >"$dir/rbac-binding.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: sluice-runner-alice, namespace: sluice-test }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: sluice-runner }
subjects: [{ kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }]
YAML
# The pods' service account may write task results (the executor's permission in a real install).
cat >"$dir/rbac-executor.yaml" <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: executor-default, namespace: sluice-test }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }
subjects: [{ kind: ServiceAccount, name: default, namespace: sluice-test }]
YAML
apply /apis/rbac.authorization.k8s.io/v1/namespaces/sluice-test/roles/sluice-runner "$dir/rbac-role.yaml"
apply /apis/rbac.authorization.k8s.io/v1/namespaces/sluice-test/rolebindings/sluice-runner-alice "$dir/rbac-binding.yaml"
apply /apis/rbac.authorization.k8s.io/v1/namespaces/sluice-test/rolebindings/executor-default "$dir/rbac-executor.yaml"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: workflow-controller-configmap, namespace: argo}\ndata: {}\n' >"$dir/argo-cm.yaml"
apply /api/v1/namespaces/argo/configmaps/workflow-controller-configmap "$dir/argo-cm.yaml"
cat >"$dir/node.yaml" <<'YAML'
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-0
  annotations: { kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0" }
  labels: { kubernetes.io/hostname: kwok-node-0, kubernetes.io/os: linux, kubernetes.io/arch: amd64, type: kwok }
spec: {}
YAML
apply /api/v1/nodes/kwok-node-0 "$dir/node.yaml"

echo "starting kube-controller-manager, kube-scheduler, kwok, Argo's workflow-controller and the test-only task-result writer" >&2
launch controller-manager controller-manager --kubeconfig="$dir/admin.kubeconfig" --authentication-kubeconfig="$dir/admin.kubeconfig" --authorization-kubeconfig="$dir/admin.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$cm_port" --leader-elect=false --service-account-private-key-file="$certs/sa.key" --root-ca-file="$certs/ca.crt" \
  --use-service-account-credentials=false --profiling=false
launch scheduler scheduler --kubeconfig="$dir/admin.kubeconfig" --authentication-kubeconfig="$dir/admin.kubeconfig" --authorization-kubeconfig="$dir/admin.kubeconfig" \
  --bind-address=127.0.0.1 --secure-port="$sched_port" --leader-elect=false --profiling=false
# Every `main` container "logs" the same two lines (kwok serves them as the kubelet would, from
# a file in the CRI log format).
printf '2026-01-01T00:00:00.000000000Z stdout F sluice test log line 1\n2026-01-01T00:00:01.000000000Z stdout F sluice test log line 2\n' >"$dir/main.log"
{ cat "$here/kwok-stages.yaml"; printf -- '---\napiVersion: kwok.x-k8s.io/v1alpha1\nkind: ClusterLogs\nmetadata: {name: main-logs}\nspec:\n  selector: {}\n  logs: [{containers: [main], logsFile: "%s", follow: false}]\n' "$dir/main.log"; } >"$dir/kwok.yaml"
launch kwok kwok --kubeconfig="$dir/admin.kubeconfig" --config="$dir/kwok.yaml" --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake --node-ip=127.0.0.1 --node-port="$kwok_port" --server-address="127.0.0.1:$kwok_port" \
  --tls-cert-file="$certs/kwok-serving.crt" --tls-private-key-file="$certs/kwok-serving.key" --cidr=10.0.1.0/24 --node-lease-duration-seconds=40
launch workflow-controller workflow-controller --kubeconfig="$dir/admin.kubeconfig" --namespace=argo --managed-namespace=sluice-test --health-addr="127.0.0.1:$argo_port"
launch test-taskresults test-taskresults --kubeconfig="$dir/admin.kubeconfig"

node_ready() { admin_curl "$server/api/v1/nodes/kwok-node-0" | grep -q '"type":"Ready","status":"True"' || admin_curl "$server/api/v1/nodes/kwok-node-0" | python3 -c 'import json,sys; n=json.load(sys.stdin); sys.exit(0 if any(c["type"]=="Ready" and c["status"]=="True" for c in n.get("status",{}).get("conditions",[])) else 1)'; }
sa_ready() { admin_curl "$server/api/v1/namespaces/sluice-test/serviceaccounts/default"; }
wait_for "the kwok node" 120 bash -c "$(declare -f admin_curl node_ready); certs='$certs'; server='$server'; node_ready" || { check_alive || true; exit 1; }
wait_for "the default service account (controller-manager)" 120 bash -c "$(declare -f admin_curl sa_ready); certs='$certs'; server='$server'; sa_ready" || { check_alive || true; exit 1; }
wait_for "Argo's workflow-controller" 120 curl -sf "http://127.0.0.1:$argo_port/healthz" || { check_alive || true; tail -n 30 "$dir/logs/workflow-controller.log" >&2; exit 1; }
check_alive
trap - ERR
echo "cluster ready: KUBECONFIG=$dir/admin.kubeconfig (alice/bob/nobody.kubeconfig beside it)" >&2
