"""Unit tests of the preprocessing and feature code (standard library only)."""

import math
import os
import tempfile
import unittest

from mlcode.features import TARGET_COLUMN, feature_names, to_features
from mlcode.metrics import auc, rmse
from mlcode.preprocess import preprocess, read_rows


class FeaturesTest(unittest.TestCase):
    def test_the_target_is_not_a_feature(self):
        self.assertEqual(feature_names(["a", TARGET_COLUMN, "b"]), ["a", "b"])

    def test_missing_values_are_imputed_with_the_training_means(self):
        self.assertEqual(to_features({"a": "", "b": "2"}, ["a", "b"], {"a": 5.0, "b": 1.0}), [5.0, 2.0])

    def test_unparseable_values_count_as_missing(self):
        self.assertEqual(to_features({"a": "n/a"}, ["a"], {"a": 1.5}), [1.5])


class PreprocessTest(unittest.TestCase):
    def rows(self, n):
        return [{"a": str(i), "b": "" if i % 10 == 0 else str(i * 2), TARGET_COLUMN: str(i % 2)} for i in range(n)]

    def test_every_labelled_row_lands_in_exactly_one_split(self):
        splits, spec = preprocess(["a", "b", TARGET_COLUMN], self.rows(200))
        self.assertEqual(sum(len(s) for s in splits.values()), 200)
        self.assertGreater(len(splits["train"]), len(splits["test"]))
        self.assertEqual(spec["features"], ["a", "b"])

    def test_the_split_is_reproducible(self):
        first, _ = preprocess(["a", "b", TARGET_COLUMN], self.rows(100))
        second, _ = preprocess(["a", "b", TARGET_COLUMN], list(reversed(self.rows(100))))
        self.assertEqual(sorted(first["test"]), sorted(second["test"]))

    def test_rows_without_a_label_are_dropped(self):
        rows = self.rows(10) + [{"a": "1", "b": "2", TARGET_COLUMN: ""}]
        splits, _ = preprocess(["a", "b", TARGET_COLUMN], rows)
        self.assertEqual(sum(len(s) for s in splits.values()), 10)

    def test_rows_are_target_first_without_missing_values(self):
        splits, _ = preprocess(["a", "b", TARGET_COLUMN], self.rows(50))
        for row in splits["train"] + splits["validation"] + splits["test"]:
            self.assertEqual(len(row), 3)
            self.assertFalse(any(math.isnan(v) for v in row))

    def test_an_input_without_the_target_column_is_refused(self):
        with tempfile.TemporaryDirectory() as directory:
            with open(os.path.join(directory, "data.csv"), "w") as handle:
                handle.write("a,b\n1,2\n")
            with self.assertRaisesRegex(ValueError, "no target column"):
                read_rows(directory)


class MetricsTest(unittest.TestCase):
    def test_auc_of_a_perfect_ranking_is_one(self):
        self.assertEqual(auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]), 1.0)

    def test_rmse(self):
        self.assertAlmostEqual(rmse([1.0, 2.0], [1.0, 4.0]), math.sqrt(2))


if __name__ == "__main__":
    unittest.main()
