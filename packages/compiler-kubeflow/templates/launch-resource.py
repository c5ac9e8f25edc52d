# Sluice scale-out launcher: creates one custom resource (SparkApplication, TrainJob, RayJob),
# waits until it is done, and hands its results to KFP (docs/targets/kubeflow.md, "Scale-out steps").
#
# argv[1]    the launch spec, JSON: {"resource", "plural", "done", "outputs", "shellQuoted", "expanded"}
# argv[2:]   pairs KEY VALUE. KFP's launcher has already replaced each VALUE's placeholder (an input
#            value, an artifact URI, an output parameter file). Every "{{sluice:KEY}}" in the
#            resource's strings becomes VALUE, in one pass, so a value is never scanned again.
import json
import os
import re
import signal
import sys
import time

from kubernetes import client, config
from kubernetes.client.rest import ApiException

POLL_SECONDS = 10
MARKER = re.compile(r"\{\{sluice:([^{}]+)\}\}")
SERVICE_ACCOUNT_NAMESPACE = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"


def fill(node, values, shell_quoted, expanded, path):
    """The resource with its markers replaced; inside a shell-quoted field a value stays quoted."""
    if isinstance(node, dict):
        return {key: fill(value, values, shell_quoted, expanded, path + "." + key if path else key) for key, value in node.items()}
    if isinstance(node, list):
        return [fill(item, values, shell_quoted, expanded, path) for item in node]
    if not isinstance(node, str):
        return node
    # The shared builder single-quotes every word that holds a marker (shellQuote), so a value
    # placed there only needs its own single quotes closed, escaped and reopened.
    quote = (lambda text: text.replace("'", "'\\''")) if path in shell_quoted else (lambda text: text)
    # Kubernetes expands these fields in the engine's pods (docs/scale-out.md): the builder doubled
    # every dollar sign of the fixed text, and a value's own are doubled the same way.
    dollars = (lambda text: text.replace("$", "$$")) if path in expanded else (lambda text: text)
    return MARKER.sub(lambda match: dollars(quote(values[match.group(1)])), node)


def lookup(obj, dotted):
    """The value at a dotted path from the resource root, or None."""
    for key in dotted.split("."):
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj


def outcome(obj, done):
    """"succeeded", "failed", or None while the resource runs (TERMINAL_STATES in Sluice)."""
    if "field" in done:
        state = lookup(obj, done["field"])
        if state in done["success"]:
            return "succeeded"
        return "failed" if state in done["failure"] else None
    for condition in lookup(obj, "status.conditions") or []:
        if condition.get("status") != "True":
            continue
        if condition.get("type") == done["condition"]["success"]:
            return "succeeded"
        if condition.get("type") == done["condition"]["failure"]:
            return "failed"
    return None


def run_owner(namespace):
    """The owner of this pod that is a run (KFP runs are Argo Workflows), so that deleting the
    run deletes the resource too; None when it cannot be read (no RBAC on pods: not fatal)."""
    pod_name = os.environ.get("HOSTNAME")
    if not pod_name:
        return None
    try:
        pod = client.CoreV1Api().read_namespaced_pod(pod_name, namespace)
    except ApiException as error:
        print(f"sluice launcher: cannot read pod {pod_name} ({error.status}); the resource gets no owner", flush=True)
        return None
    for owner in pod.metadata.owner_references or []:
        if owner.kind == "Workflow":
            return {"apiVersion": owner.api_version, "kind": owner.kind, "name": owner.name, "uid": owner.uid}
    return None


def connect():
    """The API client and the namespace: in-cluster (the pod's service account), else kubeconfig."""
    try:
        config.load_incluster_config()
        with open(SERVICE_ACCOUNT_NAMESPACE) as f:
            namespace = f.read().strip()
    except config.ConfigException:
        config.load_kube_config()
        namespace = config.list_kube_config_contexts()[1]["context"].get("namespace") or "default"
    return client.CustomObjectsApi(), namespace


def write_outputs(obj, outputs, values):
    for name, dotted in outputs.items():
        value = lookup(obj, dotted)
        if value is None:
            sys.exit(f"sluice launcher: output {name!r}: the resource has no {dotted}")
        target = values[f"outputs.{name}.file"]
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        with open(target, "w") as f:
            f.write(value if isinstance(value, str) else json.dumps(value))


def main(argv):
    spec = json.loads(argv[1])
    pairs = argv[2:]
    values = dict(zip(pairs[0::2], pairs[1::2]))
    resource = fill(spec["resource"], values, set(spec["shellQuoted"]), set(spec["expanded"]), "")
    api, namespace = connect()
    namespace = resource["metadata"].pop("namespace", None) or namespace
    group, version = resource["apiVersion"].split("/")
    where = (group, version, namespace, spec["plural"])
    # A new name per attempt: retries and loop iterations must not collide.
    resource["metadata"]["generateName"] = resource["metadata"].pop("name")[:57] + "-"
    owner = run_owner(namespace)
    if owner:
        resource["metadata"]["ownerReferences"] = [owner]
    name = api.create_namespaced_custom_object(*where, resource)["metadata"]["name"]
    print(f"sluice launcher: created {resource['kind']} {namespace}/{name}", flush=True)

    def stop(signum, frame):
        # The run was stopped or timed out: take the job down with the launcher.
        api.delete_namespaced_custom_object(*where, name)
        print(f"sluice launcher: deleted {name} (signal {signum})", flush=True)
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    last = None
    while True:
        try:
            obj = api.get_namespaced_custom_object(*where, name)
        except ApiException as error:
            if error.status == 429 or error.status >= 500:
                time.sleep(POLL_SECONDS)
                continue
            raise
        state = json.dumps(lookup(obj, "status") or {}, sort_keys=True)
        if state != last:
            print(f"sluice launcher: {name} status {state}", flush=True)
            last = state
        result = outcome(obj, spec["done"])
        if result == "failed":
            sys.exit(f"sluice launcher: {resource['kind']} {name} failed")
        if result == "succeeded":
            write_outputs(obj, spec["outputs"], values)
            return
        time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main(sys.argv)
