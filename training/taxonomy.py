"""One taxonomy for the classifier's heads, and how each source's labels map onto it.

The heads keep the Myntra vocabulary (articleType 143, subCategory, masterCategory, baseColour,
usage, gender, season). Another shop's label rarely names exactly one of those classes ("Knits"
is a T-shirt, a top or a sweater; "Boots" is a casual, formal or heeled shoe), so a mapped label
is a *set* of allowed classes: training uses the partial-label loss -log sum_{c in set} p(c), and
evaluation counts a prediction right when it is in the set. An empty set means "no value": that
head's loss is masked for the item. Everything here is a plain table so it can be read and
tested (training/test_taxonomy.py)."""
import re

HEADS = ["articleType", "subCategory", "masterCategory", "baseColour", "usage", "gender", "season"]

# ---------------------------------------------------------------- article types onto Myntra's

SHOES = ["Casual Shoes", "Formal Shoes", "Sports Shoes", "Heels", "Flats"]
ALL_FOOTWEAR = SHOES + ["Sandals", "Sports Sandals", "Flip Flops"]
TOPS = ["Tshirts", "Tops"]
KNIT_TOPS = ["Tshirts", "Tops", "Sweaters", "Sweatshirts"]
JEWELLERY = ["Earrings", "Pendant", "Necklace and Chains", "Ring", "Bracelet", "Bangle", "Jewellery Set"]
BAGS = ["Handbags", "Backpacks", "Clutches", "Laptop Bag", "Messenger Bag", "Duffel Bag", "Mobile Pouch",
        "Waist Pouch", "Rucksacks"]

# Reviews of a US women's-clothing retailer: its "Class Name".
REVIEWS_TYPES = {
    "Dresses": ["Dresses"], "Knits": KNIT_TOPS, "Blouses": ["Tops", "Shirts", "Tunics"],
    "Sweaters": ["Sweaters", "Sweatshirts"], "Fine gauge": ["Sweaters", "Tops"],
    "Pants": ["Trousers", "Track Pants", "Lounge Pants", "Capris", "Leggings"], "Jeans": ["Jeans", "Jeggings"],
    "Skirts": ["Skirts"], "Jackets": ["Jackets", "Blazers", "Waistcoat"], "Outerwear": ["Jackets", "Rain Jacket"],
    "Lounge": ["Lounge Pants", "Lounge Shorts", "Lounge Tshirts", "Night suits", "Tshirts", "Tops", "Track Pants"],
    "Swim": ["Swimwear"], "Shorts": ["Shorts", "Lounge Shorts"], "Sleep": ["Nightdress", "Night suits", "Lounge Pants", "Baby Dolls", "Robe"],
    "Legwear": ["Leggings", "Stockings", "Tights", "Socks"], "Intimates": ["Bra", "Briefs", "Camisoles", "Shapewear"],
    "Layering": ["Tops", "Camisoles", "Shrug", "Tshirts"], "Casual bottoms": ["Trousers", "Shorts", "Skirts"],
    "Chemises": ["Camisoles", "Nightdress"],
    # "Trend" is a merchandising class, not a garment type: no value.
}

# Amazon (ImplicitAVE) categories; Shoes are refined by the style attribute below.
AMAZON_TYPES = {
    "Dresses": ["Dresses"], "Shirts & Tops": ["Tshirts", "Tops", "Shirts", "Tunics"],
    "Charms & Pendants": ["Pendant", "Necklace and Chains"], "Skirts": ["Skirts"],
    "Pants": ["Trousers", "Track Pants", "Jeans", "Leggings", "Capris", "Lounge Pants"], "Hats": ["Hat", "Caps"],
    "Scarves & Shawls": ["Scarves", "Stoles", "Mufflers"], "Backpacks": ["Backpacks", "Rucksacks"], "Socks": ["Socks"],
    "Messenger Bags": ["Messenger Bag", "Laptop Bag"], "Handbags": ["Handbags", "Clutches"], "Briefcases": ["Laptop Bag", "Messenger Bag"],
    "Coats & Jackets": ["Jackets", "Rain Jacket", "Blazers"], "Wedding & Bridal Party Dresses": ["Dresses"],
    "Wallets & Money Clips": ["Wallets"], "Baby & Toddler Dresses": ["Dresses"],
    "Baby & Toddler Outfits": ["Clothing Set", "Tshirts", "Night suits", "Rompers"], "Underwear": ["Briefs", "Boxers", "Trunk", "Innerwear Vests", "Bra"],
    "Duffel Bags": ["Duffel Bag"], "Baby One-Pieces": ["Rompers", "Jumpsuit", "Clothing Set"], "Shorts": ["Shorts"],
    "Vests": ["Waistcoat", "Innerwear Vests", "Jackets"], "Jumpsuits & Rompers": ["Jumpsuit", "Rompers"], "Belts": ["Belts"],
    "Robes": ["Robe", "Bath Robe"], "Swimwear": ["Swimwear"], "Bras": ["Bra"], "Pajamas": ["Night suits", "Lounge Pants"],
    "Shoes": ALL_FOOTWEAR,
}

