#!/usr/bin/env bash
# Leave-one-source-out scores with the input text of 5 Dec 2026, 23:00 UTC (words written in capitals
# lower-cased, training/casing.py): each fold's head-stage model re-read its evaluation sets
# (train_multi.py --eval-only --init-dir <fold>/heads --out <fold>/heads-caps), then calibrate.py
# rescore on those (same models, same TF-IDF + LR baseline), into training/out/scores-caps/.
set -euo pipefail
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1
PY=/usr/bin/python3
mkdir -p out/scores-caps out/loso-caps
for pair in "adidas_us,zara_us:adidas_us+zara_us2:transfer-az2" "amazon_implicitave:amazon_implicitave2:transfer-amazon_implicitave2" \
            "flipkart_ecommerce_sample:flipkart2:transfer-fk2" "womens_ecommerce_reviews:womens_ecommerce_reviews2:transfer-womens_ecommerce_reviews2" \
            "myntra:myntra:part2"; do
  IFS=: read -r src fold scores <<< "$pair"
  dir=out/loso/$fold
  if [ ! -f "$dir/heads-caps/eval_meta.json" ]; then
    mkdir -p "$dir/heads-caps"
    "$PY" train_multi.py --out "$dir/heads-caps" --holdout "$src" --init-dir "$dir/heads" --eval-only > "$dir/heads-caps/train.log" 2>&1
  fi
  mkdir -p "out/loso-caps/$fold"
  ln -sfn "$(pwd)/$dir/heads-caps" "out/loso-caps/$fold/heads"
  ln -sfn "$(pwd)/$dir/train.log" "out/loso-caps/$fold/train.log"  # the trunk's steps, for transfer_table.py
  "$PY" - "$src" "$fold" "out/scores-rules/$scores.json" "out/scores-caps/$scores.in.json" <<'PYEOF'
import json, os, sys
src, fold, inp, out = sys.argv[1:]
rows = [r for r in json.load(open(inp)) if r["holdout"] == src]
for r in rows:
    r["dir"] = os.path.abspath(os.path.join("out/loso-caps", fold))
json.dump(rows, open(out, "w"))
PYEOF
  "$PY" calibrate.py rescore "out/scores-caps/$scores.in.json" "out/scores-caps/$scores.json" > /dev/null
done
