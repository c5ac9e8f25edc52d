"""Evaluates the model on the held-out rows and writes metrics in the JSON form `sluice runs`
reads ({"name": number}). Called as: --model PATH --test PATH --metrics PATH --accuracy PATH."""
import argparse
import json
import math
import pathlib

p = argparse.ArgumentParser()
p.add_argument("--model", required=True)
p.add_argument("--test", required=True)
p.add_argument("--metrics", required=True)
p.add_argument("--accuracy", required=True)
a = p.parse_args()

m = json.loads(pathlib.Path(a.model).read_text())
rows = [line.split(",") for line in pathlib.Path(a.test).read_text().splitlines()[1:]]
tp = fp = fn = correct = 0
logloss = 0.0
for r in rows:
    x1, x2, y = float(r[0]), float(r[1]), int(r[2])
    q = 1 / (1 + math.exp(-max(-30.0, min(30.0, m["weights"][0] * x1 + m["weights"][1] * x2 + m["bias"]))))
    pred = 1 if q >= 0.5 else 0
    correct += pred == y
    tp += pred == 1 and y == 1
    fp += pred == 1 and y == 0
    fn += pred == 0 and y == 1
    logloss -= y * math.log(max(q, 1e-12)) + (1 - y) * math.log(max(1 - q, 1e-12))
accuracy = correct / len(rows)
precision = tp / (tp + fp) if tp + fp else 0.0
recall = tp / (tp + fn) if tp + fn else 0.0
metrics = {"accuracy": round(accuracy, 6), "precision": round(precision, 6), "recall": round(recall, 6), "logloss": round(logloss / len(rows), 6)}
pathlib.Path(a.metrics).write_text(json.dumps(metrics, sort_keys=True))
pathlib.Path(a.accuracy).write_text(str(metrics["accuracy"]))
print(json.dumps(metrics, sort_keys=True))
