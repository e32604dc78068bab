#!/usr/bin/env bash
# Leave-one-source-out training for `npm run bench:transfer`: for each fold, a model trained on all
# the other sources with the shipped recipe at a shorter schedule (training/train_multi.py --holdout,
# LOSO_LM_STEPS LM + LOSO_STEPS multi-task steps, then the same 3,000-step head stage), written to
# training/out/loso/<fold>/ (the head stage's model in <fold>/heads). adidas and Zara (~2k rows
# together) share one fold. A finished fold is kept (delete its folder to retrain it); a fold
# another run of this script is training (its folder holds `claimed`) is left to it, so two runs
# can share the folds, one per core. Then training/calibrate.py scores every fold beside TF-IDF +
# LR trained on the same rows (training/out/transfer.json).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
PY=/usr/bin/python3
LM_STEPS=${LOSO_LM_STEPS:-200}
STEPS=${LOSO_STEPS:-600}
FOLDS=${LOSO_FOLDS:-"womens_ecommerce_reviews amazon_implicitave flipkart_ecommerce_sample adidas_us,zara_us myntra"}
mkdir -p training/out/loso
for src in $FOLDS; do
  dir=training/out/loso/${src//,/+}  # SentencePiece reads a comma in its paths as a list
  if [ -f "$dir/heads/eval_meta.json" ]; then echo "fold $src: kept ($dir)"; continue; fi
  mkdir -p "$dir"
  # mkdir is atomic: only one run claims a fold.
  if ! mkdir "$dir/claimed" 2>/dev/null; then echo "fold $src: being trained by another run"; continue; fi
  [ -f "$dir/checkpoint.pt" ] || "$PY" training/train_multi.py --out "$dir" --holdout "$src" --lm-steps "$LM_STEPS" --steps "$STEPS" > "$dir/train.log" 2>&1
  mkdir -p "$dir/heads"
  "$PY" training/train_multi.py --out "$dir/heads" --holdout "$src" --init-dir "$dir" --eval-only --head-stage 3000 > "$dir/heads/train.log" 2>&1
done
[ "${LOSO_SCORE:-1}" = 1 ] || exit 0
for src in $FOLDS; do
  [ -f "training/out/loso/${src//,/+}/heads/eval_meta.json" ] || { echo "fold $src is not finished; scores wait for every fold"; exit 0; }
done
dirs=()
for src in $FOLDS; do dirs+=("training/out/loso/${src//,/+}/heads"); done
"$PY" training/calibrate.py transfer "${dirs[@]}" training/out/transfer.json
# The shipped form: each fold's Llama heads mixed with an n-gram head trained on the same rows, the mix
# chosen on the dev splits (hybrid.py); then the table (training/transfer.json) and the model card.
mkdir -p training/out/hybrid/cache
"$PY" training/hybrid.py transfer training/out/transfer.json training/out/transfer-hybrid.json --cache-dir training/out/hybrid/cache
"$PY" training/transfer_table.py --folds training/out/transfer-hybrid.json
"$PY" training/card.py
