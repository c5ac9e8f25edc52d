"""Fine-tune the base model with one learning rate.

Sluice passes: --train PATH --validation PATH --baseModel VALUE --lr VALUE --epochs VALUE
--model PATH --validationLoss PATH. The loss file holds just the number: it is a parameter output.
"""
import argparse
import pathlib

parser = argparse.ArgumentParser()
parser.add_argument("--train", required=True)
parser.add_argument("--validation", required=True)
parser.add_argument("--baseModel", required=True)
parser.add_argument("--lr", type=float, required=True)
parser.add_argument("--epochs", type=int, required=True)
parser.add_argument("--model", required=True)
parser.add_argument("--validationLoss", required=True)
args = parser.parse_args()

from textclf.training import fine_tune  # noqa: E402  (the team's training loop, in the image)

result = fine_tune(
    train_dir=args.train,
    validation_dir=args.validation,
    base_model=args.baseModel,
    learning_rate=args.lr,
    epochs=args.epochs,
    output_dir=args.model,
)
pathlib.Path(args.validationLoss).write_text(f"{result.validation_loss:.6f}")
