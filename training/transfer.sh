#!/usr/bin/env bash
# Leave-one-source-out training for `npm run bench:transfer`: for each source, a model trained on all
# the other sources (training/train_multi.py --holdout SOURCE, a shorter schedule than the shipped
# model's: LOSO_LM_STEPS / LOSO_STEPS), written to training/out/loso/<source>/. A fold whose
# eval_meta.json exists is kept (delete the folder to retrain it). Then training/calibrate.py scores
# every fold and the TF-IDF + LR baseline trained on the same rows.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
PY=/usr/bin/python3
LM_STEPS=${LOSO_LM_STEPS:-250}
STEPS=${LOSO_STEPS:-1300}
FOLDS=${LOSO_FOLDS:-"womens_ecommerce_reviews amazon_implicitave flipkart_ecommerce_sample adidas_us zara_us myntra"}
for src in $FOLDS; do
  dir=training/out/loso/$src
  if [ -f "$dir/eval_meta.json" ]; then echo "fold $src: kept ($dir)"; continue; fi
  mkdir -p "$dir"
  "$PY" training/train_multi.py --out "$dir" --holdout "$src" --lm-steps "$LM_STEPS" --steps "$STEPS" 2>&1 | tee "$dir/train.log"
done
