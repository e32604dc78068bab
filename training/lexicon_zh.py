"""A bilingual fashion-term lexicon (written for this project) and the Chinese / mixed-language
training items made from it: a Myntra training row's labels are written as a Chinese product title
("夏季新款女士蓝色纯棉休闲连衣裙") or its English name gets Chinese words ("Roadster 男 牛仔裤 Blue").
Only heads whose words appear in the text keep their label; the rest are masked."""

# Myntra article type -> Chinese names a shop might use (the first is the most common).
GARMENTS = {
    "Tshirts": ["T恤", "短袖T恤", "体恤", "圆领T恤", "POLO衫"], "Shirts": ["衬衫", "衬衣", "长袖衬衫", "格子衬衫"],
    "Tops": ["上衣", "女式上衣", "吊带上衣", "雪纺衫"], "Kurtas": ["库尔塔长衫", "印度长衫"], "Kurtis": ["印度短衫"],
    "Tunics": ["长款上衣", "罩衫"], "Dresses": ["连衣裙", "裙子", "长裙", "碎花裙"], "Jeans": ["牛仔裤", "直筒牛仔裤", "破洞牛仔裤"],
    "Trousers": ["长裤", "休闲裤", "西裤", "阔腿裤"], "Shorts": ["短裤", "五分裤"], "Skirts": ["半身裙", "短裙", "百褶裙"],
    "Jackets": ["夹克", "外套", "风衣", "羽绒服", "大衣"], "Blazers": ["西装外套", "小西装"], "Sweaters": ["毛衣", "针织衫", "羊毛衫", "开衫"],
    "Sweatshirts": ["卫衣", "连帽卫衣"], "Leggings": ["打底裤", "紧身裤"], "Track Pants": ["运动裤", "卫裤"],
    "Capris": ["七分裤"], "Bra": ["文胸", "内衣"], "Briefs": ["内裤", "三角裤"], "Trunk": ["平角内裤"], "Boxers": ["四角裤"],
    "Innerwear Vests": ["背心", "打底背心"], "Nightdress": ["睡裙"], "Night suits": ["睡衣套装", "家居服"], "Sarees": ["纱丽"],
    "Casual Shoes": ["休闲鞋", "板鞋", "帆布鞋", "小白鞋"], "Sports Shoes": ["运动鞋", "跑鞋", "篮球鞋"], "Formal Shoes": ["皮鞋", "正装皮鞋"],
    "Heels": ["高跟鞋", "细跟鞋"], "Flats": ["平底鞋", "单鞋"], "Sandals": ["凉鞋"], "Sports Sandals": ["运动凉鞋"],
    "Flip Flops": ["拖鞋", "人字拖"], "Handbags": ["手提包", "单肩包", "女包"], "Backpacks": ["双肩包", "背包"],
    "Wallets": ["钱包", "钱夹"], "Clutches": ["手拿包"], "Belts": ["皮带", "腰带"], "Watches": ["手表", "腕表"],
    "Sunglasses": ["太阳镜", "墨镜"], "Earrings": ["耳环", "耳钉"], "Necklace and Chains": ["项链"], "Pendant": ["吊坠"],
    "Ring": ["戒指"], "Bracelet": ["手链"], "Bangle": ["手镯"], "Caps": ["帽子", "棒球帽", "鸭舌帽"], "Hat": ["渔夫帽", "礼帽"],
    "Scarves": ["围巾", "丝巾"], "Stoles": ["披肩"], "Socks": ["袜子", "短袜"], "Ties": ["领带"], "Jumpsuit": ["连体裤"],
    "Waistcoat": ["马甲"], "Swimwear": ["泳衣"], "Lipstick": ["口红", "唇膏"], "Nail Polish": ["指甲油"],
    "Perfume and Body Mist": ["香水"], "Deodorant": ["止汗露"], "Kajal and Eyeliner": ["眼线笔"], "Cufflinks": ["袖扣"],
    "Laptop Bag": ["电脑包"], "Duffel Bag": ["旅行包"], "Messenger Bag": ["斜挎包"], "Mufflers": ["围脖"], "Gloves": ["手套"],
}
COLOURS = {
    "Black": ["黑色", "黑"], "White": ["白色", "白"], "Blue": ["蓝色", "蓝", "天蓝色"], "Navy Blue": ["藏青色", "藏蓝", "海军蓝"],
    "Grey": ["灰色", "灰"], "Red": ["红色", "红"], "Green": ["绿色", "绿", "军绿色"], "Pink": ["粉色", "粉红色"], "Purple": ["紫色"],
    "Yellow": ["黄色", "黄"], "Brown": ["棕色", "咖啡色"], "Beige": ["米色", "杏色"], "Cream": ["奶白色", "米白色"],
    "Off White": ["米白色", "象牙白"], "Maroon": ["酒红色", "枣红色"], "Orange": ["橙色", "橘色"], "Olive": ["橄榄绿"],
    "Khaki": ["卡其色"], "Gold": ["金色"], "Silver": ["银色"], "Multi": ["多色", "拼色"], "Lavender": ["薰衣草紫", "淡紫色"],
    "Peach": ["蜜桃色"], "Teal": ["墨绿色", "孔雀蓝"], "Mustard": ["芥末黄"], "Burgundy": ["勃艮第红", "酒红"], "Charcoal": ["炭灰色", "深灰色"],
    "Tan": ["驼色"], "Coffee Brown": ["咖啡色"], "Turquoise Blue": ["湖蓝色"], "Rose": ["玫瑰色"], "Nude": ["裸色"],
    "Grey Melange": ["麻灰色"], "Magenta": ["玫红色"], "Copper": ["铜色"], "Steel": ["钢色"], "Rust": ["铁锈红"],
}
GENDERS = {"Men": ["男", "男士", "男款", "男式"], "Women": ["女", "女士", "女款", "女式"], "Boys": ["男童", "男孩"],
           "Girls": ["女童", "女孩"], "Unisex": ["男女同款", "情侣款"]}
