"""Tests of the n-gram head's analyser (plain Python: run by `npm run test:training`). The same cases
are checked on the TypeScript side (src/model/ngramHead.test.ts), which also checks every case of
test/fixtures/classifier/ngram-cases.json against this analyser's output."""
import unittest

from ngram_head import features, tokens


class NgramAnalyserTest(unittest.TestCase):
    def test_tokens_are_lower_case_runs_of_letters_and_digits(self):
        self.assertEqual(tokens("Item: Women's T-Shirt_Top 2-pack"), ["item", "women", "s", "t", "shirt", "top", "2", "pack"])

    def test_cjk_characters_are_tokens_of_their_own(self):
        self.assertEqual(tokens("红色连衣裙 polo衫"), ["红", "色", "连", "衣", "裙", "polo", "衫"])

    def test_features_are_unigrams_then_bigrams(self):
        self.assertEqual(features("Slim FIT blue"), ["slim", "fit", "blue", "slim fit", "fit blue"])

    def test_emoji_and_punctuation_give_nothing(self):
        self.assertEqual(features("… 👗 …"), [])

    def test_accented_letters_stay_in_their_word(self):
        self.assertEqual(tokens("Émile Crêpe"), ["émile", "crêpe"])


if __name__ == "__main__":
    unittest.main()
