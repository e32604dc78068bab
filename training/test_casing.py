"""training/casing.py against the cases the app's input text must give too."""
import json
import os
import unittest

from casing import lower_shouted_words

CASES = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "classifier", "casing-cases.json")


class CasingTest(unittest.TestCase):
    def test_shared_cases(self):
        with open(CASES, encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        self.assertGreaterEqual(len(cases), 10)
        for text, expected in cases:
            self.assertEqual(lower_shouted_words(text), expected, text)

    def test_single_capital_words_are_kept(self):
        self.assertEqual(lower_shouted_words("A Blue Shirt I like"), "A Blue Shirt I like")


if __name__ == "__main__":
    unittest.main()
