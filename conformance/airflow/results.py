"""Per-check results shared by the conformance scripts: one line per check, counts at the end."""

import json
import os

_results = []


def check(name, ok, detail=""):
    """Records and prints one check; detail says what was wrong when it failed."""
    _results.append(bool(ok))
    print(f"{'PASS' if ok else 'FAIL'} {name}" + ("" if ok or not detail else f": {detail}"), flush=True)
    return bool(ok)


def save(path):
    """Adds this script's counts to the JSON file run.sh sums up."""
    counts = {"passed": 0, "failed": 0}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            counts = json.load(f)
    counts["passed"] += sum(_results)
    counts["failed"] += len(_results) - sum(_results)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(counts, f)
    return counts
