"""Loads every generated Kubeflow file with the real kfp SDK (see run.sh).

For each fixtures/*/expected/*.kubeflow.yaml and examples/*/expected/*.kubeflow.yaml (or the files
given on the command line):
  1. kfp.components.load_component_from_file must accept it;
  2. the first YAML document must parse strictly (unknown fields rejected) into kfp's own
     pipeline_spec_pb2.PipelineSpec, with google.protobuf.json_format.ParseDict;
  3. the second document, when present, must parse strictly into PlatformSpec, and each executor
     config in it into kfp-kubernetes' KubernetesExecutorConfig;
  4. kfp's compiler must be able to write the loaded component back out (a round trip through
     kfp's own object model);
  5. every scale-out launcher executor in it runs against a fake API server (launcher_check.py).
`--also-dir DIR` adds DIR/*.kubeflow.yaml (run.sh puts Sluice's output for the hand-written IR
twins there). Then, for each fixtures/*/kfp-twin/pipeline.py and conformance/kubeflow/twins/*/pipeline.py
(the same pipeline written for kfp, for shapes kfp has no example of), the real kfp compiles it and the result must equal the committed
kfp-twin/pipeline.yaml byte for byte: that file is what the Jest parity test compares Sluice's
output with (packages/compiler-kubeflow/src/parity.test.ts). `--write-twins` rewrites them
(`bash conformance/kubeflow/run.sh --write-twins`).
Prints one line per file and a final "kfp: N passed, N failed"; exits 1 on any failure.
"""
import glob
import os
import runpy
import sys
import tempfile
import traceback

import yaml
from google.protobuf import json_format
from kfp import compiler, components
from kfp.kubernetes import kubernetes_executor_config_pb2
from kfp.pipeline_spec import pipeline_spec_pb2

from launcher_check import check_launchers


def check(path: str) -> None:
    component = components.load_component_from_file(path)
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if not docs:
        raise ValueError("no YAML document")
    json_format.ParseDict(docs[0], pipeline_spec_pb2.PipelineSpec(), ignore_unknown_fields=False)
    # deploymentSpec is a google.protobuf.Struct in PipelineSpec: parse it into its real message too.
    json_format.ParseDict(docs[0]["deploymentSpec"], pipeline_spec_pb2.PipelineDeploymentConfig(), ignore_unknown_fields=False)
    if len(docs) > 2:
        raise ValueError(f"{len(docs)} YAML documents; kfp writes at most two")
    if len(docs) == 2:
        json_format.ParseDict(docs[1], pipeline_spec_pb2.PlatformSpec(), ignore_unknown_fields=False)
        executors = docs[1]["platforms"]["kubernetes"]["deploymentSpec"]["executors"]
        for name, config in executors.items():
            if name not in docs[0]["deploymentSpec"]["executors"]:
                raise ValueError(f"platform spec configures unknown executor {name}")
            json_format.ParseDict(config, kubernetes_executor_config_pb2.KubernetesExecutorConfig(), ignore_unknown_fields=False)
    with tempfile.TemporaryDirectory() as tmp:
        compiler.Compiler().compile(component, os.path.join(tmp, "round-trip.yaml"))
    return check_launchers(path, docs[0])


def compile_twin(script: str, out: str) -> None:
    """Runs a twin's pipeline.py as kfp users do (`python pipeline.py OUT`), in this process."""
    saved = sys.argv
    sys.argv = [script, out]
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.argv = saved


def check_twin(script: str, write: bool) -> None:
    committed = os.path.join(os.path.dirname(script), "pipeline.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = os.path.join(tmp, "pipeline.yaml")
        compile_twin(script, fresh)
        with open(fresh, encoding="utf-8") as f:
            text = f.read()
    if write:
        with open(committed, "w", encoding="utf-8") as f:
            f.write(text)
        return
    if not os.path.exists(committed):
        raise ValueError("no committed pipeline.yaml (bash conformance/kubeflow/run.sh --write-twins)")
    with open(committed, encoding="utf-8") as f:
        if f.read() != text:
            raise ValueError("pipeline.yaml is not what this kfp compiles pipeline.py to (bash conformance/kubeflow/run.sh --write-twins)")


def main() -> int:
    root = sys.argv[1]
    args = sys.argv[2:]
    write_twins = "--write-twins" in args
    also = []
    if "--also-dir" in args:
        at = args.index("--also-dir")
        also = sorted(glob.glob(os.path.join(args[at + 1], "*.kubeflow.yaml")))
        args = args[:at] + args[at + 2:]
    args = [a for a in args if a != "--write-twins"]
    twins = [] if args else sorted(
        glob.glob(os.path.join(root, "fixtures", "*", "kfp-twin", "pipeline.py"))
        + glob.glob(os.path.join(root, "conformance", "kubeflow", "twins", "*", "pipeline.py"))
    )
    files = [] if write_twins else also + (args or sorted(
        glob.glob(os.path.join(root, "fixtures", "*", "expected", "*.kubeflow.yaml"))
        + glob.glob(os.path.join(root, "examples", "*", "expected", "*.kubeflow.yaml"))
    ))
    passed = failed = 0
    for path in files:
        shown = os.path.relpath(path, root) if path.startswith(root) else f"IR twin {os.path.basename(path)}"
        try:
            launchers = check(path)
            passed += 1
            print(f"ok   {shown}" + (f" ({launchers} scale-out launchers run against a fake API)" if launchers else ""))
        except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL {shown}: {type(e).__name__}: {e}")
            if os.environ.get("VERBOSE"):
                traceback.print_exc()
    for script in twins:
        shown = os.path.relpath(script, root)
        try:
            check_twin(script, write_twins)
            passed += 1
            print(f"{'wrote' if write_twins else 'ok  '} {shown} (kfp twin)")
        except Exception as e:  # noqa: BLE001 - every failure is reported, then counted
            failed += 1
            print(f"FAIL {shown} (kfp twin): {type(e).__name__}: {e}")
            if os.environ.get("VERBOSE"):
                traceback.print_exc()
    print(f"kfp: {passed} passed, {failed} failed")
    # The summary line scripts/test-all.sh counts.
    print(f"{passed} passed, {failed} failed, 0 skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
