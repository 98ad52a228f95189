import assert from 'node:assert/strict';
import { test } from 'node:test';
import { READABLE_ZOOM, frameViewport } from './framing';

const M = { top: 20, right: 20, bottom: 20, left: 20 };

test('a graph that fits at a readable zoom is centred, never zoomed past maxZoom', () => {
  const v = frameViewport({ x: 100, y: 50, width: 400, height: 200 }, 1000, 600, M);
  assert.equal(v.zoom, 1);
  assert.equal(v.x, 20 + (960 - 400) / 2 - 100);
  assert.equal(v.y, 20 + (560 - 200) / 2 - 50);
});

test('a wide graph opens at the readable zoom with its left edge at the margin, centred vertically', () => {
  const v = frameViewport({ x: 0, y: 0, width: 1600, height: 300 }, 800, 700, M);
  assert.equal(v.zoom, READABLE_ZOOM);
  assert.equal(v.x, 20);
  assert.equal(v.y, 20 + (660 - 300 * READABLE_ZOOM) / 2);
});

test('between readable and 1 the fit wins, so the whole graph shows', () => {
  const v = frameViewport({ x: 0, y: 0, width: 1000, height: 100 }, 940, 600, M);
  assert.equal(v.zoom, 0.9);
  assert.equal(v.x, 20);
});

test('a tall graph that does not fit keeps its top at the margin', () => {
  const v = frameViewport({ x: 0, y: -40, width: 200, height: 2000 }, 800, 500, M);
  assert.equal(v.zoom, READABLE_ZOOM);
  assert.equal(v.y, 20 + 40 * READABLE_ZOOM);
});
