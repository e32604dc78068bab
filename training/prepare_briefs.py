"""One-line briefs for the design-brief generator (issue 14): Myntra-style product names with the
first clause-list of their catalogue description ("Navy Blue printed T-shirt, has a polo collar, and
short sleeves"), the kind of line a designer's brief starts from.

Source: `myntra_products_catalog.csv` (12,491 Myntra products of about 2020: name, brand, gender,
price, description, primary colour), as copied in the public repository
KrishnakantDas/Myntra-content-based-recommendation-system at commit 31e7e73 (a copy of the
Kaggle dataset "Myntra Fashion Product Dataset / Fashion Clothing Products Catalog"; no licence is
stated in that repository). Recorded in training/DATA.md. No H&M data.

What is kept (written to training/data/myntra_briefs.csv, the file train_generator.py reads):
- the description's first part: Myntra joins its bullet lines without a space ("...lockOne handle",
  "zip closure1 main compartment"), so the text is cut where a small letter or digit runs straight
  into a capital, or a small letter into a number and a word;
- briefs of 25–170 characters, cut at the last ", " before 150 characters when longer, ending in ".";
- not spec sheets ("Set content:", "Shade number:": any ':' in the brief), not briefs that merely
  repeat the name, and not products whose name is also a name in ../shared/data/fashion-products
  (the classifier's and the generator's Myntra source);
- gender as the file gives it (Unisex Kids dropped).

usage: python3 training/prepare_briefs.py <myntra_products_catalog.csv> [training/data/myntra_briefs.csv]"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STYLES = os.path.join(HERE, "..", "..", "shared", "data", "fashion-products", "styles.csv")
OUT = os.path.join(HERE, "data", "myntra_briefs.csv")
GENDERS = {"Men", "Women", "Boys", "Girls", "Unisex"}
MAX_CHARS = 150


def brief_of(description, name):
    """The one-line brief of a Myntra description, or '' when it has none worth learning."""
    text = " ".join(description.split())
    first = re.split(r"(?<=[a-z0-9)])(?=[A-Z])", text)[0]
    # A bullet line that starts with a number runs into the one before it too ("zip closure1 main compartment").
    first = re.split(r"(?<=[a-z])(?=\d+ [a-z])", first)[0].strip().rstrip(",;. ")
    if ":" in first or len(first) < 25:
        return ""
    if len(first) > MAX_CHARS:
        cut = first[:MAX_CHARS].rfind(", ")
        if cut < 25:
            return ""
        first = first[:cut]
    if first.lower() in name.lower():
        return ""
    first = re.sub(r"\s+,", ",", re.sub(r",(?=\S)", ", ", first))
    return first[0].upper() + first[1:] + "."


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    with open(STYLES, encoding="utf-8", errors="replace") as f:
        known = {" ".join((r.get("productDisplayName") or "").lower().split()) for r in csv.DictReader(f)}
    rows, seen = [], set()
    with open(sys.argv[1], encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = " ".join((r.get("Product_Name") or r.get("ProductName") or "").split())
            gender = (r.get("Gender") or "").strip()
            if not name or gender not in GENDERS or name.lower() in known:
                continue
            brief = brief_of(r.get("Description") or "", name)
            if not brief or (name, brief) in seen:
                continue
            seen.add((name, brief))
            rows.append({"product_id": r.get("Product_ID") or r.get("ProductID"), "name": name, "gender": gender, "brief": brief})
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["product_id", "name", "gender", "brief"])
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} name + brief rows -> {out}")


if __name__ == "__main__":
    main()
