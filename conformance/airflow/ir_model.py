"""What an Airflow DAG compiled from a Sluice IR must hold, derived from the IR alone.

This is an independent reading of the mapping in docs/targets/airflow.md, so that a mistake in
the TypeScript back end shows up as a difference here rather than being checked against itself.
"""

import hashlib
import re
import unicodedata

MAX_ID = 250


class Expected:
    def __init__(self):
        self.task_ids = set()
        # task id -> task ids that must be among its upstream tasks
        self.upstream = {}
        # task id -> trigger rule it must have
        self.trigger_rules = {}
        # task id -> branch ids enclosing it (outermost first)
        self.branch_path = {}
        # task id -> display name it must show (the call's displayName, or the original id it replaced)
        self.display_names = {}

    def add(self, task_id, branch_path, upstream=(), rule=None):
        self.task_ids.add(task_id)
        self.branch_path[task_id] = list(branch_path)
        self.upstream.setdefault(task_id, set()).update(upstream)
        if rule:
            self.trigger_rules[task_id] = rule


def airflow_id(original, max_len=MAX_ID):
    """The documented name function (docs/targets/airflow.md, "Naming"), read from the docs."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", original) if not unicodedata.category(c).startswith("M"))
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", folded)
    if cleaned == original and 0 < len(cleaned) <= max_len:
        return cleaned
    digest = hashlib.sha256(original.encode("utf-8")).hexdigest()[:6]
    return f"{cleaned[: max(1, max_len - 7)] or 'x'}_{digest}"


def room(prefix):
    return MAX_ID - (len(prefix) + 1 if prefix else 0)


def full(prefix, node_id, group=False):
    """The full task id of a node: a group id takes at most half the room its prefix leaves."""
    budget = (room(prefix) - 1) // 2 if group else room(prefix)
    local = airflow_id(node_id, max(8, budget))
    return f"{prefix}.{local}" if prefix else local


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
    """Names in one pipeline body: its prefix and which task ids produce each output."""

    def __init__(self, ir, prefix, params_from_caller=None):
        self.ir = ir
        self.prefix = prefix
        self.producers = {}  # node id -> full task id (tasks) or {output: full id} (sub-pipelines)
        self.loop_tasks = {}  # loop id -> [producers of each iteration] (one shared dict when mapped)
        self.params_from_caller = params_from_caller or {}
        self.mapped = False  # inside a mapped task group (a loop over a run-time or literal list)

    def child(self, prefix, copy=False):
        """The body of a loop: the same names (a copy for an unrolled iteration), a longer prefix."""
        c = Body(self.ir, prefix, self.params_from_caller)
        c.producers = dict(self.producers) if copy else self.producers
        c.loop_tasks = dict(self.loop_tasks) if copy else self.loop_tasks
        c.mapped = self.mapped
        return c

    def producer_of(self, binding):
        """The task ids a binding reads from."""
        if "taskOutput" in binding:
            ref = binding["taskOutput"]
            return lookup(self.producers, ref["task"], ref["output"])
        if "collected" in binding:
            c = binding["collected"]
            out = set()
            for producers in self.loop_tasks.get(c["loop"], []):
                out |= lookup(producers, c["task"], c["output"])
            return out
        if "param" in binding:
            p = self.params_from_caller.get(binding["param"])
            return set(p) if p else set()
        return set()


def lookup(producers, task, output):
    p = producers.get(task)
    p = p.get(output) if isinstance(p, dict) else p
    return set(p) if isinstance(p, (set, list)) else ({p} if p else set())


def build_expected(ir):
    exp = Expected()
    sub_pipelines = {s["name"]: s for s in ir["spec"]["subPipelines"]}
    walk(ir, exp, ir["spec"]["root"], Body(ir, ""), [], sub_pipelines)
    return exp


def walk(ir, exp, nodes, body, branch_path, subs):
    """Adds every node of a body; returns the task ids of the body (for exit handlers)."""
    ids = []
    for node in nodes:
        ids += walk_node(ir, exp, node, body, branch_path, subs)
    return ids


def data_upstream(node, body):
    ups = set()
    for b in node.get("inputs", {}).values():
        for x in bindings(b):
            ups |= body.producer_of(x)
    return ups


def holds_runtime_loop(nodes, subs):
    """True when a body holds, at any depth, a loop over a list that is not a literal."""
    for n in nodes:
        if n["type"] == "loop" and ("literal" not in n["items"] or holds_runtime_loop(n["nodes"], subs)):
            return True
        if n["type"] == "condition" and any(holds_runtime_loop(b["nodes"], subs) for b in n["branches"]):
            return True
        if n["type"] == "exitHandler" and holds_runtime_loop(n["nodes"] + n["exit"], subs):
            return True
        if n["type"] == "subPipeline" and holds_runtime_loop(subs[n["pipeline"]]["root"], subs):
            return True
    return False


def walk_loop(ir, exp, node, body, branch_path, subs):
    """A mapped task group after an items task; unrolled (a TaskGroup per item) when nesting needs it."""
    literal = node["items"].get("literal")
    if literal is not None and (body.mapped or holds_runtime_loop(node["nodes"], subs)):
        ids = []
        body.loop_tasks[node["id"]] = []
        for i, value in enumerate(literal):
            inner = body.child(full(body.prefix, f"{node['id']}-{i}"), copy=True)
            ids += walk(ir, exp, node["nodes"], inner, branch_path, subs)
            body.loop_tasks[node["id"]].append(inner.producers)
        return ids
    items_id = full(body.prefix, f"{node['id']}-items")
    exp.add(items_id, branch_path, body.producer_of(node["items"]))
    inner = body.child(full(body.prefix, node["id"]))
    inner.mapped = True
    body.loop_tasks[node["id"]] = [body.producers]
    return [items_id] + walk(ir, exp, node["nodes"], inner, branch_path, subs)


def walk_node(ir, exp, node, body, branch_path, subs):
    t = node["type"]
    if t == "task":
        tid = full(body.prefix, node["id"])
        ups = data_upstream(node, body)
        for a in node.get("after", []):
            p = body.producers.get(a)
            if isinstance(p, str):
                ups.add(p)
        exp.add(tid, branch_path, ups)
        display = (node.get("options") or {}).get("displayName")
        if display or tid.rsplit(".", 1)[-1] != node["id"]:
            exp.display_names[tid] = display or node["id"]
        body.producers[node["id"]] = tid
        return [tid]
    if t == "loop":
        return walk_loop(ir, exp, node, body, branch_path, subs)
    if t == "condition":
        operands = set()
        for branch in node["branches"]:
            for b in when_bindings(branch.get("when")):
                operands |= body.producer_of(b)
        # In a mapped task group each branch has a gate task (the branch's id) that skips itself
        # when its branch is not taken; elsewhere one branch task (the condition's id) chooses.
        cid = full(body.prefix, node["id"])
        if not body.mapped:
            exp.add(cid, branch_path, operands)
        ids = [] if body.mapped else [cid]
        for branch in node["branches"]:
            inner = branch_path + [branch["id"]]
            gate = full(body.prefix, branch["id"]) if body.mapped else cid
            if body.mapped:
                exp.add(gate, inner, operands)
                ids.append(gate)
            branch_ids = walk(ir, exp, branch["nodes"], body, inner, subs)
            # A branch's first tasks (no data or after edge inside the branch) follow the branch task.
            for bid in branch_ids:
                if not exp.upstream.get(bid, set()) & set(branch_ids):
                    exp.upstream[bid].add(gate)
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
        prefix = full(body.prefix, node["id"], group=True)
        from_caller = {}
        for name, b in node.get("inputs", {}).items():
            p = set()
            for x in bindings(b):
                p |= body.producer_of(x)
            if p:
                from_caller[name] = p
        inner = Body(ir, prefix, from_caller)
        inner.mapped = body.mapped
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

