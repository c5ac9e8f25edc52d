"""What an Airflow DAG compiled from a Sluice IR must hold, derived from the IR alone.

This is an independent reading of the mapping in docs/targets/airflow.md, so that a mistake in
the TypeScript back end shows up as a difference here rather than being checked against itself.
"""

import atexit
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
_ids = None


def _id_server():
    """The back end's own task-id function (airflow-ids.mjs), started once."""
    global _ids
    if _ids is None:
        _ids = subprocess.Popen(["node", os.path.join(HERE, "airflow-ids.mjs")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        atexit.register(_ids.terminate)
    return _ids


class Expected:
    def __init__(self):
        self.task_ids = set()
        # task id -> task ids that must be among its upstream tasks
        self.upstream = {}
        # task id -> trigger rule it must have
        self.trigger_rules = {}
        # task id -> branch ids enclosing it (outermost first)
        self.branch_path = {}

    def add(self, task_id, branch_path, upstream=(), rule=None):
        self.task_ids.add(task_id)
        self.branch_path[task_id] = list(branch_path)
        self.upstream.setdefault(task_id, set()).update(upstream)
        if rule:
            self.trigger_rules[task_id] = rule


def full(prefix, node_id):
    """The Airflow task id of IR node `node_id` inside the group whose full id is `prefix`.

    Ids are sanitized as the back end does it (names.ts, `taskIdIn`): a step name such as
    "Train Model!" is a different task id in the DAG, and the dependencies it appears in must be
    compared under that id, not the raw one.
    """
    server = _id_server()
    server.stdin.write(json.dumps([prefix, node_id]) + "\n")
    server.stdin.flush()
    return json.loads(server.stdout.readline())


def bindings(b):
    """The binding and every binding nested in a template."""
    yield b
    for part in b.get("template", []):
        if isinstance(part, dict):
            yield from bindings(part)


def when_bindings(expr):
    """Every binding a branch condition reads."""
    if expr is None:
        return
    if "compare" in expr:
        for side in ("left", "right"):
            yield from bindings(expr["compare"][side])
    for key in ("and", "or"):
        for e in expr.get(key, []):
            yield from when_bindings(e)
    if "not" in expr:
        yield from when_bindings(expr["not"])


class Body:
    """Names in one pipeline body: its prefix and which task id produces each output."""

    def __init__(self, ir, prefix, params_from_caller=None):
        self.ir = ir
        self.prefix = prefix
        self.producers = {}  # node id -> full task id (tasks) or {output: full id} (sub-pipelines)
        self.loop_tasks = {}  # loop id -> {task id -> mapped full id}
        self.params_from_caller = params_from_caller or {}

    def producer_of(self, binding):
        if "taskOutput" in binding:
            ref = binding["taskOutput"]
            p = self.producers.get(ref["task"])
            return p.get(ref["output"]) if isinstance(p, dict) else p
        if "collected" in binding:
            c = binding["collected"]
            return self.loop_tasks.get(c["loop"], {}).get(c["task"])
        if "param" in binding:
            return self.params_from_caller.get(binding["param"])
        return None


def build_expected(ir):
    exp = Expected()
    sub_pipelines = {s["name"]: s for s in ir["spec"]["subPipelines"]}
    walk(ir, exp, ir["spec"]["root"], Body(ir, ""), [], sub_pipelines)
    return exp


def walk(ir, exp, nodes, body, branch_path, subs, loop_expand=None):
    """Adds every node of a body; returns the task ids of the body (for exit handlers)."""
    ids = []
    for node in nodes:
        ids += walk_node(ir, exp, node, body, branch_path, subs, loop_expand)
    return ids


def data_upstream(node, body):
    ups = set()
    for b in node.get("inputs", {}).values():
        for x in bindings(b):
            p = body.producer_of(x)
            if p:
                ups.add(p)
    return ups


def walk_node(ir, exp, node, body, branch_path, subs, loop_expand):
    t = node["type"]
    if t == "task":
        tid = full(body.prefix, node["id"])
        ups = data_upstream(node, body)
        for a in node.get("after", []):
            p = body.producers.get(a)
            if isinstance(p, str):
                ups.add(p)
        if loop_expand:
            # A mapped task's inputs are read by its expand task, which it follows.
            exp.upstream[loop_expand].update(ups)
            ups = {loop_expand}
        exp.add(tid, branch_path, ups)
        body.producers[node["id"]] = tid
        return [tid]
    if t == "loop":
        steps = [n for n in node["nodes"] if n["type"] == "task"]
        ids = []
        body.loop_tasks[node["id"]] = {}
        for step in steps:
            expand_id = full(body.prefix, node["id"] if len(steps) == 1 else f"{node['id']}-{step['id']}")
            items_producer = body.producer_of(node["items"])
            exp.add(expand_id, branch_path, {items_producer} if items_producer else set())
            ids.append(expand_id)
            ids += walk_node(ir, exp, step, body, branch_path, subs, expand_id)
            body.loop_tasks[node["id"]][step["id"]] = full(body.prefix, step["id"])
        return ids
    if t == "condition":
        cid = full(body.prefix, node["id"])
        operands = set()
        for branch in node["branches"]:
            for b in when_bindings(branch.get("when")):
                p = body.producer_of(b)
                if p:
                    operands.add(p)
        exp.add(cid, branch_path, operands)
        ids = [cid]
        for branch in node["branches"]:
            inner = branch_path + [branch["id"]]
            branch_ids = walk(ir, exp, branch["nodes"], body, inner, subs)
            # A branch's first tasks (no data or after edge inside the branch) follow the branch task.
            for bid in branch_ids:
                if not exp.upstream.get(bid, set()) & set(branch_ids):
                    exp.upstream[bid].add(cid)
            ids += branch_ids
        return ids
    if t == "exitHandler":
        body_ids = walk(ir, exp, node["nodes"], body, branch_path, subs)
        exit_ids = walk(ir, exp, node["exit"], body, branch_path, subs)
        for eid in exit_ids:
            if not exp.upstream.get(eid, set()) & set(exit_ids):
                exp.upstream[eid].update(body_ids)
                exp.trigger_rules[eid] = "all_done"
        watcher = full(body.prefix, f"{node['id']}-failed")
        exp.add(watcher, branch_path, body_ids, "one_failed")
        return body_ids + exit_ids + [watcher]
    if t == "subPipeline":
        sub = subs[node["pipeline"]]
        prefix = full(body.prefix, node["id"])
        from_caller = {}
        for name, b in node.get("inputs", {}).items():
            p = body.producer_of(b)
            if p:
                from_caller[name] = p
        inner = Body(ir, prefix, from_caller)
        ids = walk(ir, exp, sub["root"], inner, branch_path, subs)
        # `after` on the call holds back the group's first tasks.
        afters = {body.producers.get(a) for a in node.get("after", [])}
        for tid in ids:
            if not exp.upstream.get(tid, set()) & set(ids):
                exp.upstream[tid].update(a for a in afters if isinstance(a, str))
        outputs = {}
        for o in sub["outputs"]:
            p = inner.producer_of(o["from"])
            if p:
                outputs[o["name"]] = p
        body.producers[node["id"]] = outputs
        return ids
    raise ValueError(f"unknown node type {t}")
