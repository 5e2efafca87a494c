"""Preprocessing step: split the input CSV and compute the features.

Reads every CSV under the input directory and writes train.csv,
validation.csv and test.csv (target first, then the features, no header, as
the SageMaker built-in algorithms expect) plus features.json (feature names
and imputation means) for training and inference.
"""

import argparse
import csv
import glob
import hashlib
import json
import os

from mlcode.features import TARGET_COLUMN, column_means, feature_names, to_features


def read_rows(input_dir):
    rows = []
    header = None
    for path in sorted(glob.glob(os.path.join(input_dir, "*.csv"))):
        with open(path, newline="") as handle:
            reader = csv.DictReader(handle)
            if header is None:
                header = reader.fieldnames
            rows.extend(reader)
    if header is None:
        raise ValueError(f"No CSV files in {input_dir}")
    if TARGET_COLUMN not in header:
        raise ValueError(f"The input has no target column {TARGET_COLUMN!r}")
    return header, rows


def split_of(row, validation_share, test_share):
    """A stable split: the same row always lands in the same set."""
    digest = hashlib.sha256(json.dumps(row, sort_keys=True).encode()).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    if position < test_share:
        return "test"
    if position < test_share + validation_share:
        return "validation"
    return "train"


def preprocess(header, rows, validation_share=0.15, test_share=0.15):
    """The rows of each split as [target, *features], and the feature spec."""
    names = feature_names(header)
    labelled = [row for row in rows if str(row.get(TARGET_COLUMN, "")).strip() != ""]
    train_rows = [r for r in labelled if split_of(r, validation_share, test_share) == "train"]
    means = column_means(train_rows or labelled, names)
    splits = {"train": [], "validation": [], "test": []}
    for row in labelled:
        vector = to_features(row, names, means)
        splits[split_of(row, validation_share, test_share)].append(
            [float(row[TARGET_COLUMN])] + vector
        )
    return splits, {"features": names, "means": means, "target": TARGET_COLUMN}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", default="/opt/ml/processing/input")
    parser.add_argument("--output", default="/opt/ml/processing/output")
    args = parser.parse_args()
    header, rows = read_rows(args.input)
    splits, spec = preprocess(header, rows)
    for name, data in splits.items():
        os.makedirs(os.path.join(args.output, name), exist_ok=True)
        with open(os.path.join(args.output, name, f"{name}.csv"), "w", newline="") as handle:
            csv.writer(handle).writerows(data)
    os.makedirs(os.path.join(args.output, "features"), exist_ok=True)
    with open(os.path.join(args.output, "features", "features.json"), "w") as handle:
        json.dump(spec, handle)


if __name__ == "__main__":
    main()
