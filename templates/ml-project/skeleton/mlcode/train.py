"""Training step (${{ values.algorithm }}): fits the model on train.csv."""

import argparse
import csv
import json
import os


def load(path):
    with open(path, newline="") as handle:
        rows = [[float(v) for v in row] for row in csv.reader(handle)]
    return [r[1:] for r in rows], [r[0] for r in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "/opt/ml/input/data/train"))
    parser.add_argument("--features", default=os.environ.get("SM_CHANNEL_FEATURES", "/opt/ml/input/data/features"))
    parser.add_argument("--model-dir", default=os.environ.get("SM_MODEL_DIR", "/opt/ml/model"))
    args = parser.parse_args()
    x, y = load(os.path.join(args.train, "train.csv"))
{%- if values.algorithm == 'xgboost' %}
    import xgboost

    objective = "{% if values.problemType == 'Regression' %}reg:squarederror{% elif values.problemType == 'MulticlassClassification' %}multi:softprob{% else %}binary:logistic{% endif %}"
    params = {"objective": objective, "max_depth": 5, "eta": 0.2}
{%- if values.problemType == 'MulticlassClassification' %}
    params["num_class"] = int(max(y)) + 1
{%- endif %}
    booster = xgboost.train(params, xgboost.DMatrix(x, label=y), num_boost_round=200)
    booster.save_model(os.path.join(args.model_dir, "xgboost-model.json"))
{%- elif values.algorithm == 'sklearn' %}
    import joblib
{%- if values.problemType == 'Regression' %}
    from sklearn.ensemble import GradientBoostingRegressor as Estimator
{%- else %}
    from sklearn.ensemble import GradientBoostingClassifier as Estimator
{%- endif %}

    model = Estimator().fit(x, y)
    joblib.dump(model, os.path.join(args.model_dir, "model.joblib"))
{%- else %}
    import torch

    inputs = torch.tensor(x, dtype=torch.float32)
    targets = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(inputs.shape[1], 64), torch.nn.ReLU(), torch.nn.Linear(64, 1)
    )
    loss_fn = {% if values.problemType == 'Regression' %}torch.nn.MSELoss(){% else %}torch.nn.BCEWithLogitsLoss(){% endif %}
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(50):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
    torch.save(model, os.path.join(args.model_dir, "model.pt"))
{%- endif %}
    # The feature spec travels with the model, so inference imputes as training did.
    with open(os.path.join(args.features, "features.json")) as source:
        spec = json.load(source)
    with open(os.path.join(args.model_dir, "features.json"), "w") as target:
        json.dump(spec, target)


if __name__ == "__main__":
    main()