USAGES = {"Casual": ["休闲", "日常"], "Formal": ["正装", "商务"], "Sports": ["运动", "健身"], "Ethnic": ["民族风"], "Party": ["派对"]}
SEASONS = {"Summer": ["夏季", "夏款"], "Winter": ["冬季", "冬款"], "Fall": ["秋季", "秋款"], "Spring": ["春季", "春款"]}
MATERIALS = ["纯棉", "真丝", "羊毛", "亚麻", "牛仔", "雪纺", "针织", "皮革", "涤纶", "棉麻"]
FITS = ["修身", "宽松", "直筒", "高腰", "短款", "长款", "oversize", "韩版"]
MARKETING = ["新款", "2023新款", "潮流", "百搭", "经典", "时尚", "简约", "正品", "爆款", ""]

# English words in names that the mixed-language variant replaces.
EN_GENDER = {"men": "Men", "women": "Women", "boys": "Boys", "girls": "Girls", "unisex": "Unisex"}


def chinese_variants(row, rng, p_chinese=0.3, p_mixed=0.12):
    """Zero, one or two (text, labels) pairs for one Myntra row: a Chinese title and/or the English
    name with Chinese words mixed in. Labels keep a head only when the text names it."""
    out = []
    typ = row["articleType"]
    if typ not in GARMENTS:
        return out
    parents = {"subCategory": [row["subCategory"]], "masterCategory": [row["masterCategory"]]}
    if rng.random() < p_chinese:
        labels = {"articleType": [typ], **parents, "baseColour": [], "usage": [], "gender": [], "season": []}
        parts = []
        if row["season"] in SEASONS and rng.random() < 0.4:
            parts.append(rng.choice(SEASONS[row["season"]]))
            labels["season"] = [row["season"]]
        parts.append(rng.choice(MARKETING))
        if row["gender"] in GENDERS and rng.random() < 0.7:
            parts.append(rng.choice(GENDERS[row["gender"]]))
            labels["gender"] = [row["gender"]]
        if row["baseColour"] in COLOURS and rng.random() < 0.8:
            parts.append(rng.choice(COLOURS[row["baseColour"]]))
            labels["baseColour"] = [row["baseColour"]]
        if rng.random() < 0.4:
            parts.append(rng.choice(MATERIALS))
        if rng.random() < 0.3:
            parts.append(rng.choice(FITS))
        if row["usage"] in USAGES and rng.random() < 0.5:
            parts.append(rng.choice(USAGES[row["usage"]]))
            labels["usage"] = [row["usage"]]
        parts.append(rng.choice(GARMENTS[typ]))
        # Shops write titles run together or with spaces; brands stay in Latin letters.
        brand = row["productDisplayName"].split()[0] if rng.random() < 0.4 else ""
        sep = rng.choice(["", " "])
        text = (brand + " " if brand else "") + sep.join(p for p in parts if p)
        out.append((text, labels))
    if rng.random() < p_mixed:
        words = row["productDisplayName"].split()
        swapped = []
        for w in words:
            g = EN_GENDER.get(w.lower())
            if g and g in GENDERS:
                swapped.append(rng.choice(GENDERS[g]))
            else:
                swapped.append(w)
        # The type word(s) at the end become Chinese; the rest of the English name stays.
        text = " ".join(swapped[:-1] if len(swapped) > 2 else swapped) + " " + rng.choice(GARMENTS[typ])
        labels = {"articleType": [typ], **parents, "baseColour": [row["baseColour"]] if row["baseColour"] else [],
                  "usage": [], "gender": [row["gender"]] if row["gender"] else [], "season": []}
        out.append((text, labels))
    return out
