#!/usr/bin/env bash
# One leave-one-source-out fold: the model `npm run bench:teach` scores with, and each fold of
# `npm run bench:transfer` (training/transfer.sh). A model trained without one source (default
# Flipkart), with the shipped recipe's stages at the length of the earlier "…2" folds —
# LM 250 + multi-task 1,300 steps, then 3,000 more multi-task steps at half the learning rate with
# the constant-label mask, then the 3,000-step head stage with --export — and finalize_multi.py
# --dry, which writes a model folder like public/models/trendloom-classifier to
# training/out/teach/<source>/export/ship/. About an hour on one core of this 2-core machine
# (6 Dec 2026: Flipkart's 15:51–16:51 UTC, Amazon's 16:01–17:01, side by side). A finished stage is kept.
# Usage: bash training/teach_fold.sh [source]   (e.g. amazon_implicitave for the development catalogue)
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
PY=/usr/bin/python3
SRC=${1:-flipkart_ecommerce_sample}
D=training/out/teach/${SRC//,/+}  # SentencePiece reads a comma in its paths as a list
mkdir -p "$D"
[ -f "$D/a/checkpoint.pt" ] || "$PY" training/train_multi.py --out "$D/a" --holdout "$SRC" --lm-steps 250 --steps 1300 > "$D/a.log" 2>&1
[ -f "$D/b/checkpoint.pt" ] || "$PY" training/train_multi.py --out "$D/b" --init-dir "$D/a" --holdout "$SRC" --lm-steps 0 --steps 3000 --lr-scale 0.5 --mask-constant-labels 0.95 > "$D/b.log" 2>&1
[ -f "$D/export/eval_meta.json" ] || "$PY" training/train_multi.py --out "$D/export" --init-dir "$D/b" --holdout "$SRC" --eval-only --head-stage 3000 --export --mask-constant-labels 0.95 > "$D/export.log" 2>&1
"$PY" training/finalize_multi.py "$D/export" --dry > "$D/finalize.log" 2>&1
echo "model folder: $D/export/ship"
