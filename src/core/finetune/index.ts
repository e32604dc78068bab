/** Local fine-tuning: text features, linear heads over the frozen model's embedding, the TF-IDF + LR baseline. */
export * from './sparse.ts';
export * from './text.ts';
export * from './linear.ts';
export * from './head.ts';
export * from './baseline.ts';
export { float32ToBase64, base64ToFloat32 } from './base64.ts';
