"""The one-line briefs cut from Myntra descriptions (prepare_briefs.brief_of); no torch needed."""
import csv
import os
import unittest

from prepare_briefs import OUT, brief_of


class BriefOf(unittest.TestCase):
    def test_first_bullet_line_and_a_full_stop(self):
        self.assertEqual(brief_of("Navy Blue printed T-shirt, has a polo collar, and short sleeves", "Parx Men T-shirt"),
                         "Navy Blue printed T-shirt, has a polo collar, and short sleeves.")
        # Bullet lines run together: cut where a small letter meets a capital, or a number and a word.
        self.assertEqual(brief_of("Black solid large trolley bag, secured with a TSA lockOne handle on the top", "DKNY Trolley"),
                         "Black solid large trolley bag, secured with a TSA lock.")
        self.assertEqual(brief_of("Brown lace shoulder bag, has a zip closure1 main compartment, 2 inner pockets", "Bag"),
                         "Brown lace shoulder bag, has a zip closure.")
        # Spaces after commas, none before.
        self.assertEqual(brief_of("White and black printed T-shirt,has round neck ,short sleeves", "T"),
                         "White and black printed T-shirt, has round neck, short sleeves.")

    def test_what_is_not_a_brief(self):
        self.assertEqual(brief_of("Set content: 1 King bedsheet with 2 pillow covers", "Bedsheet"), "")
        self.assertEqual(brief_of("Soft knit", "GAP Boy's Henley T-shirt"), "")
        self.assertEqual(brief_of("To Be The King Eau De Toilette", "Police Men To Be The King Eau De Toilette 125 ml"), "")

    def test_long_lines_are_cut_at_a_comma(self):
        long = "Blue solid woven shirt, " + ", ".join(f"detail number {i}" for i in range(20))
        brief = brief_of(long, "Shirt")
        self.assertLessEqual(len(brief), 151)
        self.assertTrue(brief.endswith("."))
        self.assertTrue(brief.startswith("Blue solid woven shirt, detail number 0"))

    def test_the_committed_file(self):
        with open(OUT, encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 9261)
        self.assertEqual(set(rows[0]), {"product_id", "name", "gender", "brief"})
        for r in rows:
            self.assertTrue(r["brief"].endswith("."), r)
            self.assertTrue(25 <= len(r["brief"]) <= 151, r)
            self.assertNotIn(":", r["brief"])
            self.assertIn(r["gender"], {"Men", "Women", "Boys", "Girls", "Unisex"})


if __name__ == "__main__":
    unittest.main()
