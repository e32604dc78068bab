"""calibrate.score's sure decision with the named thresholds: a name too long for them gets the head's own threshold."""
import os
import sys
import unittest
from unittest import mock

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import calibrate  # noqa: E402
from calibrate import score  # noqa: E402
from rules import NAMED_MAX_NAME_CHARS  # noqa: E402


class NamedThresholdLengthTest(unittest.TestCase):
    def setUp(self):
        # 20 items of one head with two types; each item's top label is Dresses at probability ~0.73 (below the head's
        # own 0.85, above the named 0.5), and its name names Dresses. Half the names are short, half long.
        self.maps = {"articleType": ["Dresses", "Tops"]}
        short = "Item: Satin slip dress"
        long_name = "Item: Women's Casual Summer Floral Print Sleeveless Maxi Dress with Pockets and Belt"
        self.assertGreater(len(long_name) - len("Item: "), NAMED_MAX_NAME_CHARS)
        self.rows = [{"text": short if i < 10 else long_name, "type_for_eval": ["Dresses"], "labels": {"articleType": ["Dresses"]}} for i in range(20)]
        self.logits = {"articleType": np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (20, 1))}
        self.emb = np.ones((20, 4), dtype=np.float32)
        self.named = {"articleType": np.tile(np.array([[1.0, 0.0]], dtype=np.float32), (20, 1))}
        self.cal = {"temperature": {"articleType": 1.0}, "min_probability": {"articleType": 0.85}, "named_min_probability": {"articleType": 0.5},
                    "ood": {"centroids": [[1.0, 0.0, 0.0, 0.0]], "max_distance": 1.0}}

    def sure(self, cal):
        # macro-F1 (scikit-learn, not needed by the rule under test) is left out.
        with mock.patch.object(calibrate, "macro_f1", lambda *args: 0.0):
            out = score(self.rows, self.logits, self.emb, self.maps, cal, heads=("articleType",), named=self.named)
        return out["articleType"]["calibrated"]["sure_rules_coverage"]

    def test_long_names_get_the_heads_own_threshold(self):
        self.assertEqual(self.sure(self.cal), 1.0)  # without a limit every named item is sure from 0.5
        self.assertEqual(self.sure(dict(self.cal, named_max_name_chars=NAMED_MAX_NAME_CHARS)), 0.5)  # the long half is not
        self.assertEqual(self.sure(dict(self.cal, named_max_name_chars=200)), 1.0)


if __name__ == "__main__":
    unittest.main()