# Flipkart's leaf categories (lower case), grouped by what they are in Myntra's words.
_FLIPKART_GROUPS = {
    ("Blazers",): ["blazers", "suits"], ("Dresses",): ["dresses", "frocks", "dresses & skirts", "gown material"],
    ("Jumpsuit", "Rompers"): ["jumpsuits", "jumpsuit", "dungarees", "bodysuits", "sleepsuits"],
    ("Jackets",): ["jackets", "fashion jackets", "winter jackets", "sports jackets", "windcheaters", "coats", "raincoats"],
    ("Leggings", "Jeggings"): ["leggings & jeggings", "legging jegging"],
    ("Night suits",): ["night suits"], ("Lounge Pants", "Night suits"): ["pyjamas", "pyjamas & lounge pants"],
    ("Tshirts",): ["polos & t-shirts", "polos & tshirts", "t-shirts"], ("Shirts",): ["shirts", "shirt"],
    ("Shorts",): ["shorts"], ("Track Pants",): ["track pants"], ("Tracksuits",): ["track suits"],
    ("Trousers",): ["trousers", "cargos", "harem pants"], ("Capris",): ["three fourths", "capris"],
    ("Tops",): ["tops", "blouses", "track tops"], ("Tops", "Tunics", "Shirts"): ["shirts, tops & tunics"],
    ("Kurtas", "Kurtis"): ["kurtas & kurtis"], ("Kurtas",): ["kurta", "kurtas"], ("Kurtis",): ["kurti", "kurtis"],
    ("Tunics",): ["tunics", "kaftans"], ("Salwar and Dupatta", "Kurta Sets"): ["salwar kurta dupattas"],
    ("Kurta Sets", "Clothing Set"): ["ethnic sets", "combo sets", "sets", "lingerie sets"],
    ("Shrug",): ["shrugs", "shrug"], ("Shrug", "Jackets"): ["shrugs & jackets"], ("Bra",): ["bras", "sports bras"],
    ("Boxers",): ["boxers"], ("Briefs",): ["briefs", "panties", "bloomers & drawers"], ("Camisoles",): ["camisoles & slips"],
    ("Baby Dolls",): ["babydolls"], ("Nightdress",): ["night dresses & nighties"], ("Shapewear",): ["shapewears"],
    ("Innerwear Vests",): ["vests", "thermals"], ("Waistcoat", "Nehru Jackets"): ["waistcoats"],
    ("Sweaters",): ["sweaters", "sweaters & pullovers", "pullovers", "cardigans"], ("Sweatshirts",): ["sweatshirts"],
    ("Skirts",): ["skirts"], ("Jeans",): ["jeans"], ("Sarees",): ["sarees"], ("Dupatta",): ["dupattas"],
    ("Lehenga Choli",): ["lehenga cholis", "north & south indian lehenga cholis", "lehengas"],
    ("Patiala",): ["patiala", "patialas"], ("Churidar",): ["churidars"], ("Stockings", "Tights"): ["stockings", "tights"],
    ("Socks",): ["socks"], ("Ties",): ["ties"], ("Caps",): ["caps"], ("Hat", "Caps"): ["hats"],
    ("Mufflers", "Scarves"): ["mufflers"], ("Scarves", "Stoles"): ["scarfs", "scarves & stoles", "bandanas"],
    ("Gloves",): ["gloves"], ("Swimwear",): ["swimsuits", "swimsuit & swimwear", "swim & beach wear"],
    ("Suspenders",): ["suspenders"], ("Cufflinks",): ["cufflinks", "shirt studs", "cufflinks & tie pins"],
    ("Wristbands",): ["wrist bands"], ("Belts",): ["belts"], ("Wallets",): ["wallets", "card holders"],
    ("Backpacks", "Rucksacks"): ["backpacks", "rucksacks"], ("Clutches",): ["clutches"],
    ("Handbags",): ["totes"], ("Handbags", "Clutches", "Mobile Pouch", "Waist Pouch"): ["pouches and potlis"],
    tuple(BAGS): ["bags"], ("Trolley Bag", "Duffel Bag"): ["suitcases"],
    ("Sunglasses",): ["sunglasses"], ("Watches",): ["wrist watches"],
    ("Casual Shoes",): ["casual shoes", "canvas", "casual", "loafers", "mocassins", "sneakers", "clogs", "school shoes"],
    ("Casual Shoes", "Formal Shoes", "Heels"): ["boots"], ("Formal Shoes",): ["formal shoes"],
    ("Sports Shoes",): ["sports shoes", "running", "walking", "sports", "cricket"], ("Heels",): ["heels", "wedges"],
    ("Flats",): ["flats", "ballerinas"], ("Sandals",): ["sandals & floaters"], ("Sports Sandals",): ["sports sandals"],
    ("Flip Flops",): ["slippers & flip flops"],
    ("Bangle", "Bracelet"): ["bangles", "bangles, bracelets & armlets", "armlets"], ("Bracelet",): ["bracelets", "anklets"],
    ("Earrings",): ["earrings"], ("Jewellery Set",): ["jewellery sets"], ("Necklace and Chains",): ["necklaces", "chains", "mangalsutras & tanmaniyas"],
    ("Pendant",): ["pendants & lockets"], ("Ring",): ["rings", "nose rings & studs"],
}
FLIPKART_TYPES = {leaf: list(types) for types, leaves in _FLIPKART_GROUPS.items() for leaf in leaves}

