"""Train a churn classifier on one learning rate.

Sluice calls a script step with one flag per input, in declaration order, then one flag per
output: --data PATH --lr VALUE --epochs VALUE --model PATH --loss PATH. The same on every
target and locally (see docs/language.md, "Script steps").
"""
import argparse
import json
import pathlib

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True, help="folder of the training dataset")
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--epochs", type=int, required=True)
parser.add_argument("--model", required=True, help="where to write the model folder")
parser.add_argument("--loss", required=True, help="where to write the final loss")
args = parser.parse_args()

# A stand-in for real training, so the example runs anywhere: one step of "loss" per epoch.
loss = 1.0
for _ in range(args.epochs):
    loss *= 1.0 - min(args.lr, 0.5)

model_dir = pathlib.Path(args.model)
model_dir.mkdir(parents=True, exist_ok=True)
(model_dir / "model.json").write_text(json.dumps({"lr": args.lr, "epochs": args.epochs}))
pathlib.Path(args.loss).parent.mkdir(parents=True, exist_ok=True)
pathlib.Path(args.loss).write_text(f"{loss:.6f}")
