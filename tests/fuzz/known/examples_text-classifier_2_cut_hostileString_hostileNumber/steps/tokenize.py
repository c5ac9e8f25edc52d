"""Tokenize reviews for the chosen base model.

Called by Sluice's script convention: --reviews PATH --baseModel VALUE --maxLength VALUE, then
--tokens PATH (inputs in declaration order, then outputs; see docs/language.md).
"""
import argparse
import json
import pathlib

parser = argparse.ArgumentParser()
parser.add_argument("--reviews", required=True)
parser.add_argument("--baseModel", required=True)
parser.add_argument("--maxLength", type=int, required=True)
parser.add_argument("--tokens", required=True)
args = parser.parse_args()

from transformers import AutoTokenizer  # noqa: E402  (heavy import after argument errors)

tokenizer = AutoTokenizer.from_pretrained(args.baseModel)
out = pathlib.Path(args.tokens)
out.mkdir(parents=True, exist_ok=True)
with open(pathlib.Path(args.reviews) / "reviews.jsonl") as src, open(out / "tokens.jsonl", "w") as dst:
    for line in src:
        review = json.loads(line)
        ids = tokenizer(review["text"], truncation=True, max_length=args.maxLength)["input_ids"]
        dst.write(json.dumps({"input_ids": ids, "label": review["label"]}) + "\n")
