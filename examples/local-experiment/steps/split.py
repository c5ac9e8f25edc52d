"""Splits the CSV into train and test files: a fraction held out, chosen by a fixed shuffle.
Called as: --data PATH --testFraction F --train PATH --test PATH."""
import argparse
import pathlib
import random

p = argparse.ArgumentParser()
p.add_argument("--data", required=True)
p.add_argument("--testFraction", type=float, required=True)
p.add_argument("--train", required=True)
p.add_argument("--test", required=True)
a = p.parse_args()

header, *rows = pathlib.Path(a.data).read_text().splitlines()
order = list(range(len(rows)))
random.Random(0).shuffle(order)
held = set(order[: round(len(rows) * a.testFraction)])
test = [r for i, r in enumerate(rows) if i in held]
train = [r for i, r in enumerate(rows) if i not in held]
pathlib.Path(a.train).write_text("\n".join([header, *train]) + "\n")
pathlib.Path(a.test).write_text("\n".join([header, *test]) + "\n")
