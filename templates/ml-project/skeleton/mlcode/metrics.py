"""The objective metrics, in plain Python so that they are unit-testable."""

import math


def accuracy(labels, scores, cutoff=0.5):
    hits = sum(1 for y, s in zip(labels, scores) if (s >= cutoff) == (y >= 0.5))
    return hits / len(labels)


def f1(labels, scores, cutoff=0.5):
    tp = sum(1 for y, s in zip(labels, scores) if y >= 0.5 and s >= cutoff)
    fp = sum(1 for y, s in zip(labels, scores) if y < 0.5 and s >= cutoff)
    fn = sum(1 for y, s in zip(labels, scores) if y >= 0.5 and s < cutoff)
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def auc(labels, scores):
    """Area under the ROC curve (the share of correctly ordered pairs)."""
    positives = [s for y, s in zip(labels, scores) if y >= 0.5]
    negatives = [s for y, s in zip(labels, scores) if y < 0.5]
    if not positives or not negatives:
        return math.nan
    ordered = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return ordered / (len(positives) * len(negatives))


def rmse(labels, scores):
    return math.sqrt(sum((y - s) ** 2 for y, s in zip(labels, scores)) / len(labels))


def mae(labels, scores):
    return sum(abs(y - s) for y, s in zip(labels, scores)) / len(labels)


METRICS = {"accuracy": accuracy, "f1": f1, "auc": auc, "rmse": rmse, "mae": mae}
