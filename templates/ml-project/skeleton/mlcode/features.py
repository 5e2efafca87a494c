"""Feature code shared by preprocessing (training) and inference (serving).

Both call `to_features` so that a model never sees features computed one way
in training and another way in production. Standard library only, so the
same module runs in every container.
"""

import math

TARGET_COLUMN = "${{ values.targetColumn }}"


def parse_value(raw):
    """A CSV cell as a float; empty or missing cells become NaN."""
    if raw is None:
        return math.nan
    text = str(raw).strip()
    if text == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        return math.nan


def feature_names(header):
    """The feature columns of a header: every column but the target."""
    return [column for column in header if column != TARGET_COLUMN]


def column_means(rows, names):
    """Mean of each feature over `rows` (dicts), ignoring missing values."""
    means = {}
    for name in names:
        values = [parse_value(row.get(name)) for row in rows]
        present = [v for v in values if not math.isnan(v)]
        means[name] = sum(present) / len(present) if present else 0.0
    return means


def to_features(row, names, means):
    """One row (a dict) as the model's feature vector.

    Missing values are imputed with the training means, which are saved with
    the model so that inference imputes with the same numbers.
    """
    vector = []
    for name in names:
        value = parse_value(row.get(name))
        vector.append(means[name] if math.isnan(value) else value)
    return vector
