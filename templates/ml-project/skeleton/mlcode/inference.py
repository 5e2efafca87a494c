"""Inference handler: the same feature code as training (mlcode.features)."""

import csv
import io
import json
import os

from mlcode.evaluate import predict
from mlcode.features import to_features


def model_fn(model_dir):
    with open(os.path.join(model_dir, "features.json")) as handle:
        return {"dir": model_dir, "spec": json.load(handle)}


def input_fn(body, content_type):
    """JSON records or CSV with a header, as rows of named values."""
    text = body.decode() if isinstance(body, bytes) else body
    if content_type == "application/json":
        records = json.loads(text)
        return records if isinstance(records, list) else [records]
    if content_type == "text/csv":
        return list(csv.DictReader(io.StringIO(text)))
    raise ValueError(f"Unsupported content type {content_type}")


def predict_fn(rows, model):
    spec = model["spec"]
    vectors = [to_features(row, spec["features"], spec["means"]) for row in rows]
    return [float(score) for score in predict(model["dir"], vectors)]


def output_fn(predictions, accept):
    return json.dumps({"predictions": predictions})
