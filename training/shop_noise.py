"""Shop-style decoration of training names: the words other retailers put around an item's noun
that say nothing about what it is — a made-up brand, a possessive gender word ("Women's",
"Mens"), a model code ("ah05", "SF-1000"), a marketing adjective ("Elegant", "Hot"), a size or
pack tail ("(Size 8)", "- Pack of 3"). A model trained on few shops' wording reads such words as
evidence ("Slimskii Women's Draped Chiffon Kimono Dress" -> Shorts in the fold trained without
Amazon); decorating some training names teaches it to look past them. Torch- and numpy-free, so
the plain-Python tests can import it."""

# Gender words that agree with the item's one gender label (never added when it has none or several).
GENDER_FORMS = {
    "Women": ["Women's", "Womens", "Ladies", "Woman's", "Women", "Ladies'"],
    "Men": ["Men's", "Mens", "Man's", "Men", "Gents"],
    "Boys": ["Boys'", "Boy's", "Boys"],
    "Girls": ["Girls'", "Girl's", "Girls"],
}
# A word of the name that already says the gender (it is replaced by a variant, not doubled).
GENDER_WORDS = {"women", "woman", "womens", "ladies", "men", "man", "mens", "gents", "boys", "boy",
                "girls", "girl"}

# Adjectives that carry no article type, colour, usage, season or gender.
ADJECTIVES = ["New", "Hot", "Fashion", "Elegant", "Classic", "Premium", "Stylish", "Trendy", "Comfortable",
              "Soft", "Lightweight", "Original", "Genuine", "Vintage", "Chic", "Essential", "Cute", "Modern",
              "Deluxe", "Signature", "Everyday", "Basic", "Designer", "Latest"]
# Tails that give a size or a pack, never a colour or a type.
TAILS = ["(Size {n})", "(Pack of {k})", "(Large)", "(Medium)", "(Small)", "(XL)", "(US {n}.5)", "- {k} Pack",
         "- Size {n}", "(One Size)", "(XS-XXL)", "({n})", "(EU {e})"]
SYLLABLES = ["ka", "lo", "mi", "ra", "ze", "vi", "no", "ta", "el", "an", "or", "ix", "ly", "mar", "tes",
             "qui", "do", "sen", "ri", "ko", "val", "ben", "tu", "fio", "ne", "sa", "lu", "pi", "gra", "zo"]
# A made-up brand must not contain a garment, colour or gender word the model should read.
BLOCKED_IN_BRANDS = ("bra", "tee", "top", "cap", "bag", "tie", "sock", "belt", "bag", "red", "tan", "men",
                     "kurta", "sari", "ring", "boot", "shoe", "vest", "coat", "hat", "scarf", "gown", "skirt",
                     "dress", "jean", "pink", "blue", "gold", "rose", "lilac", "navy", "grey", "gray", "wine")


def is_gender_word(word):
    """Whether a word of a name is a gender word in any of its shop forms ("Women's", "MENS", "Girls'")."""
    w = word.lower().replace("\u2019", "'").strip("'")
    return w.removesuffix("'s") in GENDER_WORDS or w in GENDER_WORDS


def made_up_brand(rng):
    """A capitalised pseudo-word of 2-3 syllables (no garment, colour or gender word inside)."""
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))
        if not any(b in word for b in BLOCKED_IN_BRANDS):
            return word.capitalize()


def model_code(rng):
    """A model or style number such as 'ah05', 'SF-1000' or '701CB'."""
    letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXZ") for _ in range(rng.choice((1, 2, 2, 3))))
    digits = str(rng.randrange(1, 10 ** rng.choice((2, 3, 4))))
    form = rng.randrange(4)
    if form == 0:
        return letters.lower() + digits.zfill(2)
    if form == 1:
        return f"{letters}-{digits}"
    if form == 2:
        return digits + letters
    return letters + digits


def size_tail(rng):
    """A size or pack tail such as '(Size 8)' or '- 3 Pack'."""
    return rng.choice(TAILS).format(n=rng.randrange(4, 14), k=rng.randrange(2, 7), e=rng.randrange(35, 46))


def decorate(name, genders, rng, p_gender=0.5, p_brand=0.45, p_code=0.3, p_adjective=0.3, p_tail=0.3):
    """The name with shop-style decorations added, each with its probability: a gender word agreeing
    with `genders` (the item's allowed gender labels; used only when there is exactly one of
    Women/Men/Boys/Girls), a made-up brand first, a model code, an adjective, a size tail.
    The words of the name itself are kept in their order."""
    words = name.split()
    if not words:
        return name
    gender = genders[0] if len(genders) == 1 and genders[0] in GENDER_FORMS else None
    if gender and rng.random() < p_gender:
        form = rng.choice(GENDER_FORMS[gender])
        at = next((i for i, w in enumerate(words) if is_gender_word(w)), None)
        if at is not None:
            words[at] = form
        else:
            words.insert(0 if len(words) < 3 or rng.random() < 0.5 else 1, form)
    if rng.random() < p_adjective:
        words.insert(rng.randrange(0, len(words)), rng.choice(ADJECTIVES))
    if rng.random() < p_code:
        code = model_code(rng)
        if rng.random() < 0.5:
            words.insert(rng.randrange(0, len(words)), code)
        else:
            words.append(code)
    if rng.random() < p_brand:
        words[:0] = [made_up_brand(rng) for _ in range(rng.choice((1, 1, 2)))]
    if rng.random() < p_tail:
        words.append(size_tail(rng))
    return " ".join(words)