# Words that name an item's type in English names (Zara's last word, test and lexicon use).
TYPE_WORDS = {
    "dress": ["Dresses"], "shirtdress": ["Dresses"], "pants": ["Trousers", "Track Pants"], "trousers": ["Trousers"],
    "shirt": ["Shirts"], "overshirt": ["Shirts", "Jackets"], "blouse": ["Tops", "Shirts"], "top": TOPS, "tops": TOPS,
    "t-shirt": ["Tshirts"], "t-shirts": ["Tshirts"], "tee": ["Tshirts"], "polo": ["Tshirts"], "jacket": ["Jackets"],
    "parka": ["Jackets"], "coat": ["Jackets"], "blazer": ["Blazers"], "vest": ["Waistcoat", "Innerwear Vests", "Tops"],
    "jeans": ["Jeans"], "jeggings": ["Jeggings"], "leggings": ["Leggings"], "shorts": ["Shorts"], "skirt": ["Skirts"],
    "sweater": ["Sweaters"], "cardigan": ["Sweaters"], "sweatshirt": ["Sweatshirts"], "hoodie": ["Sweatshirts"],
    "jumpsuit": ["Jumpsuit"], "overalls": ["Jumpsuit"], "bodysuit": ["Tops", "Rompers"], "tunic": ["Tunics"],
    "bag": BAGS, "tote": ["Handbags"], "handbag": ["Handbags"], "backpack": ["Backpacks"], "wallet": ["Wallets"],
    "briefcase": ["Laptop Bag", "Messenger Bag"], "sneakers": ["Casual Shoes", "Sports Shoes"], "boots": ["Casual Shoes", "Formal Shoes", "Heels"],
    "shoes": SHOES, "loafers": ["Casual Shoes", "Formal Shoes"], "mules": ["Heels", "Flats", "Casual Shoes"], "heels": ["Heels"],
    "sandals": ["Sandals", "Heels", "Flats"], "slides": ["Flip Flops", "Sandals"], "socks": ["Socks"], "belt": ["Belts"],
    "cap": ["Caps"], "hat": ["Hat"], "beanie": ["Caps", "Hat"], "scarf": ["Scarves"], "headband": ["Headband"],
    "earrings": ["Earrings"], "necklace": ["Necklace and Chains", "Pendant"], "chain": ["Necklace and Chains"],
    "bracelet": ["Bracelet", "Bangle"], "swimsuit": ["Swimwear"], "bikini": ["Swimwear"], "panties": ["Briefs"],
    "boxers": ["Boxers"], "underwear": ["Briefs", "Boxers", "Trunk"], "thong": ["Briefs"], "bra": ["Bra"], "tie": ["Ties"],
    "set": ["Clothing Set"], "sunglasses": ["Sunglasses"], "watch": ["Watches"],
}

