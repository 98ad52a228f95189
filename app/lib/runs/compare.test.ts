import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accuracyRange, alignSeries, atOrBefore, bestIndex, distinctLabels, normalize, primaryLossKey, snapshotSteps } from './compare';
import { formatDuration } from '../format';

test('alignSeries joins runs logged at different steps on one x axis', () => {
  const [x, a, b] = alignSeries([
    { x: [1, 5, 10], y: [3, 2, 1] },
    { x: [1, 2, 10], y: [6, NaN, 4] },
  ]);
  assert.deepEqual(x, [1, 2, 5, 10]);
  assert.deepEqual(a, [3, null, 2, 1]);
  assert.deepEqual(b, [6, null, null, 4]);
});

test('normalise divides by |first| and keeps direction', () => {
  assert.deepEqual(normalize([null, 4, 2, null, 1]), [null, 1, 0.5, null, 0.25]);
  assert.deepEqual(normalize([-0.5, -0.9]), [-1, -1.8]);
  assert.deepEqual(normalize([0, 2, 1]), [0, 1, 0.5]);
  assert.deepEqual(normalize([null, null]), [null, null]);
});

test('the scrubber shows the nearest snapshot at or before the step', () => {
  const list = [{ step: 0 }, { step: 50 }, { step: 100 }];
  assert.equal(atOrBefore(list, 0)?.step, 0);
  assert.equal(atOrBefore(list, 49)?.step, 0);
  assert.equal(atOrBefore(list, 50)?.step, 50);
  assert.equal(atOrBefore(list, 1000)?.step, 100);
  assert.equal(atOrBefore([{ step: 5 }], 4), null);
  assert.equal(atOrBefore([], 4), null);
  assert.deepEqual(
    snapshotSteps([
      { latents: [{ step: 0 }, { step: 50 }], collapses: [{ step: 25 }] },
      { latents: [{ step: 0 }, { step: 30 }], collapses: [] },
    ] as never),
    [0, 25, 30, 50],
  );
});

test('the accuracy axis zooms in on the values, in 5% steps inside [0, 1]', () => {
  assert.deepEqual(accuracyRange([0.908, 0.93, null, 0.733]), [0.65, 0.95]);
  assert.deepEqual(accuracyRange([0.99, 1]), [0.9, 1]);
  assert.deepEqual(accuracyRange([0.02]), [0, 0.1]);
  assert.deepEqual(accuracyRange([]), [0, 1]);
});

test('labels, best values and formats', () => {
  assert.deepEqual(distinctLabels(['SimCLR', 'BYOL', 'SimCLR']), ['SimCLR (1)', 'BYOL', 'SimCLR (2)']);
  assert.equal(bestIndex([0.5, 0.9, null]), 1);
  assert.equal(bestIndex([0.5, 0.9], false), 0);
  assert.equal(bestIndex([0.5, null]), -1);
  assert.equal(primaryLossKey({ metrics: { step: [], wallMs: [], values: { a: [], 'total:main': [] } } }), 'total:main');
  assert.equal(primaryLossKey({ metrics: { step: [], wallMs: [], values: { 'total:discriminator': [], 'total:generator': [] } } }), 'total:discriminator');
  assert.equal(formatDuration(4200), '4.2 s');
  assert.equal(formatDuration(125_000), '2 min 5 s');
});
