// Assertions shared by the engine/ops unit tests (imported only by *.test.ts).
// The tensor library is passed in, like everywhere else in engine/ops.
import assert from 'node:assert/strict';
import type { Tensor, Tf } from '../spec';

/** |a − b| ≤ tol·max(1, |b|): relative for large values, absolute for small ones. */
export function isClose(actual: number, expected: number, tol = 1e-4): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

export function assertClose(actual: number, expected: number, tol = 1e-4, what = 'value'): void {
  assert.ok(Number.isFinite(actual), `${what}: got ${actual}`);
  assert.ok(isClose(actual, expected, tol), `${what}: got ${actual}, expected ${expected} (tol ${tol})`);
}

export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-4, what = 'array'): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Number.isFinite(actual[i]), `${what}[${i}]: got ${actual[i]}`);
    assert.ok(
      isClose(actual[i], expected[i], tol),
      `${what}[${i}]: got ${actual[i]}, expected ${expected[i]} (tol ${tol})`,
    );
  }
}

/** Reads a scalar tensor (tests only; the training loop reads with `await data()`). */
export function num(t: Tensor): number {
  return t.dataSync()[0];
}

/** Reads a tensor's values. */
export function vals(t: Tensor): number[] {
  return Array.from(t.dataSync());
}

type Out = Tensor | Tensor[] | object;
const isTensor = (v: unknown): v is Tensor => typeof v === 'object' && v !== null && 'dataId' in v;
function outTensors(o: Out): Tensor[] {
  if (isTensor(o)) return [o];
  return (Array.isArray(o) ? o : Object.values(o)).filter(isTensor);
}

/**
 * Runs fn and asserts that the only new tensors are the ones it returns (no leaked
 * intermediates); disposes the inputs-independent outputs afterwards.
 */
export function assertNoLeak(tf: Tf, fn: () => Out, what = 'fn'): void {
  const before = tf.memory().numTensors;
  const out = outTensors(fn());
  const after = tf.memory().numTensors;
  assert.equal(after - before, out.length, `${what} leaked ${after - before - out.length} tensor(s)`);
  tf.dispose(out);
}
