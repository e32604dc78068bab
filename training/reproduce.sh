#!/usr/bin/env bash
# Reproduces the shipped Trendloom classifier from a clean checkout (see training/README.md).
# Extra arguments go to train.py's training stages; `--phase post` skips training and redoes
# everything after it from the latest (stage-5) checkpoint in training/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=training/out
mkdir -p "$OUT"
LOG="$OUT/train.log"

missing=()
for pkg in python3-torch python3-onnx python3-sklearn python3-sentencepiece python3-numpy libopenblas0-pthread; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
fi
[ -d node_modules/onnxruntime-node ] || ONNXRUNTIME_NODE_INSTALL=skip npm ci

PY=/usr/bin/python3
# One BLAS/OpenMP thread: with other jobs on the 2 cores, extra threads spin-wait and slow training.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
{
  echo "== trendloom classifier reproduce run $(date -u +%FT%TZ) on $(nproc --all) cores"
  if [[ " $* " != *" --phase "* ]]; then
    # Stage 1: 1,200 steps, mostly augmented text (generalisation to other shops' wording).
    "$PY" training/train.py --out "$OUT" --train-only "$@"
    cp "$OUT/checkpoint.pt" "$OUT/stage1.pt"
    # Stage 2: 500 steps from stage 1 at a lower learning rate with more plain product names.
    "$PY" training/train.py --out "$OUT" --init-from "$OUT/stage1.pt" --steps 500 --lr 5e-4 --plain-fraction 0.6 --train-only "$@"
    cp "$OUT/checkpoint.pt" "$OUT/stage2.pt"
    # Stage 3: 1,000 more steps, 75 % plain names (the model was still improving on every head).
    "$PY" training/train.py --out "$OUT" --init-from "$OUT/stage2.pt" --steps 1000 --lr 4e-4 --plain-fraction 0.75 --train-only "$@"
    cp "$OUT/checkpoint.pt" "$OUT/stage3.pt"
    # Stage 4: 1,000 more steps, 85 % plain names, lr 3e-4 (stage 3 still raised every head but one).
    "$PY" training/train.py --out "$OUT" --init-from "$OUT/stage3.pt" --steps 1000 --lr 3e-4 --plain-fraction 0.85 --train-only "$@"
    cp "$OUT/checkpoint.pt" "$OUT/stage4.pt"
    # Stage 5 (wide): the Llama trunk frozen, a hashed token n-gram bag added beside the pooled state
    # and trained with the heads on plain names plus four augmented passes (two with 50 % plain
    # names, two fully augmented, so the bag does not learn to trust this shop's wording alone).
    "$PY" training/train.py --out "$OUT" --init-from "$OUT/stage4.pt" --wide-stage --steps 2500 --lr 3e-3 --weight-decay 0.01 \
      --ngram-buckets 32768 --ngram-dim 64 --wide-augmented 0.5,0.5,0,0 "$@"
  fi
  # Evaluation, baselines, ONNX export and golden files from the last checkpoint (alone with --phase post).
  "$PY" training/train.py --out "$OUT" --phase post
  # int8: model_quantized.onnx (int8 x int8 products, per-row activation scales: the CPU graph for
  # WASM and Node) and model_quantized_webgpu.onnx (weight-only int8: the GPU graph), both
  # evaluated with onnxruntime-node.
  "$PY" training/quantize.py "$OUT/onnx/model.onnx" "$OUT/onnx"
  node training/eval_onnx.mjs "$OUT/heldout.json" "$OUT/onnx_metrics.json" "$OUT/onnx/model.onnx" "$OUT/onnx/model_quantized.onnx" "$OUT/onnx/model_quantized_webgpu.onnx"
  "$PY" training/finalize.py --out "$OUT"
  echo "== done $(date -u +%FT%TZ)"
} 2>&1 | tee "$LOG"
# Keep the log of the run that produced the shipped model next to its metrics.
cp "$LOG" training/last-run.log.txt
