"""mask_constant_labels drops only the (source, head) labels that one value dominates."""
import unittest

from shortcuts import mask_constant_labels


def row(source, **labels):
    return {"source": source, "labels": {"gender": [], "usage": [], **{h: [v] for h, v in labels.items()}}}


class MaskConstantLabelsTest(unittest.TestCase):
    def test_masks_a_head_one_value_dominates_in_a_source_and_nothing_else(self):
        rows = [row("reviews", gender="Women", usage="Casual" if i % 2 else "Formal") for i in range(60)]
        rows += [row("shop", gender="Men" if i % 3 else "Women", usage="Sports") for i in range(60)]
        out, masked = mask_constant_labels(rows, 0.95)
        self.assertEqual(masked, [("reviews", "gender", 1.0), ("shop", "usage", 1.0)])
        self.assertTrue(all(r["labels"]["gender"] == [] for r in out if r["source"] == "reviews"))
        self.assertTrue(all(r["labels"]["usage"] == [] for r in out if r["source"] == "shop"))
        self.assertTrue(all(r["labels"]["usage"] for r in out if r["source"] == "reviews"))
        self.assertTrue(all(r["labels"]["gender"] for r in out if r["source"] == "shop"))
        # The input rows are left as they were.
        self.assertTrue(all(r["labels"]["gender"] == ["Women"] for r in rows if r["source"] == "reviews"))

    def test_small_sources_and_mixed_heads_are_kept(self):
        rows = [row("tiny", gender="Women") for _ in range(10)] + [row("mixed", gender="Men" if i < 90 else "Women") for i in range(100)]
        out, masked = mask_constant_labels(rows, 0.95)
        self.assertEqual(masked, [])
        self.assertIs(out[0], rows[0])


if __name__ == "__main__":
    unittest.main()
