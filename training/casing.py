"""How the classifier's input text treats words written in capitals (src/model/inputText.ts does the same).

Some shops write names in capitals ("POLKA DOT SHIRT", Zara); the model's tokenizer and training text
are mostly in title or lower case, so a shouted name reads as rare pieces and the model ignored the
very word that names the item. A word with at least two capital letters and no small letters is
lower-cased; everything else is kept as written. Checked against test/fixtures/classifier/casing-cases.json."""
import re

_WORD = re.compile(r"\S+")


def _lower_if_shouted(match):
    word = match.group(0)
    capitals = sum(1 for ch in word if ch.isupper())
    if capitals >= 2 and not any(ch.islower() for ch in word):
        return word.lower()
    return word


def lower_shouted_words(text):
    """The text with each whitespace-separated word that has two or more capitals and no small letter lower-cased."""
    return _WORD.sub(_lower_if_shouted, text)
