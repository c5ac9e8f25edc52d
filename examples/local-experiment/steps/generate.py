"""Generates a labelled 2-D dataset (two Gaussian blobs) as CSV, deterministic for a seed.
Called as: --seed N --rows N --data PATH --count PATH (the script convention)."""
import argparse
import pathlib
import random

p = argparse.ArgumentParser()
p.add_argument("--seed", type=int, required=True)
p.add_argument("--rows", type=int, required=True)
p.add_argument("--data", required=True)
p.add_argument("--count", required=True)
a = p.parse_args()

rng = random.Random(a.seed)
lines = ["x1,x2,label"]
for i in range(a.rows):
    label = i % 2
    cx, cy = (1.0, 1.0) if label else (-1.0, -0.5)
    lines.append(f"{rng.gauss(cx, 1.1):.6f},{rng.gauss(cy, 1.1):.6f},{label}")
pathlib.Path(a.data).write_text("\n".join(lines) + "\n")
pathlib.Path(a.count).write_text(str(a.rows))