# More words that name a type, for the named-type bonus only (rules.name_types; TYPE_WORDS alone still
# gives Zara its evaluation labels): plurals, singulars and other shops' words for Myntra's article types.
MORE_TYPE_WORDS = {
    "jumper": ["Sweaters"], "jumpers": ["Sweaters"], "pullover": ["Sweaters", "Sweatshirts"],
    "sweaters": ["Sweaters"], "cardigans": ["Sweaters"], "hoodies": ["Sweatshirts"], "sweatshirts": ["Sweatshirts"],
    "jackets": ["Jackets"], "coats": ["Jackets"], "blazers": ["Blazers"], "shirts": ["Shirts"],
    "blouses": ["Tops", "Shirts"], "tees": ["Tshirts"], "tshirt": ["Tshirts"], "tshirts": ["Tshirts"],
    "tank": ["Tops", "Innerwear Vests"], "camisole": ["Camisoles", "Tops"], "cami": ["Camisoles", "Tops"],
    "kurta": ["Kurtas"], "kurtas": ["Kurtas"], "kurti": ["Kurtis"], "kurtis": ["Kurtis"], "saree": ["Sarees"],
    "sari": ["Sarees"], "sarees": ["Sarees"], "dupatta": ["Dupatta"], "joggers": ["Track Pants"],
    "jogger": ["Track Pants"], "sweatpants": ["Track Pants"], "trackpants": ["Track Pants"], "chinos": ["Trousers"],
    "trouser": ["Trousers"], "slacks": ["Trousers"], "capris": ["Capris"], "skirts": ["Skirts"],
    "dresses": ["Dresses"], "gown": ["Dresses"], "romper": ["Rompers", "Jumpsuit"],
    "playsuit": ["Rompers", "Jumpsuit"], "jumpsuits": ["Jumpsuit"], "dungarees": ["Jumpsuit"],
    "tights": ["Tights", "Stockings"], "stockings": ["Stockings"], "briefs": ["Briefs"], "brief": ["Briefs"],
    "trunks": ["Trunk"], "boxer": ["Boxers"], "bras": ["Bra"], "bralette": ["Bra"], "nightgown": ["Nightdress"],
    "nightie": ["Nightdress"], "nightdress": ["Nightdress"], "pajamas": ["Night suits", "Lounge Pants"],
    "pyjamas": ["Night suits", "Lounge Pants"], "robe": ["Robe", "Bath Robe"], "bathrobe": ["Bath Robe", "Robe"],
    "swimwear": ["Swimwear"], "swimsuits": ["Swimwear"], "trainers": ["Sports Shoes", "Casual Shoes"],
    "sneaker": ["Casual Shoes", "Sports Shoes"], "boot": ["Casual Shoes", "Formal Shoes", "Heels"],
    "booties": ["Casual Shoes", "Heels"], "pumps": ["Heels"], "stilettos": ["Heels"], "wedges": ["Heels"],
    "flats": ["Flats"], "ballerinas": ["Flats"], "espadrilles": ["Casual Shoes", "Flats"],
    "moccasins": ["Casual Shoes"], "oxfords": ["Formal Shoes"], "brogues": ["Formal Shoes", "Casual Shoes"],
    "flops": ["Flip Flops"], "slippers": ["Flip Flops"], "clogs": ["Casual Shoes", "Sandals"],
    "sandal": ["Sandals", "Heels", "Flats"], "slide": ["Flip Flops", "Sandals"], "handbags": ["Handbags"],
    "purse": ["Handbags", "Wallets", "Clutches"], "clutch": ["Clutches"], "clutches": ["Clutches"],
    "satchel": ["Handbags", "Messenger Bag"], "backpacks": ["Backpacks"], "rucksack": ["Backpacks", "Rucksacks"],
    "duffel": ["Duffel Bag"], "duffle": ["Duffel Bag"], "wallets": ["Wallets"], "belts": ["Belts"], "caps": ["Caps"],
    "hats": ["Hat"], "gloves": ["Gloves"], "mittens": ["Gloves"], "scarves": ["Scarves"],
    "shawl": ["Stoles", "Scarves"], "stole": ["Stoles"], "muffler": ["Mufflers"], "earring": ["Earrings"],
    "necklaces": ["Necklace and Chains", "Pendant"], "pendant": ["Pendant"], "ring": ["Ring"], "rings": ["Ring"],
    "bangles": ["Bangle"], "bangle": ["Bangle"], "bracelets": ["Bracelet", "Bangle"], "anklet": ["Bracelet"],
    "watches": ["Watches"], "ties": ["Ties"], "cufflinks": ["Cufflinks"], "sock": ["Socks"],
    "umbrella": ["Umbrellas"], "lipstick": ["Lipstick"], "perfume": ["Perfume and Body Mist"],
    "deodorant": ["Deodorant"], "waistcoat": ["Waistcoat"], "gilet": ["Waistcoat", "Jackets"],
    "windbreaker": ["Jackets", "Rain Jacket"], "raincoat": ["Rain Jacket"], "tracksuit": ["Tracksuits"],
    "shrug": ["Shrug"], "tunics": ["Tunics"],
    "flip-flops": ["Flip Flops"], "flip-flop": ["Flip Flops"], "crop-top": ["Tops", "Tshirts"], "tank-top": ["Tops", "Innerwear Vests"],
    # Words of European shops' catalogues the list lacked (7 Dec 2026: "Lofoten beanies", "wool overcoat", "felt slipper").
    "beanies": ["Caps", "Hat"], "beret": ["Caps", "Hat"], "berets": ["Caps", "Hat"], "fedora": ["Hat"], "fedoras": ["Hat"],
    "glove": ["Gloves"], "mitten": ["Gloves"], "slipper": ["Flip Flops", "Sandals"], "loafer": ["Casual Shoes", "Formal Shoes"],
    "overcoat": ["Jackets"], "overcoats": ["Jackets"], "parkas": ["Jackets"], "anorak": ["Jackets", "Rain Jacket"],
    "anoraks": ["Jackets", "Rain Jacket"], "puffer": ["Jackets"], "bomber": ["Jackets"], "trench": ["Jackets"],
    "pinafore": ["Dresses"], "culottes": ["Trousers", "Capris", "Shorts"], "vests": ["Waistcoat", "Innerwear Vests", "Tops"],
    # Indian wear, hair and swim words, and more plurals (7 Dec 2026, a hand-written European-style catalogue; not "totes",
    # "slider" or "tuxedo", in Amazon's titles mostly a brand, a print's name and a print on a T-shirt).
    "espadrille": ["Casual Shoes", "Flats"], "mule": ["Heels", "Flats", "Casual Shoes"], "clog": ["Casual Shoes", "Sandals"],
    "sliders": ["Flip Flops", "Sandals"], "kaftan": ["Tunics", "Dresses"],
    "kaftans": ["Tunics", "Dresses"], "caftan": ["Tunics", "Dresses"], "lehenga": ["Lehenga Choli"], "lehengas": ["Lehenga Choli"],
    "churidar": ["Churidar"], "churidars": ["Churidar"], "salwar": ["Salwar", "Salwar and Dupatta"], "patiala": ["Patiala"],
    "rashguard": ["Swimwear"], "tankini": ["Swimwear"], "bandana": ["Scarves"],
    "bandanas": ["Scarves"], "scrunchie": ["Hair Accessory"], "scrunchies": ["Hair Accessory"], "hairclip": ["Hair Accessory"],
    "hairclips": ["Hair Accessory"], "hairband": ["Hair Accessory", "Headband"], "headbands": ["Headband"],
    "legging": ["Leggings"], "camisoles": ["Camisoles", "Tops"], "bodysuits": ["Tops", "Rompers"], "rompers": ["Rompers", "Jumpsuit"],
    "playsuits": ["Rompers", "Jumpsuit"], "pyjama": ["Night suits", "Lounge Pants"],
    "nighties": ["Nightdress"], "nightgowns": ["Nightdress"], "nightshirt": ["Nightdress", "Night suits"], "hoody": ["Sweatshirts"],
    "raincoats": ["Rain Jacket"], "gilets": ["Waistcoat", "Jackets"], "waistcoats": ["Waistcoat"],
    "windbreakers": ["Jackets", "Rain Jacket"], "bermudas": ["Shorts"], "palazzos": ["Trousers"], "shacket": ["Shirts", "Jackets"],
    "overshirts": ["Shirts", "Jackets"], "choker": ["Necklace and Chains"], "chokers": ["Necklace and Chains"],
    "wristwatch": ["Watches"], "umbrellas": ["Umbrellas"], "bolero": ["Shrug"],
}

