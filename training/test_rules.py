"""The Python unsure rules (rules.py) give the golden cases that src/model/calibration.test.ts checks too."""
import json
import os
import unittest

from rules import EVIDENCE_RULES, SCRIPT_RULES, blocked_heads, han_share, item_words

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class RulesTest(unittest.TestCase):
    def test_golden_cases(self):
        with open(os.path.join(ROOT, "test", "fixtures", "classifier", "unsure-rule-cases.json"), encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        self.assertGreaterEqual(len(cases), 20)
        for case in cases:
            self.assertEqual(sorted(blocked_heads(case["text"])), case["blocked"], case["text"])

    def test_shipped_config_carries_these_rules(self):
        with open(os.path.join(ROOT, "public", "models", "trendloom-classifier", "config.json"), encoding="utf-8") as f:
            unsure = json.load(f)["unsure"]
        self.assertEqual(unsure["scripts"], SCRIPT_RULES)
        self.assertEqual(unsure["evidence"], EVIDENCE_RULES)

    def test_han_share(self):
        self.assertAlmostEqual(han_share("白色T恤"), 0.75)
        self.assertEqual(han_share("Relaxed linen shirt"), 0.0)
        self.assertEqual(han_share(""), 0.0)
        self.assertAlmostEqual(han_share(item_words("Item: 白色T恤 Details: 纯棉 Materials: 棉")), 6 / 7)


if __name__ == "__main__":
    unittest.main()
