/** Classification metrics and seeded splits. */
export { singleLabelReport, multiLabelReport, confusionMatrix, expectedCalibrationError, OTHER_LABEL, type PRF, type ClassificationReport, type ConfusionMatrix } from './classification.ts';
export { seededRandom, shuffleInPlace, stratifiedFolds, stratifiedSplit, type SplitIndices, type SplitOptions } from './split.ts';