# Two-word names whose type is not what their words name ("bikini top" is swimwear, not a top; "dressing gown" a
# robe, "boxer shorts" boxers, "hair tie" a hair accessory): each claims its words before they are read alone.
TYPE_PHRASES = {
    "bikini top": ["Swimwear"], "bikini tops": ["Swimwear"], "bikini bottoms": ["Swimwear"],
    "bikini bottom": ["Swimwear"], "bikini briefs": ["Swimwear"], "swim shorts": ["Swimwear"],
    "swimming shorts": ["Swimwear"], "board shorts": ["Swimwear", "Shorts"], "swim trunks": ["Swimwear"],
    "swim skirt": ["Swimwear"], "swimming trunks": ["Swimwear"], "swim briefs": ["Swimwear"], "swim suit": ["Swimwear"],
    "boxer shorts": ["Boxers"], "boxer briefs": ["Boxers", "Briefs", "Trunk"], "dressing gown": ["Robe", "Bath Robe"],
    "dressing gowns": ["Robe", "Bath Robe"], "bath robe": ["Bath Robe", "Robe"], "hair tie": ["Hair Accessory"],
    "hair ties": ["Hair Accessory"], "hair clip": ["Hair Accessory"], "hair clips": ["Hair Accessory"],
    "hair slide": ["Hair Accessory"], "hair slides": ["Hair Accessory"], "hair band": ["Hair Accessory", "Headband"],
    "hair bands": ["Hair Accessory", "Headband"], "suit jacket": ["Blazers", "Suits"],
    "suit jackets": ["Blazers", "Suits"], "dinner jacket": ["Blazers", "Suits"], "tuxedo jacket": ["Blazers", "Suits"],
    "belt bag": ["Waist Pouch", "Handbags"], "belt bags": ["Waist Pouch", "Handbags"], "bum bag": ["Waist Pouch"],
    "waist bag": ["Waist Pouch"], "tie belt": ["Belts"], "shirt dress": ["Dresses"], "shirt dresses": ["Dresses"],
    "t-shirt dress": ["Dresses"], "sweater dress": ["Dresses"], "jumper dress": ["Dresses"],
    "sweatshirt dress": ["Dresses"], "hoodie dress": ["Dresses"], "blazer dress": ["Dresses"],
    "polo dress": ["Dresses"], "tunic dress": ["Dresses", "Tunics"], "polo shirt": ["Tshirts"],
    "polo shirts": ["Tshirts"], "shoulder bag": ["Handbags", "Messenger Bag"],
    "crossbody bag": ["Handbags", "Messenger Bag"], "tote bag": ["Handbags"], "shopper bag": ["Handbags"],
    "bucket bag": ["Handbags"], "messenger bag": ["Messenger Bag"], "laptop bag": ["Laptop Bag"],
    "duffel bag": ["Duffel Bag"], "duffle bag": ["Duffel Bag"], "weekend bag": ["Duffel Bag", "Handbags"],
    "gym bag": ["Duffel Bag"], "ballet flats": ["Flats"], "ballet pumps": ["Flats"], "boat shoes": ["Casual Shoes"],
    "deck shoes": ["Casual Shoes"], "running shoes": ["Sports Shoes"], "football boots": ["Sports Shoes"],
    "night dress": ["Nightdress"], "night shirt": ["Nightdress", "Night suits"], "track suit": ["Tracksuits"],
    "jump suit": ["Jumpsuit"], "boiler suit": ["Jumpsuit"], "night suit": ["Night suits"],
    "pyjama bottoms": ["Lounge Pants", "Night suits"], "salwar suit": ["Kurta Sets", "Salwar and Dupatta"],
    "salwar suits": ["Kurta Sets", "Salwar and Dupatta"], "salwar kameez": ["Kurta Sets", "Salwar and Dupatta"],
    "tracksuit bottoms": ["Track Pants"], "jogging bottoms": ["Track Pants"], "body mist": ["Perfume and Body Mist"],
    "pyjama shorts": ["Lounge Shorts", "Night suits"], "rain trousers": ["Rain Trousers"],
    "rain pants": ["Rain Trousers"], "rain jacket": ["Rain Jacket", "Jackets"],
    "rain jackets": ["Rain Jacket", "Jackets"], "sport coat": ["Blazers"], "sports coat": ["Blazers"],
    "nehru jacket": ["Nehru Jackets"], "nehru jackets": ["Nehru Jackets"], "phone bag": ["Mobile Pouch"],
    "phone pouch": ["Mobile Pouch"],
}
NAME_TYPE_WORDS = {**TYPE_WORDS, **MORE_TYPE_WORDS, **TYPE_PHRASES}


