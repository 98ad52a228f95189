// A seeded, stratified train/test split shared by the generated datasets.
// Stratifying keeps every class at the same share in both splits, so the
// held-out evaluation (kNN, linear probe) is never skewed by an unlucky draw.
import { shuffleInPlace } from '../rng';

export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/**
 * Splits rows 0..labels.length-1 so that `testFraction` of each class goes to
 * the test split. Both splits come back shuffled (classes interleaved), so the
 * first rows of either, e.g. the image grid's batch, show every class.
 */
export function stratifiedSplit(labels: ArrayLike<number>, classes: number, testFraction: number, rand: () => number): SplitIndices {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]].push(i);
  const train: number[] = [];
  const test: number[] = [];
  for (const rows of byClass) {
    shuffleInPlace(rows, rand);
    const nTest = Math.round(rows.length * testFraction);
    test.push(...rows.slice(0, nTest));
    train.push(...rows.slice(nTest));
  }
  return { train: shuffleInPlace(Int32Array.from(train), rand), test: shuffleInPlace(Int32Array.from(test), rand) };
}

/** Copies the rows `idx` of a row-major [N, width] array into a new array. */
export function gatherRows<A extends Float32Array | Uint8Array>(src: A, width: number, idx: Int32Array, make: (n: number) => A): A {
  const out = make(idx.length * width);
  for (let r = 0; r < idx.length; r++) out.set(src.subarray(idx[r] * width, (idx[r] + 1) * width), r * width);
  return out;
}
