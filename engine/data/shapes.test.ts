// The drawn-shapes generator: seeded, balanced, in range, and each class
// really looks like its name (area against its bounding box), with factors
// that describe the drawing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CENTER_RANGE, insideShape, makeShapes, renderShape, SCALE_RANGE, SHAPE_CLASSES, SHAPES_SIZE, type ShapeClass } from './shapes';

const S = SHAPES_SIZE;
const PX = S * S;
const small = makeShapes({ count: 400 }, 11);

/** Ink (sum of coverage, in pixels) and the size of the bounding box of the pixels at least half covered. */
function measure(img: Uint8Array): { ink: number; w: number; h: number } {
  let ink = 0;
  let [x0, x1, y0, y1] = [S, -1, S, -1];
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const v = img[y * S + x];
      ink += v / 255;
      if (v >= 128) [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    }
  }
  return { ink, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

function draw(kind: ShapeClass, rotation = 0, scale = SCALE_RANGE[1]): Uint8Array {
  const img = new Uint8Array(PX);
  renderShape(kind, { cx: 14, cy: 14, scale, rotation }, img);
  return img;
}

test('shapes: deterministic per seed, different across seeds', () => {
  const a = makeShapes({ count: 200 }, 5);
  const b = makeShapes({ count: 200 }, 5);
  const c = makeShapes({ count: 200 }, 6);
  assert.deepEqual(a.train.pixels, b.train.pixels);
  assert.deepEqual(a.train.factors, b.train.factors);
  assert.notDeepEqual(a.train.pixels, c.train.pixels);
});

test('shapes: 80/20 split, classes balanced, factors alongside', () => {
  assert.equal(small.kind, 'image');
  assert.deepEqual(small.sampleShape, [28, 28, 1]);
  assert.equal(small.classes, 4);
  assert.equal(small.train.count, 320);
  assert.equal(small.test.count, 80);
  for (const split of ['train', 'test'] as const) {
    const s = small[split];
    assert.equal(s.pixels!.length, s.count * PX);
    assert.equal(s.factors!.length, s.count * 4);
    assert.deepEqual(s.factorNames, ['x', 'y', 'scale', 'rotation']);
    const counts = [0, 0, 0, 0];
    for (const l of s.labels) counts[l]++;
    assert.deepEqual(counts, new Array(4).fill(s.count / 4), `${split} ${counts}`);
  }
});

test('shapes: factors in [0, 1], every image inked and clear of the border', () => {
  const s = small.train;
  for (const f of s.factors!) assert.ok(f >= 0 && f <= 1, `factor ${f}`);
  for (let i = 0; i < s.count; i++) {
    const img = s.pixels!.subarray(i * PX, (i + 1) * PX);
    assert.ok(measure(img).ink > 10, `image ${i} has ink`);
    for (let j = 0; j < S; j++) {
      for (const p of [j, (S - 1) * S + j, j * S, j * S + S - 1]) assert.equal(img[p], 0, `image ${i} touches the border`);
    }
  }
});

test('shapes: anti-aliased edges (grey levels between black and white)', () => {
  const img = draw('ellipse', 0.3);
  const levels = new Set(img);
  assert.ok(levels.has(0) && levels.has(255));
  assert.ok(levels.size > 8, `only ${levels.size} grey levels`);
});

test('shapes: each class fills its bounding box as its geometry says (zero rotation)', () => {
  // [ink / box, box width, box height] in units of the radius, from each shape's definition
  const expected: Record<string, [number, number, number]> = { square: [1, 1.4, 1.4], ellipse: [Math.PI / 4, 1.9, 1.1], triangle: [0.5, Math.sqrt(3), 1.5] };
  // a large radius (13 px, still inside the frame) keeps pixel rounding small
  const r = 13;
  for (const [kind, [ratio, bw, bh]] of Object.entries(expected)) {
    const { ink, w, h } = measure(draw(kind as ShapeClass, 0, r));
    // the drawn box is the defined one (to a pixel either side), and the ink fills it as the geometry says
    assert.ok(Math.abs(w - bw * r) <= 1.5 && Math.abs(h - bh * r) <= 1.5, `${kind}: box ${w}×${h}, expected ${(bw * r).toFixed(1)}×${(bh * r).toFixed(1)}`);
    assert.ok(Math.abs(ink / (bw * bh * r * r) - ratio) < 0.03, `${kind}: ink/box ${(ink / (bw * bh * r * r)).toFixed(3)}, expected ${ratio.toFixed(3)}`);
  }
  // the heart is symmetric left-right and has more ink in its upper half (the lobes) than its lower (the tip)
  const heart = draw('heart');
  let top = 0;
  let bottom = 0;
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      assert.ok(Math.abs(heart[y * S + x] - heart[y * S + (S - 1 - x)]) <= 1, 'heart symmetric');
      if (y < 14) top += heart[y * S + x];
      else bottom += heart[y * S + x];
    }
  }
  assert.ok(top > bottom, `heart lobes up: ${top} vs ${bottom}`);
});