def hyphen_bound_patterns(words):
    """{word: labels} as [(pattern, labels)], longest word first, so that a longer word claims its part
    ("t-shirt" before "shirt", the phrase "bikini top" before "top"); a hyphen joins words ("tie-dye" names no
    tie, "crop-top" no top). Letters and hyphens only, and single spaces between a phrase's words (any run of
    white space in the text), so each word is its own pattern in Python and in JavaScript's unicode mode."""
    assert all(re.fullmatch(r"[a-z][a-z\-]*( [a-z][a-z\-]*)*", w) for w in words)
    return [("(?<!-)" + w.replace(" ", r"\s+") + "(?!-)", words[w]) for w in sorted(words, key=lambda w: (-len(w), w))]


def _whole_words(patterns):
    """[(pattern, labels)] compiled as whole-word matches, for labels_named."""
    return [(re.compile(r"\b(?:" + p + r")\b"), v) for p, v in patterns]


NAME_TYPE_PATTERNS = hyphen_bound_patterns(NAME_TYPE_WORDS)
_NAME_TYPE_RE = _whole_words(NAME_TYPE_PATTERNS)

# Words of a name that say whom the item is for, for the named-gender bonus only (rules.name_genders):
# "Nike Men Windrunner Jacket", "Women's Notch Neck Top", "Big Girls' T-Shirt". "men" is a whole word, so
# it names Men in "men's" and nothing in "women"; a hyphen joins words ("spider-man" names no one); "kids"
# names both Boys and Girls.
NAME_GENDER_WORDS = {
    "men": ["Men"], "mens": ["Men"], "man": ["Men"], "male": ["Men"], "gents": ["Men"],
    "women": ["Women"], "womens": ["Women"], "woman": ["Women"], "ladies": ["Women"], "female": ["Women"],
    "boys": ["Boys"], "boy": ["Boys"], "girls": ["Girls"], "girl": ["Girls"], "kids": ["Boys", "Girls"],
    "unisex": ["Unisex"],
}
NAME_GENDER_PATTERNS = hyphen_bound_patterns(NAME_GENDER_WORDS)
_NAME_GENDER_RE = _whole_words(NAME_GENDER_PATTERNS)

# ---------------------------------------------------------------- colours onto Myntra's base colours

