"""Tests of the shop-style name decoration (plain Python: run by `npm run test:training`)."""
import random
import unittest

from shop_noise import BLOCKED_IN_BRANDS, decorate, is_gender_word, made_up_brand


class ShopNoiseTest(unittest.TestCase):
    def test_keeps_the_names_words_in_order(self):
        rng = random.Random(3)
        for _ in range(300):
            out = decorate("Draped Chiffon Kimono Dress", [], rng).split()
            kept = [w for w in out if w in {"Draped", "Chiffon", "Kimono", "Dress"}]
            self.assertEqual(kept, ["Draped", "Chiffon", "Kimono", "Dress"])

    def test_gender_word_agrees_with_the_label_and_replaces_the_old_one(self):
        rng = random.Random(5)
        seen = set()
        for _ in range(400):
            out = decorate("Roadster Men Blue Shirt", ["Men"], rng, p_gender=1.0, p_brand=0, p_code=0, p_adjective=0, p_tail=0)
            words = out.split()
            self.assertEqual(sum(is_gender_word(w) for w in words), 1, out)
            self.assertTrue(words[0] == "Roadster" and words[-2:] == ["Blue", "Shirt"], out)
            seen.add(words[1])
        self.assertEqual(seen, {"Men's", "Mens", "Man's", "Men", "Gents"})

    def test_no_gender_word_without_exactly_one_gender_label(self):
        rng = random.Random(7)
        for genders in ([], ["Men", "Women"], ["Unisex"]):
            for _ in range(100):
                out = decorate("Canvas Tote", genders, rng, p_gender=1.0, p_brand=0, p_code=0, p_adjective=0, p_tail=0)
                self.assertEqual(out, "Canvas Tote")

    def test_made_up_brands_hide_no_garment_or_colour(self):
        rng = random.Random(11)
        for _ in range(2000):
            brand = made_up_brand(rng).lower()
            self.assertFalse(any(b in brand for b in BLOCKED_IN_BRANDS), brand)

    def test_seeded(self):
        a = [decorate("Ribbed Crew-Neck Jumper", ["Women"], random.Random(42)) for _ in range(3)]
        self.assertEqual(len(set(a)), 1)
        self.assertNotEqual(a[0], "Ribbed Crew-Neck Jumper")

    def test_gender_word_forms(self):
        for w in ("Women's", "WOMENS", "Girls'", "men", "Ladies", "Boy’s"):
            self.assertTrue(is_gender_word(w), w)
        for w in ("Menswear", "Womenswear", "Dress", "Manly"):
            self.assertFalse(is_gender_word(w), w)


if __name__ == "__main__":
    unittest.main()