test('shapes: rotation turns the drawing (a square by 90° is itself, a triangle is not)', () => {
  const diff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / 255;
  assert.ok(diff(draw('square'), draw('square', Math.PI / 2)) < 2);
  assert.ok(diff(draw('triangle'), draw('triangle', Math.PI / 2)) > 20);
  assert.ok(diff(draw('square'), draw('square', Math.PI / 4)) > 10);
});

test('shapes: every shape fits its unit disc, so no pose leaves the image', () => {
  for (const kind of SHAPE_CLASSES) {
    for (let a = 0; a < 360; a += 2) {
      const t = (a * Math.PI) / 180;
      assert.ok(!insideShape(kind, 1.001 * Math.cos(t), 1.001 * Math.sin(t)), `${kind} at ${a}°`);
    }
  }
  assert.ok(CENTER_RANGE[0] - SCALE_RANGE[1] >= 0.5 && CENTER_RANGE[1] + SCALE_RANGE[1] <= S - 0.5);
});

test('shapes: labels and factors describe what was drawn (ink ≈ class area · scale²)', () => {
  // each class's area in its unit frame, measured by fine sampling
  const unitArea = SHAPE_CLASSES.map((k) => {
    let n = 0;
    const N = 300;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (insideShape(k, -1 + (2 * (i + 0.5)) / N, -1 + (2 * (j + 0.5)) / N)) n++;
    return (4 * n) / (N * N);
  });
  const s = small.train;
  for (let i = 0; i < s.count; i++) {
    const scale = SCALE_RANGE[0] + s.factors![i * 4 + 2] * (SCALE_RANGE[1] - SCALE_RANGE[0]);
    const { ink } = measure(s.pixels!.subarray(i * PX, (i + 1) * PX));
    const want = unitArea[s.labels[i]] * scale * scale;
    assert.ok(Math.abs(ink / want - 1) < 0.06, `row ${i} (${SHAPE_CLASSES[s.labels[i]]}): ink ${ink.toFixed(1)} vs ${want.toFixed(1)}`);
    // the ink's centre of mass sits near the factor position (within the shape's own offset)
    let mx = 0;
    let my = 0;
    const img = s.pixels!.subarray(i * PX, (i + 1) * PX);
    for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) [mx, my] = [mx + (x + 0.5) * img[y * S + x], my + (y + 0.5) * img[y * S + x]];
    const tot = ink * 255;
    const cx = CENTER_RANGE[0] + s.factors![i * 4] * (CENTER_RANGE[1] - CENTER_RANGE[0]);
    const cy = CENTER_RANGE[0] + s.factors![i * 4 + 1] * (CENTER_RANGE[1] - CENTER_RANGE[0]);
    assert.ok(Math.hypot(mx / tot - cx, my / tot - cy) < 0.35 * scale, `row ${i}: centre of mass far from the factor position`);
  }
});