# Checked in order: the first pattern found in the lower-cased colour text wins, so longer, more
# specific names come first ("navy blue" before "blue", "off white" before "white").
COLOUR_WORDS = [
    ("navy|midnight blue|ink blue|marine", ["Navy Blue"]), ("off white|off-white|oyster white|ivory|ecru|vanilla|chalk|natural|oatmeal", ["Off White", "Cream"]),
    ("cream|butter", ["Cream", "Yellow"]), ("turquoise|aqua|aquamarine", ["Turquoise Blue"]), ("teal|petrol|duck", ["Teal"]),
    ("sea green|mint|water green", ["Sea Green", "Green"]), ("olive|khaki green|sage|army", ["Olive", "Green"]), ("lime|neon green", ["Lime Green", "Green"]),
    ("grey melange|gray marl|grey marl|marl", ["Grey Melange", "Grey"]), ("charcoal|anthracite", ["Charcoal", "Grey"]),
    ("burgundy|marsala|wine|oxblood|bordeaux", ["Burgundy", "Maroon"]), ("maroon|plum|eggplant", ["Maroon", "Burgundy", "Purple"]),
    ("lavender|lilac|light purple", ["Lavender", "Purple"]), ("mauve", ["Mauve", "Purple", "Pink"]), ("fuchsia|magenta|raspberry", ["Magenta", "Pink"]),
    ("coral|salmon|peach|apricot", ["Peach", "Orange", "Pink"]), ("rust|terracotta|brick|russet|burnt orange|copper", ["Rust", "Orange", "Brown", "Copper"]),
    ("mustard|ochre|ocher", ["Mustard", "Yellow"]), ("chocolate|coffee|tobacco|espresso", ["Coffee Brown", "Brown"]),
    ("camel|caramel|sand|stone|taupe|mink|almond|alamond|mushroom", ["Beige", "Tan", "Taupe", "Khaki", "Mushroom Brown", "Brown"]),
    ("khaki", ["Khaki", "Beige", "Olive"]), ("tan", ["Tan", "Brown", "Beige"]), ("nude|skin|blush", ["Nude", "Skin", "Beige", "Pink"]),
    ("beige", ["Beige"]), ("gold|golden|mustard", ["Gold", "Yellow"]), ("silver|metallic|steel", ["Silver", "Steel", "Metallic", "Grey"]),
    ("bronze", ["Bronze", "Brown"]), ("rose", ["Rose", "Pink"]), ("pink|bubble gum|strawberry", ["Pink"]),
    ("red|cherry|geranium|scarlet", ["Red"]), ("orange|tangerine", ["Orange"]), ("yellow|lemon", ["Yellow"]),
    ("green|grass|lawn|emerald|bottle", ["Green"]), ("indigo|cobalt|denim", ["Blue", "Navy Blue"]), ("blue|sky", ["Blue"]),
    ("purple|violet", ["Purple"]), ("brown", ["Brown"]), ("grey|gray", ["Grey"]), ("black", ["Black"]), ("white|ice", ["White"]),
    ("multi|various|printed|striped|leopard|snake", ["Multi"]),
]
_COLOUR_RE = _whole_words(COLOUR_WORDS)


def colour_set(text):
    """Base colours a shop's colour name allows ('Sage green' -> Olive/Green). Two colours named
    ("Black / White", "Green, Yellow") map to Multi; text without a known colour maps to nothing."""
    t = (text or "").lower()
    if not t:
        return []
    parts = [p for p in re.split(r"\s*(?:/|,|-(?=[a-z]))\s*", t) if p.strip()]
    found = []
    for part in parts:
        for pattern, allowed in _COLOUR_RE:
            if pattern.search(part):
                found.append(allowed)
                break
    if not found:
        return []
    if len(found) > 1 and any(set(f) != set(found[0]) for f in found[1:]):
        return ["Multi"]
    return list(found[0])


def labels_named(text, patterns, substrings=()):
    """Every label a free text (an item's name) names, in the order the text names them: each compiled
    (pattern, labels) of `patterns` in turn claims its whole-word matches in the lower-cased text that no
    earlier pattern claimed, then each (substring, labels) of `substrings` its occurrences anywhere
    (Chinese words, which have no spaces around them); each match gives its labels, once each."""
    t = (text or "").lower()
    claimed, found = [], []

    def claim(start, end, allowed):
        if not any(start < e and s < end for s, e in claimed):
            claimed.append((start, end))
            found.append((start, allowed))

    for pattern, allowed in patterns:
        for m in pattern.finditer(t):
            claim(m.start(), m.end(), allowed)
    for term, allowed in substrings:
        at = t.find(term)
        while at >= 0:
            claim(at, at + len(term), allowed)
            at = t.find(term, at + len(term))
    out = []
    for _, allowed in sorted(found, key=lambda f: f[0]):
        out.extend(c for c in allowed if c not in out)
    return out


def colours_named(text, substrings=()):
    """Every base colour a free text (an item's name) names, in the order the text names them
    (labels_named over COLOUR_WORDS): "grey melange" claims its "grey", so "Grey Melange Hoodie" names
    Grey Melange and Grey, the labels of that one pattern; "White Red Shoe" names White and Red; then the
    `substrings` (Chinese colour words). Unlike colour_set (a shop's colour column), two colours are not
    called Multi."""
    return labels_named(text, _COLOUR_RE, substrings)


def types_named(text, substrings=()):
    """Every article type a free text (an item's name) names through NAME_TYPE_WORDS (labels_named; "Shirt
    dress with belt" names Shirts, Dresses and Belts), then the `substrings` (Chinese garment words)."""
    return labels_named(text, _NAME_TYPE_RE, substrings)


def genders_named(text, substrings=()):
    """Every gender a free text (an item's name) names through NAME_GENDER_WORDS (labels_named; "Men's Running
    Shoes" names Men, "Kids Cap" Boys and Girls), then the `substrings` (Chinese gender words)."""
    return labels_named(text, _NAME_GENDER_RE, substrings)


# ---------------------------------------------------------------- the other heads

GENDERS = {"Men": ["Men"], "Women": ["Women"], "Boys": ["Boys"], "Girls": ["Girls"], "Baby Boys": ["Boys"],
           "Baby Girls": ["Girls"], "Kids": ["Boys", "Girls"], "Unisex": ["Unisex"]}
