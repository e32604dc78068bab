"""The Python unsure rules (rules.py) give the golden cases that src/model/calibration.test.ts checks too."""
import json
import os
import unittest

from rules import (CONVENTION_RULE, CONVENTION_RULES, EVIDENCE_RULES, GARMENT_SUBSTRINGS_ZH, GENDER_SUBSTRINGS_ZH, NAMED_COLOUR_HEAD, NAMED_GENDER_HEAD, NAMED_TYPE_HEAD, SCRIPT_RULES,
                   TYPE_PARENT_HEADS, MIN_NAMED_SURE_PROBABILITY, MIN_NAMED_SURE_ROWS, blocked_heads, han_share, item_words, name_colours, name_genders,
                   NAMED_MAX_NAME_CHARS, NAMED_MAX_NAME_RULE, name_too_long, name_types, name_words, named_sure_threshold, with_named_sure_rule, TEXT_CONTRADICTION_RULE, TEXT_CONTRADICTION_RULES,
                   TEXT_NAMED_RULE, TEXT_NAMED_RULES, text_contradiction_heads, text_contradicts, text_labels, text_named_heads)
from taxonomy import COLOUR_WORDS, NAME_GENDER_PATTERNS, NAME_TYPE_PATTERNS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class RulesTest(unittest.TestCase):
    def check_shared_cases(self, fixture, key, namer, min_cases, min_naming):
        """The shared cases of test/fixtures/classifier/<fixture> (src/model/namedLabels.test.ts reads them too):
        at least min_cases, at least min_naming of them naming something, and namer gives each case's `key`."""
        with open(os.path.join(ROOT, "test", "fixtures", "classifier", fixture), encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        self.assertGreaterEqual(len(cases), min_cases)
        self.assertGreaterEqual(sum(1 for c in cases if c[key]), min_naming)
        for case in cases:
            self.assertEqual(namer(case["text"]), case[key], case["text"])

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
        self.assertEqual(unsure["conventions"], CONVENTION_RULES)
        self.assertIn(CONVENTION_RULE, unsure["rule"])
        self.assertEqual(unsure["text_named"], TEXT_NAMED_RULES)
        self.assertIn(TEXT_NAMED_RULE, unsure["rule"])
        self.assertEqual(unsure["text_contradiction"], TEXT_CONTRADICTION_RULES)
        self.assertIn(TEXT_CONTRADICTION_RULE, unsure["rule"])
        self.assertEqual(unsure["named_max_name_chars"], NAMED_MAX_NAME_CHARS)
        self.assertIn(NAMED_MAX_NAME_RULE, unsure["rule"])

    def test_long_name_cases(self):
        # The same cases as src/model/calibration.test.ts: the app and the training tables take the same names as too long.
        with open(os.path.join(ROOT, "test", "fixtures", "classifier", "long-name-cases.json"), encoding="utf-8") as f:
            golden = json.load(f)
        self.assertEqual(golden["max_chars"], NAMED_MAX_NAME_CHARS)
        self.assertGreaterEqual(sum(c["too_long"] for c in golden["cases"]), 4)
        for case in golden["cases"]:
            self.assertEqual(len(name_words(case["text"])), case["name_chars"], case["text"])
            self.assertEqual(name_too_long(case["text"]), case["too_long"], case["text"])
        self.assertFalse(name_too_long("Item: " + "x" * 61, None))  # no limit: never too long
        self.assertTrue(name_too_long("Item: " + "x" * 11, 10))

    def test_text_labels_read_the_name_and_the_description(self):
        self.assertEqual(text_named_heads(), {"gender"})
        self.assertEqual(text_labels("gender", "Item: Beach Shorts Details: These women's shorts are made of woven fabric"), ["Women"])
        self.assertEqual(text_labels("gender", "Item: Puma Men Black Track Jacket"), ["Men"])
        self.assertEqual(text_labels("gender", "Item: Graphic Tee Details: Grab this adidas t-shirt, and you're good to go."), [])
        self.assertEqual(text_labels("gender", "Item: Spider-Man tee Details: for kids"), ["Boys", "Girls"])  # "Spider-Man" names no one
        self.assertEqual(text_labels("gender", "Item: 男士 polo衫"), ["Men"])
        self.assertEqual(text_labels("gender", "Item: Men's and women's socks"), ["Men", "Women"])
        self.assertEqual(text_labels("baseColour", "Item: Black tee"), [])  # only heads with text words
        self.assertEqual(text_labels("articleType", "Item: Amazing! Details: I love this tunic, super flattering"), ["Tunics"])
        self.assertEqual(text_labels("articleType", "Item: Great long sweater Details: wear it over a t-shirt"), ["Sweaters", "Tshirts"])
        self.assertEqual(text_labels("articleType", "Item: 白色T恤"), ["Tshirts"])

    def test_a_text_contradiction_needs_other_labels_named(self):
        self.assertEqual(text_contradiction_heads(), {"articleType"})
        self.assertTrue(text_contradicts("articleType", "Tshirts", "Item: Amazing! Details: I love this tunic, super flattering"))
        self.assertFalse(text_contradicts("articleType", "Tunics", "Item: Amazing! Details: I love this tunic, super flattering"))
        self.assertFalse(text_contradicts("articleType", "Tshirts", "Item: Amazing! Details: So soft, runs true to size"))  # names no type
        self.assertFalse(text_contradicts("articleType", "Tshirts", "Item: Great long sweater Details: wear it over a t-shirt"))
        self.assertFalse(text_contradicts("gender", "Men", "Item: Superstar Shoes"))

    def test_a_convention_rule_blocks_its_heads_whatever_the_text(self):
        for text in ("Item: Men Navy Blue Slim Fit Formal Shirt", "Item: Running shoes for the gym", "Item: ", "Item: 白色T恤"):
            self.assertIn("usage", blocked_heads(text), text)
        self.assertEqual(blocked_heads("Item: Navy formal shirt", conventions=[]), set())
        self.assertEqual(blocked_heads("Item: Navy formal shirt", conventions=[{"heads": ["season"], "basis": "x"}]), {"season"})

    def test_named_colour_cases(self):
        self.check_shared_cases("named-colour-cases.json", "colours", name_colours, 200, 50)

    def test_name_words_stop_at_the_first_field_marker(self):
        self.assertEqual(name_words("Item: Navy linen shirt Details: white buttons"), "Navy linen shirt")
        self.assertEqual(name_words("Details: a red dress"), "")
        self.assertEqual(name_colours("Item: White Red Shoe"), ["White", "Red"])  # every colour, in the order named
        self.assertEqual(name_colours("Item: Grey melange hoodie"), ["Grey Melange", "Grey"])  # "grey melange" claims "grey"

    def test_shipped_config_carries_the_colour_words(self):
        with open(os.path.join(ROOT, "public", "models", "trendloom-classifier", "config.json"), encoding="utf-8") as f:
            block = json.load(f)["named_colours"]
        self.assertEqual(block["head"], NAMED_COLOUR_HEAD)
        self.assertEqual([tuple(c) for c in block["colours"]], [(p, v) for p, v in COLOUR_WORDS])
        self.assertGreaterEqual(block["bonus"], 0)

    def test_named_type_cases(self):
        self.check_shared_cases("named-type-cases.json", "types", name_types, 250, 100)

    def test_name_types(self):
        self.assertEqual(name_types("Item: Waves blouse"), ["Tops", "Shirts"])
        self.assertEqual(name_types("Item: Ribbed crew-neck jumper Details: a dress to remember"), ["Sweaters"])  # the name only
        self.assertEqual(name_types("Item: Tie-dye T-shirt"), ["Tshirts"])  # "t-shirt" claims its "shirt"; a hyphen joins words
        self.assertEqual(name_types("Item: Shirt, dress and belt"), ["Shirts", "Dresses", "Belts"])  # every type named, in order
        self.assertEqual(name_types("Item: Shirt dress with belt"), ["Dresses", "Belts"])  # a two-word name claims its words
        self.assertEqual(name_types("Item: Triangle bikini  top"), ["Swimwear"])
        self.assertEqual(name_types("Item: Bikini-top"), [])  # hyphen-joined words name nothing alone, as "tie-dye"
        self.assertEqual(name_types("Item: 2024夏季新款纯棉短袖T恤女宽松ins风白色上衣"), ["Tshirts", "Tops"])  # Chinese words, any case
        self.assertEqual(name_types("Item: Rebecca"), [])

    def test_shipped_config_carries_the_type_words(self):
        with open(os.path.join(ROOT, "public", "models", "trendloom-classifier", "config.json"), encoding="utf-8") as f:
            block = json.load(f)["named_types"]
        self.assertEqual(block["head"], NAMED_TYPE_HEAD)
        self.assertEqual([tuple(c) for c in block["words"]], [(p, v) for p, v in NAME_TYPE_PATTERNS])
        self.assertEqual(block["substrings"], GARMENT_SUBSTRINGS_ZH)
        self.assertGreaterEqual(block["bonus"], 0)
        self.assertEqual(sorted(block["parents"]), sorted(TYPE_PARENT_HEADS))
        masters = block["parents"]["masterCategory"]["labels"]
        self.assertEqual((masters["Sweaters"], masters["Casual Shoes"], masters["Handbags"]), ("Apparel", "Footwear", "Accessories"))

    def test_named_gender_cases(self):
        self.check_shared_cases("named-gender-cases.json", "genders", name_genders, 250, 100)

    def test_name_genders(self):
        self.assertEqual(name_genders("Item: Everly Women's Notch Neck Top"), ["Women"])  # "women" is a whole word before "'s"
        self.assertEqual(name_genders("Item: Nike Men Windrunner Blue Jacket"), ["Men"])
        self.assertEqual(name_genders("Item: Women's and Men's Running Socks"), ["Women", "Men"])  # every gender, in order
        self.assertEqual(name_genders("Item: Kids Superstar Shoes"), ["Boys", "Girls"])
        self.assertEqual(name_genders("Item: Spider-Man Graphic Tee"), [])  # a hyphen joins words
        self.assertEqual(name_genders("Item: Boyfriend Jeans"), [])
        self.assertEqual(name_genders("Item: Ribbed jumper Details: for women"), [])  # the name only
        self.assertEqual(name_genders("Item: 秋季 新款 情侣款 黑 皮革 日常 双肩包"), ["Unisex"])  # Chinese words, longest first
        self.assertEqual(name_genders("Item: 2024夏季新款纯棉短袖T恤女宽松ins风白色上衣"), ["Women"])

    def test_shipped_config_carries_the_gender_words(self):
        with open(os.path.join(ROOT, "public", "models", "trendloom-classifier", "config.json"), encoding="utf-8") as f:
            config = json.load(f)
        block = config["named_genders"]
        self.assertEqual(block["head"], NAMED_GENDER_HEAD)
        self.assertEqual([tuple(c) for c in block["words"]], [(p, v) for p, v in NAME_GENDER_PATTERNS])
        self.assertEqual(block["substrings"], GENDER_SUBSTRINGS_ZH)
        self.assertGreaterEqual(block["bonus"], 0)
        genders = set(config["heads"][NAMED_GENDER_HEAD]["id2label"].values())
        self.assertTrue(all(set(labels) <= genders for _, labels in block["words"] + block["substrings"]))

    def test_named_sure_threshold(self):
        n = MIN_NAMED_SURE_ROWS
        # Named rows right 95 % of the time from 0.6 up, 50 % below: the lowest grid value reaching 93 % is 0.6.
        conf = [0.55] * n + [0.65] * n
        correct = [i % 2 for i in range(n)] + [0 if i % 20 == 0 else 1 for i in range(n)]
        named = [True] * (2 * n)
        self.assertEqual(named_sure_threshold(conf, correct, named, [1.0] * (2 * n), 0.85, 0.93), 0.6)
        # Every named row right: the floor, never lower.
        self.assertEqual(named_sure_threshold([0.7] * n, [1] * n, [True] * n, [1.0] * n, 0.85, 0.93), MIN_NAMED_SURE_PROBABILITY)
        # Only the rows at 0.65 named (right 95 %): the floor.
        self.assertEqual(named_sure_threshold(conf, correct, [False] * n + [True] * n, [1.0] * (2 * n), 0.85, 0.93), 0.5)
        # Too few named rows, or none right enough: the head's own threshold.
        self.assertEqual(named_sure_threshold([0.9] * n, [1] * n, [i < n - 1 for i in range(n)], [1.0] * n, 0.85, 0.93), 0.85)
        self.assertEqual(named_sure_threshold([0.9] * n, [0] * n, [True] * n, [1.0] * n, 0.85, 0.93), 0.85)
        # Rows the name does not name do not count, whatever they are.
        self.assertEqual(named_sure_threshold(conf + [0.5] * n, correct + [1] * n, named + [False] * n, [1.0] * (3 * n), 0.85, 0.93), 0.6)
        # Weights: the wrong half at 0.55 weighing nothing makes 0.5 reach the target.
        weights = [0.0 if (i < n and i % 2 == 0) else 1.0 for i in range(2 * n)]
        self.assertEqual(named_sure_threshold(conf, correct, named, weights, 0.85, 0.93), 0.5)

    def test_with_named_sure_rule(self):
        unsure = {"min_probability": {"articleType": 0.85, "gender": 0.85}, "rule": "sure when …"}
        out = with_named_sure_rule(unsure, {"gender": 0.5, "articleType": 0.55}, {"gender": 0.85, "articleType": 0.6})
        self.assertEqual(out["named_min_probability"], {"gender": 0.5, "articleType": 0.55})
        self.assertEqual(out["named_several_min_probability"], {"gender": 0.85, "articleType": 0.6})
        self.assertEqual(out["named_contradiction"], ["articleType", "gender"])
        self.assertEqual(out["named_max_name_chars"], NAMED_MAX_NAME_CHARS)
        self.assertIn("named_max_name_chars", out["rule"])
        self.assertIn("named_min_probability[head]", out["rule"])
        self.assertIn("named_several_min_probability[head]", out["rule"])
        self.assertIn("named_contradiction", out["rule"])
        self.assertEqual(with_named_sure_rule(out, {"gender": 0.5}, {"gender": 0.5})["rule"], out["rule"])  # said once
        self.assertLess(out["rule"].index("named_min_probability[head]"), out["rule"].index("named_several_min_probability[head]"))
        self.assertLess(out["rule"].index("named_several_min_probability[head]"), out["rule"].index("named_contradiction"))
        self.assertEqual(unsure["rule"], "sure when …")  # the input is left alone

    def test_han_share(self):
        self.assertAlmostEqual(han_share("白色T恤"), 0.75)
        self.assertEqual(han_share("Relaxed linen shirt"), 0.0)
        self.assertEqual(han_share(""), 0.0)
        self.assertAlmostEqual(han_share(item_words("Item: 白色T恤 Details: 纯棉 Materials: 棉")), 6 / 7)


if __name__ == "__main__":
    unittest.main()
