// The toy 2-D generator: seeded, balanced, in the plot range, and each kind
// has the geometry its name promises.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Dataset } from '../spec';
import { ELLIPSE_AXES, makeToy2d, TOY2D_CLASSES, TOY2D_KINDS, toy2dName, type Toy2dKind } from './toy2d';

const make = (kind: Toy2dKind, seed = 1, noise = 0.08, samples = 2000) => makeToy2d({ kind, samples, noise }, seed);

function rows(d: Dataset, split: 'train' | 'test', k: number): Array<[number, number]> {
  const s = d[split];
  const out: Array<[number, number]> = [];
  for (let i = 0; i < s.count; i++) if (s.labels[i] === k) out.push([s.values![2 * i], s.values![2 * i + 1]]);
  return out;
}
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const radius = ([x, y]: [number, number]) => Math.hypot(x, y);

test('toy2d: deterministic per seed, different across seeds', () => {
  for (const kind of TOY2D_KINDS) {
    assert.deepEqual(make(kind, 7).train.values, make(kind, 7).train.values, kind);
    assert.notDeepEqual(make(kind, 7).train.values, make(kind, 8).train.values, kind);
  }
});

test('toy2d: 80/20 split, classes balanced in both splits, labels in range', () => {
  for (const kind of TOY2D_KINDS) {
    const d = make(kind, 3, 0.08, 1000);
    const K = TOY2D_CLASSES[kind];
    assert.equal(d.kind, 'points');
    assert.deepEqual(d.sampleShape, [2]);
    assert.equal(d.classes, K);
    assert.equal(d.train.count + d.test.count, 1000);
    assert.equal(d.test.count, 200);
    assert.equal(d.train.values!.length, d.train.count * 2);
    for (const split of ['train', 'test'] as const) {
      const counts = new Array(K).fill(0);
      for (const l of d[split].labels) counts[l]++;
      const expected = d[split].count / K;
      for (const c of counts) assert.ok(Math.abs(c - expected) <= 1, `${kind} ${split} counts ${counts}`);
    }
  }
});

test('toy2d: coordinates fit the default plot range [-2, 2]', () => {
  for (const kind of TOY2D_KINDS) {
    const v = make(kind).train.values!;
    let inside = 0;
    for (const x of v) {
      assert.ok(Number.isFinite(x) && Math.abs(x) < 2, `${kind}: ${x}`);
      if (Math.abs(x) <= 1.5) inside++;
    }
    assert.ok(inside / v.length > 0.98, `${kind}: only ${inside / v.length} within [-1.5, 1.5]`);
    // spans most of the range, so it is not squashed into a corner of the plot
    assert.ok(Math.max(...v.map(Math.abs)) > 1, kind);
  }
});

test('toy2d: each kind has its geometry (noise 0)', () => {
  // circles: the labelled circle has its radius
  const c = make('circles', 1, 0);
  for (const [k, r] of [[0, 1.25], [1, 0.6]] as const) for (const p of rows(c, 'train', k)) assert.ok(Math.abs(radius(p) - r) < 1e-5);
  // moons: the first moon is the upper arch, the second the lower one
  const m = make('moons', 1, 0);
  assert.ok(mean(rows(m, 'train', 0).map((p) => p[1])) > mean(rows(m, 'train', 1).map((p) => p[1])) + 0.5);
  // spirals: a point of arm k at radius r = 0.1 + 1.3t sits at angle 3πt + kπ
  const s = make('spirals', 1, 0);
  for (const k of [0, 1]) {
    for (const p of rows(s, 'train', k)) {
      const t = (radius(p) - 0.1) / 1.3;
      const phase = Math.atan2(p[1], p[0]) - 3 * Math.PI * t - k * Math.PI;
      const wrapped = phase - 2 * Math.PI * Math.round(phase / (2 * Math.PI));
      assert.ok(Math.abs(wrapped) < 1e-4, `arm ${k}: phase ${wrapped}`);
    }
  }
  // swiss roll: later stretches of the roll lie further out
  const sr = make('swiss-roll', 1, 0);
  const radii = [0, 1, 2, 3].map((k) => mean(rows(sr, 'train', k).map(radius)));
  for (let k = 1; k < 4; k++) assert.ok(radii[k] > radii[k - 1], `radii ${radii}`);
  // blobs: one blob per quadrant
  const b = make('blobs', 1, 0);
  const signs = [0, 1, 2, 3].map((k) => {
    const r = rows(b, 'train', k);
    return [Math.sign(mean(r.map((p) => p[0]))), Math.sign(mean(r.map((p) => p[1])))].join(',');
  });
  assert.equal(new Set(signs).size, 4);
  // ellipse: every point on (a cos z, b sin z), class k in the k-th quadrant (z in its quarter turn)
  const e = make('ellipse', 1, 0);
  for (const k of [0, 1, 2, 3]) {
    for (const [x, y] of rows(e, 'train', k)) {
      assert.ok(Math.abs((x / ELLIPSE_AXES[0]) ** 2 + (y / ELLIPSE_AXES[1]) ** 2 - 1) < 1e-5);
      const z = Math.atan2(y / ELLIPSE_AXES[1], x / ELLIPSE_AXES[0]);
      const quarter = Math.floor((z < 0 ? z + 2 * Math.PI : z) / (Math.PI / 2));
      assert.equal(quarter, k, `(${x}, ${y})`);
    }
  }
});

test('toy2d: noise is the std of the jitter', () => {
  const clean = make('circles', 5, 0);
  const noisy = make('circles', 5, 0.1);
  // same seed, same draws of the clean points: the difference is the jitter
  const a = clean.train.values!;
  const b = noisy.train.values!;
  assert.equal(a.length, b.length);
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) d.push(b[i] - a[i]);
  const m = mean(d);
  const sd = Math.sqrt(mean(d.map((x) => (x - m) ** 2)));
  assert.ok(Math.abs(sd - 0.1) < 0.01, `sd ${sd}`);
});

test('toy2d: the name changes with every param that changes the content', () => {
  const base = { kind: 'moons' as const, samples: 2000, noise: 0.1 };
  const names = new Set([toy2dName(base), toy2dName({ ...base, kind: 'circles' }), toy2dName({ ...base, samples: 1000 }), toy2dName({ ...base, noise: 0.05 })]);
  assert.equal(names.size, 4);
});