SPORTS_STYLES = {"Training", "Soccer", "Swim", "Running", "Five Ten", "Basketball", "Tennis", "Golf", "Outdoor"}


def usage_from_occasion(style):
    """Flipkart's 'Occasion: …' attribute: one plain occasion maps to a usage, lists map to nothing."""
    m = re.search(r"Occasion: ([^;]+)", style or "")
    if not m:
        return []
    words = [w.strip().lower() for w in m.group(1).split(",")]
    table = {"casual": "Casual", "formal": "Formal", "party": "Party", "sports": "Sports", "workwear": "Formal",
             "wedding and engagement": "Ethnic", "religious": "Ethnic", "party-wedding": "Party", "everyday": "Casual"}
    mapped = {table.get(w) for w in words}
    mapped.discard(None)
    return sorted(mapped) if len(mapped) == 1 else []


def amazon_shoe_types(style):
    """ImplicitAVE footwear rows: the style attribute says what kind of shoe it is."""
    if style.startswith("Athletic Shoe Style:"):
        return ["Sports Shoes"], ["Sports"]
    if style.startswith("Boot Style:"):
        return ["Casual Shoes", "Formal Shoes", "Heels"], []
    if style == "Heel Height: Flat":
        return ["Flats", "Casual Shoes", "Sandals", "Flip Flops"], []
    if style.startswith("Heel Height:"):
        return ["Heels", "Sandals"], []
    return ALL_FOOTWEAR, []


class Taxonomy:
    """Maps source rows onto the heads; built from the Myntra rows, which define each articleType's
    subCategory and masterCategory (its most common pair)."""

    def __init__(self, myntra_rows):
        pairs = {}
        for r in myntra_rows:
            if r["articleType"]:
                key = (r["subCategory"], r["masterCategory"])
                pairs.setdefault(r["articleType"], {}).setdefault(key, 0)
                pairs[r["articleType"]][key] += 1
        self.parent = {t: max(c, key=c.get) for t, c in pairs.items()}
        self.article_types = set(self.parent)
        for table in (REVIEWS_TYPES, AMAZON_TYPES, FLIPKART_TYPES, NAME_TYPE_WORDS):
            for key, types in table.items():
                unknown = [t for t in types if t not in self.article_types]
                assert not unknown, f"{key}: {unknown} are not Myntra article types"

    def with_parents(self, types, extra=None):
        """Label sets for every head from a set of article types (+ other heads' sets)."""
        out = {h: [] for h in HEADS}
        out["articleType"] = sorted(set(types))
        out["subCategory"] = sorted({self.parent[t][0] for t in types})
        out["masterCategory"] = sorted({self.parent[t][1] for t in types})
        for k, v in (extra or {}).items():
            out[k] = sorted(set(v))
        return out

    def myntra(self, r):
        """Myntra rows: every head is one label (the published values), empty cells and 'NA' masked."""
        return {h: ([r[h]] if r.get(h) and r[h] != "NA" else []) for h in HEADS}

    def catalogue(self, r):
        """A row of ../shared/data/catalogues (one column layout for every source) onto the heads."""
        src, cat = r["source"], r["category"]
        extra = {"gender": GENDERS.get(r["gender"], []), "baseColour": colour_set(r["colour"])}
        if src == "womens_ecommerce_reviews":
            return self.with_parents(REVIEWS_TYPES.get(cat, []), extra)
        if src == "flipkart_ecommerce_sample":
            extra["usage"] = usage_from_occasion(r["style"])
            return self.with_parents(FLIPKART_TYPES.get(cat.lower(), []), extra)
        if src == "amazon_implicitave":
            types, usage = AMAZON_TYPES.get(cat, []), []
            if cat == "Shoes":
                types, usage = amazon_shoe_types(r["style"])
            extra["usage"] = usage
            return self.with_parents(types, extra)
        if src == "adidas_us":
            master = {"Shoes": "Footwear", "Clothing": "Apparel", "Accessories": "Accessories"}.get(cat)
            types = [t for t, (_, m) in self.parent.items() if m == master] if master else []
            style = r["style"]
            extra["usage"] = ["Sports"] if style in SPORTS_STYLES else (["Casual"] if style in ("Originals", "Essentials", "Sportswear") else [])
            out = self.with_parents(types, extra)
            out["articleType"] = []  # a master category says too little to train the type head on
            out["subCategory"] = []
            out["type_for_eval"] = sorted(types)
            return out
        if src == "zara_us":
            out = self.with_parents([], extra)
            # Zara has no category: the name's last type word is kept for evaluation only.
            out["type_for_eval"] = type_from_name(r["name"])
            return out
        raise ValueError(f"unknown source {src}")


def type_from_name(name):
    """Article types a name's last type word allows ('OVERSIZED LINEN BLAZER LIMITED EDITION' -> Blazers)."""
    words = re.findall(r"[a-z][a-z\-]*", (name or "").lower())
    for w in reversed(words):
        if w in TYPE_WORDS:
            return sorted(TYPE_WORDS[w])
    return []
