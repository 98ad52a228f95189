import assert from 'node:assert/strict';
import { test } from 'node:test';
import { READABLE_ZOOM, frameGraph, frameViewport } from './framing';

const M = { top: 20, right: 20, bottom: 20, left: 20 };

test('a graph that fits at 100 % is centred, never zoomed past maxZoom', () => {
  const v = frameViewport({ x: 100, y: 50, width: 400, height: 200 }, 1000, 600, M);
  assert.equal(v.zoom, 1);
  assert.equal(v.x, 20 + (960 - 400) / 2 - 100);
  assert.equal(v.y, 20 + (560 - 200) / 2 - 50);
});

test('a wide graph is zoomed out until the whole of it shows, centred', () => {
  const v = frameViewport({ x: 0, y: -40, width: 1600, height: 300 }, 840, 700, M);
  assert.equal(v.zoom, 0.5);
  assert.equal(v.x, 20);
  assert.equal(v.y, 20 + (660 - 150) / 2 + 20);
});

test('the minimap band is kept while the graph stays readable above it', () => {
  const v = frameGraph({ x: 0, y: 0, width: 700, height: 500 }, 800, 800, 20, 140);
  assert.equal(v.band, true);
  assert.equal(v.zoom, 1);
  assert.ok(v.y + 500 <= 800 - 20 - 140);
});

test('a graph readable only on the full height gets it, and the band is given up', () => {
  // above the band: 660 / 800 = 0.825, below readable; on the full height: 800 / 800 = 1
  const b = { x: 0, y: 0, width: 500, height: 800 };
  const banded = frameViewport(b, 800, 840, { ...M, bottom: 20 + 140 });
  assert.ok(banded.zoom < READABLE_ZOOM);
  const v = frameGraph(b, 800, 840, 20, 140);
  assert.equal(v.band, false);
  assert.equal(v.zoom, 1);
  assert.ok(v.zoom >= READABLE_ZOOM);
});

test('a graph too big for either keeps the band when the full height gains nothing', () => {
  const v = frameGraph({ x: 0, y: 0, width: 3000, height: 200 }, 800, 800, 20, 140);
  assert.equal(v.band, true);
  assert.equal(v.zoom, 760 / 3000);
});

test('giving up the band still keeps the zoom buttons strip free', () => {
  const v = frameGraph({ x: 0, y: 0, width: 500, height: 800 }, 800, 840, 20, 140, 30);
  assert.equal(v.band, false);
  assert.equal(v.zoom, (840 - 40 - 30) / 800);
  assert.ok(v.y + 800 * v.zoom <= 840 - 20 - 30 + 1e-9);
});
