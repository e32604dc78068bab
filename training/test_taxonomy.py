"""Tests of the taxonomy mapping (training/taxonomy.py): run by `npm test` (test:training) with the
standard library only, on a small Myntra-like table written here."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taxonomy import (AMAZON_TYPES, FLIPKART_TYPES, HEADS, NAME_TYPE_WORDS, REVIEWS_TYPES, TYPE_WORDS, Taxonomy,  # noqa: E402
                      colour_set, type_from_name, usage_from_occasion)

# (articleType, subCategory, masterCategory) for every article type the tables name.
PARENTS = {
    "Apparel": {"Topwear": ["Tshirts", "Shirts", "Tops", "Sweatshirts", "Kurtas", "Waistcoat", "Rain Jacket", "Blazers", "Shrug",
                            "Dupatta", "Tunics", "Jackets", "Sweaters", "Kurtis", "Suspenders", "Nehru Jackets", "Rompers", "Lehenga Choli", "Suits"],
                "Bottomwear": ["Jeans", "Track Pants", "Shorts", "Skirts", "Trousers", "Capris", "Tracksuits", "Swimwear", "Leggings",
                               "Salwar and Dupatta", "Patiala", "Stockings", "Tights", "Churidar", "Jeggings", "Salwar",
                               "Rain Trousers"],
                "Dress": ["Dresses", "Jumpsuit"], "Innerwear": ["Bra", "Briefs", "Innerwear Vests", "Camisoles", "Boxers", "Trunk", "Shapewear"],
                "Loungewear and Nightwear": ["Night suits", "Bath Robe", "Lounge Pants", "Nightdress", "Baby Dolls", "Robe", "Lounge Tshirts", "Lounge Shorts"],
                "Saree": ["Sarees"], "Apparel Set": ["Kurta Sets", "Clothing Set"], "Socks": ["Booties"]},
    "Footwear": {"Shoes": ["Casual Shoes", "Formal Shoes", "Sports Shoes", "Heels", "Flats"], "Sandal": ["Sandals", "Sports Sandals"],
                 "Flip Flops": ["Flip Flops"]},
    "Accessories": {"Bags": ["Handbags", "Laptop Bag", "Clutches", "Backpacks", "Duffel Bag", "Trolley Bag", "Mobile Pouch", "Messenger Bag",
                             "Waist Pouch", "Rucksacks"], "Jewellery": ["Bracelet", "Pendant", "Ring", "Earrings", "Jewellery Set", "Necklace and Chains", "Bangle"],
                    "Headwear": ["Caps", "Hat", "Headband"], "Watches": ["Watches"], "Eyewear": ["Sunglasses"], "Belts": ["Belts"], "Wallets": ["Wallets"],
                    "Socks": ["Socks"], "Ties": ["Ties"], "Scarves": ["Scarves"], "Stoles": ["Stoles"], "Mufflers": ["Mufflers"], "Gloves": ["Gloves"],
                    "Cufflinks": ["Cufflinks"], "Sports Accessories": ["Wristbands"], "Umbrellas": ["Umbrellas"],
                    "Accessories": ["Hair Accessory"]},
    "Personal Care": {"Fragrance": ["Deodorant", "Perfume and Body Mist"], "Lips": ["Lipstick"]},
}
MYNTRA = [{"articleType": t, "subCategory": sub, "masterCategory": master}
          for master, subs in PARENTS.items() for sub, types in subs.items() for t in types]


def row(source, **kw):
    base = {"source": source, "item_id": "x", "name": "", "description": "", "category_path": "", "category": "", "colour": "",
            "material": "", "gender": "", "style": ""}
    base.update(kw)
    return base


class TaxonomyTest(unittest.TestCase):
    def setUp(self):
        self.tax = Taxonomy(MYNTRA)

    def test_every_mapped_type_is_a_myntra_article_type(self):
        known = {r["articleType"] for r in MYNTRA}
        for table in (REVIEWS_TYPES, AMAZON_TYPES, FLIPKART_TYPES, TYPE_WORDS, NAME_TYPE_WORDS):
            for key, types in table.items():
                self.assertTrue(set(types) <= known, f"{key}: {set(types) - known}")

    def test_unknown_article_type_in_a_table_is_refused(self):
        REVIEWS_TYPES["Capes"] = ["Capes"]
        try:
            with self.assertRaises(AssertionError):
                Taxonomy(MYNTRA)
        finally:
            del REVIEWS_TYPES["Capes"]

    def test_reviews_knits_allow_tops_and_knitwear_and_fill_parents(self):
        out = self.tax.catalogue(row("womens_ecommerce_reviews", category="Knits", gender="Women"))
        self.assertEqual(out["articleType"], ["Sweaters", "Sweatshirts", "Tops", "Tshirts"])
        self.assertEqual(out["subCategory"], ["Topwear"])
        self.assertEqual(out["masterCategory"], ["Apparel"])
        self.assertEqual(out["gender"], ["Women"])
        self.assertEqual(out["baseColour"], [])  # no colour column: masked
        self.assertEqual(out["season"], [])

    def test_reviews_trend_class_is_masked(self):
        out = self.tax.catalogue(row("womens_ecommerce_reviews", category="Trend"))
        self.assertEqual(out["articleType"], [])
        self.assertEqual(out["masterCategory"], [])

    def test_flipkart_leaf_is_case_insensitive_and_reads_occasion(self):
        out = self.tax.catalogue(row("flipkart_ecommerce_sample", category="Polos & T-Shirts", gender="Baby Boys", style="Occasion: Casual"))
        self.assertEqual(out["articleType"], ["Tshirts"])
        self.assertEqual(out["gender"], ["Boys"])
        self.assertEqual(out["usage"], ["Casual"])
        self.assertEqual(self.tax.catalogue(row("flipkart_ecommerce_sample", category="Wrist Watches"))["masterCategory"], ["Accessories"])

    def test_amazon_shoes_use_the_style_attribute(self):
        sport = self.tax.catalogue(row("amazon_implicitave", category="Shoes", style="Athletic Shoe Style: Running Shoe"))
        self.assertEqual(sport["articleType"], ["Sports Shoes"])
        self.assertEqual(sport["usage"], ["Sports"])
        boot = self.tax.catalogue(row("amazon_implicitave", category="Shoes", style="Boot Style: Chelsea"))
        self.assertEqual(boot["articleType"], ["Casual Shoes", "Formal Shoes", "Heels"])
        self.assertEqual(boot["masterCategory"], ["Footwear"])

    def test_adidas_gives_only_a_master_category_for_training(self):
        out = self.tax.catalogue(row("adidas_us", category="Shoes", colour="Cloud White", gender="Men", style="Running"))
        self.assertEqual(out["articleType"], [])
        self.assertEqual(out["masterCategory"], ["Footwear"])
        self.assertEqual(out["usage"], ["Sports"])
        self.assertEqual(out["baseColour"], ["White"])
        self.assertIn("Sports Shoes", out["type_for_eval"])
        self.assertNotIn("Tshirts", out["type_for_eval"])

    def test_zara_type_from_the_name_is_for_evaluation_only(self):
        out = self.tax.catalogue(row("zara_us", name="OVERSIZED LINEN BLAZER LIMITED EDITION", colour="Chocolate"))
        self.assertEqual(out["articleType"], [])
        self.assertEqual(out["type_for_eval"], ["Blazers"])
        self.assertEqual(out["baseColour"], ["Brown", "Coffee Brown"])

    def test_myntra_rows_keep_their_labels_and_mask_na(self):
        r = {h: "" for h in HEADS}
        r.update(articleType="Shirts", subCategory="Topwear", masterCategory="Apparel", baseColour="NA", usage="Casual", gender="Men")
        out = self.tax.myntra(r)
        self.assertEqual(out["articleType"], ["Shirts"])
        self.assertEqual(out["baseColour"], [])
        self.assertEqual(out["season"], [])

    def test_designer_colour_words_map_to_base_colours(self):
        cases = {"Butter yellow": {"Cream", "Yellow"}, "Sage green": {"Olive", "Green"}, "Chocolate brown": {"Coffee Brown", "Brown"},
                 "Lilac": {"Lavender", "Purple"}, "Ecru": {"Off White", "Cream"}, "Navy": {"Navy Blue"}, "Cherry Red": {"Red"},
                 "Anthracite grey": {"Charcoal", "Grey"}, "Black / White": {"Multi"}, "Light blue": {"Blue"}, "only one": set(), "": set()}
        for text, expected in cases.items():
            self.assertEqual(set(colour_set(text)), expected, text)

    def test_same_colour_named_twice_is_not_multi(self):
        self.assertEqual(set(colour_set("Ecru / Beige")), {"Multi"})
        self.assertEqual(set(colour_set("Blue, Blue")), {"Blue"})

    def test_occasion_lists_are_not_guessed(self):
        self.assertEqual(usage_from_occasion("Occasion: Party"), ["Party"])
        self.assertEqual(usage_from_occasion("Occasion: Casual, Sports, Party"), [])
        self.assertEqual(usage_from_occasion("Pattern: Solid"), [])

    def test_type_word_is_read_from_the_end_of_a_name(self):
        self.assertEqual(type_from_name("“MICHIGAN” JOGGER PANTS"), ["Track Pants", "Trousers"])
        self.assertEqual(type_from_name("Satin slip dress"), ["Dresses"])
        self.assertEqual(type_from_name("Rebecca"), [])


if __name__ == "__main__":
    unittest.main()
