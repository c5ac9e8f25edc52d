"""Trains a logistic regression by batch gradient descent, in plain Python (no libraries).
Called as: --data PATH --lr F --epochs N --l2 F --model PATH --loss PATH.
The model is JSON (weights and bias, rounded) so that equal inputs give byte-identical files."""
import argparse
import json
import math
import pathlib

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--lr", type=float, required=True)
p.add_argument("--epochs", type=int, required=True)
p.add_argument("--l2", type=float, required=True)
p.add_argument("--model", required=True)
p.add_argument("--loss", required=True)
a = p.parse_args()

rows = [line.split(",") for line in pathlib.Path(a.data).read_text().splitlines()[1:]]
xs = [(float(r[0]), float(r[1])) for r in rows]
ys = [int(r[2]) for r in rows]
w = [0.0, 0.0]
b = 0.0


def sigmoid(z):
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


loss = 0.0
for epoch in range(a.epochs):
    gw = [0.0, 0.0]
    gb = 0.0
    loss = 0.0
    for (x1, x2), y in zip(xs, ys):
        q = sigmoid(w[0] * x1 + w[1] * x2 + b)
        gw[0] += (q - y) * x1
        gw[1] += (q - y) * x2
        gb += q - y
        loss -= y * math.log(max(q, 1e-12)) + (1 - y) * math.log(max(1 - q, 1e-12))
    n = len(xs)
    w = [w[i] - a.lr * (gw[i] / n + a.l2 * w[i]) for i in range(2)]
    b -= a.lr * gb / n
    loss /= n
    print(f"epoch {epoch + 1}: loss {loss:.4f}")

pathlib.Path(a.model).write_text(json.dumps({"weights": [round(v, 8) for v in w], "bias": round(b, 8)}, sort_keys=True))
pathlib.Path(a.loss).write_text(f"{loss:.6f}")
