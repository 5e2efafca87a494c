"""Evaluation step: the objective metric on the test set, in evaluation.json.

The pipeline's condition step reads `metrics.${{ values.objectiveMetric }}.value`
from it, and the model package carries it as its model quality report.
"""

import argparse
import json
import os
import tarfile

from mlcode.metrics import METRICS
from mlcode.train import load

OBJECTIVE_METRIC = "${{ values.objectiveMetric }}"


def predict(model_dir, x):
{%- if values.algorithm == 'xgboost' %}
    import xgboost

    booster = xgboost.Booster()
    booster.load_model(os.path.join(model_dir, "xgboost-model.json"))
    return list(booster.predict(xgboost.DMatrix(x)))
{%- elif values.algorithm == 'sklearn' %}
    import joblib

    model = joblib.load(os.path.join(model_dir, "model.joblib"))
    if hasattr(model, "predict_proba"):
        return [row[-1] for row in model.predict_proba(x)]
    return list(model.predict(x))
{%- else %}
    import torch

    model = torch.load(os.path.join(model_dir, "model.pt"), weights_only=False)
    with torch.no_grad():
        out = model(torch.tensor(x, dtype=torch.float32)).squeeze(1)
    return {% if values.problemType == "Regression" %}out.tolist(){% else %}torch.sigmoid(out).tolist(){% endif %}
{%- endif %}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="/opt/ml/processing/model")
    parser.add_argument("--test", default="/opt/ml/processing/test")
    parser.add_argument("--output", default="/opt/ml/processing/evaluation")
    args = parser.parse_args()
    with tarfile.open(os.path.join(args.model, "model.tar.gz")) as archive:
        archive.extractall(args.model, filter="data")
    x, y = load(os.path.join(args.test, "test.csv"))
    value = METRICS[OBJECTIVE_METRIC](y, predict(args.model, x))
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "evaluation.json"), "w") as handle:
        json.dump({"metrics": {OBJECTIVE_METRIC: {"value": value}}}, handle)


if __name__ == "__main__":
    main()
