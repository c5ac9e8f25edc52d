"""Runs Sluice's scale-out launcher (the program in a compiled executor) against a fake API server.

For every executor of a golden whose command is the launcher (packages/compiler-kubeflow/
templates/launch-resource.py), the program must compile() as Python, and then, run with this
venv's python and kubernetes client (the pin the launcher installs) against a fake Kubernetes API
on 127.0.0.1 (kubeconfig, plain HTTP):
  - with the resource's status at its success state: exit 0, the created object is owned by the
    Workflow that owns the launcher's pod, holds the sample
    values where the markers were (a Ray entrypoint still splits into the intended words) and no
    marker or KFP placeholder is left; every statusOutputs file holds the status value;
  - with the failure state: a non-zero exit.
KFP's part (replacing the placeholders in args) is done here the way launcher_v2 does: plain
string replacement.
"""
import copy
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAUNCHER_MARK = "Sluice scale-out launcher"
PLACEHOLDER = re.compile(r"\{\{\$\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\](?:\.(uri|output_file))?\}\}")
# A value with a quote and a space, so quoting mistakes show.
SAMPLE_VALUE = "it's v"
STATUS = {
    "SparkApplication": ({"applicationState": {"state": "COMPLETED"}}, {"applicationState": {"state": "FAILED"}}),
    "RayJob": ({"jobStatus": "SUCCEEDED"}, {"jobStatus": "FAILED"}),
    "TrainJob": ({"conditions": [{"type": "Complete", "status": "True"}]}, {"conditions": [{"type": "Failed", "status": "True"}]}),
}


class FakeApi(BaseHTTPRequestHandler):
    """POST creates (generateName + "x1y2z"), GET returns the object with the canned status."""

    created = {}
    status = {}

    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        body["metadata"]["name"] = body["metadata"]["generateName"] + "x1y2z"
        FakeApi.created[self.path + "/" + body["metadata"]["name"]] = body
        self.reply(201, body)

    def do_GET(self):
        if self.path == "/api/v1/namespaces/ml/pods/launcher-pod":
            owner = {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "run-1", "uid": "u-1"}
            return self.reply(200, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "launcher-pod", "namespace": "ml", "ownerReferences": [owner]}})
        obj = FakeApi.created.get(self.path)
        if obj is None:
            return self.reply(404, {"kind": "Status", "code": 404})
        self.reply(200, {**obj, "status": FakeApi.status})


def launcher_executors(doc):
    for name, executor in doc["deploymentSpec"]["executors"].items():
        command = executor.get("container", {}).get("command", [])
        if len(command) == 4 and LAUNCHER_MARK in command[3]:
            yield name, executor["container"]


def sample_args(args, outdir):
    """KFP's replacement, with sample values: text for parameters, s3:// URIs, files in outdir."""
    def value(m):
        io, kind, name, suffix = m.groups()
        if kind == "artifacts":
            return f"s3://bucket/{io}/it's-{name}"
        return os.path.join(outdir, name) if suffix == "output_file" else SAMPLE_VALUE
    return [PLACEHOLDER.sub(value, a) for a in args]


def run_once(python, container, status, workdir):
    FakeApi.created, FakeApi.status = {}, status
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        kubeconfig = os.path.join(workdir, "kubeconfig")
        with open(kubeconfig, "w") as f:
            json.dump({"apiVersion": "v1", "kind": "Config", "current-context": "fake",
                       "clusters": [{"name": "fake", "cluster": {"server": f"http://127.0.0.1:{server.server_port}"}}],
                       "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "fake", "namespace": "ml"}}],
                       "users": [{"name": "fake", "user": {"token": "t"}}]}, f)
        args = sample_args(container["args"], workdir)
        env = {"PATH": os.environ.get("PATH", ""), "KUBECONFIG": kubeconfig, "HOME": workdir, "HOSTNAME": "launcher-pod"}
        done = subprocess.run([python, "-c", container["command"][3], *args], env=env, capture_output=True, text=True, timeout=60)
        return done, list(FakeApi.created.values())
    finally:
        server.shutdown()
        server.server_close()


def check_launchers(path, doc, python=sys.executable):
    """Checks every launcher executor of one compiled file; returns how many it checked."""
    checked = 0
    for name, container in launcher_executors(doc):
        compile(container["command"][3], f"{name} launcher", "exec")
        spec = json.loads(container["args"][0])
        kind = spec["resource"]["kind"]
        success, failure = STATUS[kind]
        status = copy.deepcopy(success)
        for output, dotted in spec["outputs"].items():
            # Put a value at each status path the outputs read (beside the terminal state).
            node = {"status": status}
            keys = dotted.split(".")
            for k in keys[:-1]:
                node = node.setdefault(k, {})
            node.setdefault(keys[-1], f"value-of-{output}")
        with tempfile.TemporaryDirectory() as workdir:
            done, created = run_once(python, container, status, workdir)
            if done.returncode != 0:
                raise ValueError(f"{name}: launcher failed on success status: {done.stdout}{done.stderr}")
            if len(created) != 1:
                raise ValueError(f"{name}: {len(created)} resources created, wanted 1")
            if created[0]["metadata"].get("ownerReferences") != [{"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "run-1", "uid": "u-1"}]:
                raise ValueError(f"{name}: the resource is not owned by the run's Workflow: {created[0]['metadata']}")
            text = json.dumps(created[0])
            if "{{sluice:" in text or "{{$." in text:
                raise ValueError(f"{name}: a marker or placeholder was left in the created resource")
            if kind == "RayJob":
                # Split as the shell KubeRay hands it to: each value is one whole word, quote included.
                words = shlex.split(created[0]["spec"]["entrypoint"])
                wanted = [w for w in sample_args(container["args"][1:], workdir)[1::2] if w.startswith("s3://") or w == SAMPLE_VALUE]
                if not wanted or any(not any(w == v or w.endswith("=" + v) for w in words) for v in wanted):
                    raise ValueError(f"{name}: entrypoint {created[0]['spec']['entrypoint']!r} does not split into the values {wanted}")
            for output, dotted in spec["outputs"].items():
                with open(os.path.join(workdir, output)) as f:
                    got = f.read()
                node = {"status": status}
                for k in dotted.split("."):
                    node = node[k]
                if got != node:
                    raise ValueError(f"{name}: output {output} is {got!r}, the status holds {node!r}")
        with tempfile.TemporaryDirectory() as workdir:
            done, _ = run_once(python, container, failure, workdir)
            if done.returncode == 0:
                raise ValueError(f"{name}: launcher exited 0 on failure status")
        checked += 1
    return checked
