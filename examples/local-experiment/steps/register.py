"""Writes a model card (markdown) naming the model's accuracy: the "deploy" of a local run.
Called as: --model PATH --accuracy F --card PATH."""
import argparse
import json
import pathlib

p = argparse.ArgumentParser()
p.add_argument("--model", required=True)
p.add_argument("--accuracy", type=float, required=True)
p.add_argument("--card", required=True)
a = p.parse_args()

m = json.loads(pathlib.Path(a.model).read_text())
pathlib.Path(a.card).write_text(f"# Model card\n\naccuracy: {a.accuracy}\n\nweights: {m['weights']}, bias: {m['bias']}\n")
print("registered")
