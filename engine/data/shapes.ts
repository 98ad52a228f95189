// Procedurally drawn shapes (square, ellipse, triangle, heart) at random
// position, scale and rotation: a dSprites-like dataset whose generative
// factors are known, so a representation can be checked for which factors it
// keeps (probe the factors) and which it discards (e.g. under augmentations).
// Tensor-free and seeded; pixels are anti-aliased by 4×4 supersampling.
import { hashSeed, mulberry32 } from '../rng';
import type { Dataset } from '../spec';
import { gatherRows, stratifiedSplit } from './stratified-split';

export const SHAPE_CLASSES = ['square', 'ellipse', 'triangle', 'heart'] as const;
export type ShapeClass = (typeof SHAPE_CLASSES)[number];
export const SHAPE_FACTOR_NAMES = ['x', 'y', 'scale', 'rotation'];
export const SHAPES_SIZE = 28;
export const SHAPES_TEST_FRACTION = 0.2;

/** Shape radius in pixels (every shape fits in a disc of this radius at any rotation). */
export const SCALE_RANGE: readonly [number, number] = [4.5, 8.5];
/**
 * Centre range in pixels (continuous coordinates, the image spans [0, 28]):
 * fixed, not scale-dependent, so the x / y factors mean the same at every
 * scale; the largest shape still keeps half a pixel of margin.
 */
export const CENTER_RANGE: readonly [number, number] = [SCALE_RANGE[1] + 0.5, SHAPES_SIZE - SCALE_RANGE[1] - 0.5];

export interface ShapePose {
  /** Centre in pixels, x to the right, y down. */
  cx: number;
  cy: number;
  /** Radius in pixels. */
  scale: number;
  /** Radians, counter-clockwise on screen. */
  rotation: number;
}

const SQRT3 = Math.sqrt(3);
const SUB = 4; // supersampling per axis: 17 grey levels on edges

/**
 * Whether the point (u, v) of the shape's own frame (unit radius, v up, centred
 * on the shape's centroid or centre of symmetry) is inside the shape.
 */
export function insideShape(kind: ShapeClass, u: number, v: number): boolean {
  switch (kind) {
    case 'square':
      return Math.abs(u) <= 0.7 && Math.abs(v) <= 0.7; // corners at radius 0.99
    case 'ellipse':
      return (u / 0.95) ** 2 + (v / 0.55) ** 2 <= 1; // elongated, so rotation shows
    case 'triangle':
      // equilateral, circumradius 1, apex up, centroid at the origin
      return v >= -0.5 && v <= 1 - SQRT3 * Math.abs(u);
    case 'heart': {
      // two lobes (discs) over a kite that ends in the tip; the notch between
      // the lobes stays visible at small scales, unlike the smooth sextic heart's
      const a = Math.abs(u);
      if ((a - 0.4) ** 2 + (v - 0.3) ** 2 <= 0.45 * 0.45) return true;
      return v <= 0.3 && v >= -0.95 + (1.25 / 0.85) * a;
    }
  }
}

/** Draws one shape, white on black, into `out` (28×28 uint8) at `offset`. */
export function renderShape(kind: ShapeClass, pose: ShapePose, out: Uint8Array, offset = 0): void {
  const S = SHAPES_SIZE;
  const cos = Math.cos(pose.rotation);
  const sin = Math.sin(pose.rotation);
  const inv = 1 / pose.scale;
  // only the pixels of the bounding disc can be covered
  const x0 = Math.max(0, Math.floor(pose.cx - pose.scale - 1));
  const x1 = Math.min(S - 1, Math.ceil(pose.cx + pose.scale + 1));
  const y0 = Math.max(0, Math.floor(pose.cy - pose.scale - 1));
  const y1 = Math.min(S - 1, Math.ceil(pose.cy + pose.scale + 1));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUB; sy++) {
        const dy = py + (sy + 0.5) / SUB - pose.cy;
        for (let sx = 0; sx < SUB; sx++) {
          const dx = px + (sx + 0.5) / SUB - pose.cx;
          // rotate the sample back by the pose's rotation; screen y points down, the shape's v up
          const u = (cos * dx - sin * dy) * inv;
          const v = (-sin * dx - cos * dy) * inv;
          if (insideShape(kind, u, v)) hits++;
        }
      }
      out[offset + py * S + px] = Math.round((255 * hits) / (SUB * SUB));
    }
  }
}

/** The dataset's name: changes whenever its content would (the loader appends the graph seed). */
export function shapesName(count: number): string {
  return `shapes-${count}`;
}

/** Draws `count` shapes (classes equally represented), split 80/20 stratified. */
export function makeShapes(o: { count: number }, seed: number): Dataset {
  const rand = mulberry32(hashSeed(seed, 'shapes', o.count));
  const n = o.count;
  const px = SHAPES_SIZE * SHAPES_SIZE;
  const classes = SHAPE_CLASSES.length;
  const pixels = new Uint8Array(n * px); // [N, 28, 28, 1]
  const labels = new Uint8Array(n);
  const factors = new Float32Array(n * 4); // [N, 4]: x, y, scale, rotation in [0, 1]
  const [c0, c1] = CENTER_RANGE;
  const [s0, s1] = SCALE_RANGE;
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    const f = [rand(), rand(), rand(), rand()];
    const pose = { cx: c0 + f[0] * (c1 - c0), cy: c0 + f[1] * (c1 - c0), scale: s0 + f[2] * (s1 - s0), rotation: 2 * Math.PI * f[3] };
    renderShape(SHAPE_CLASSES[k], pose, pixels, i * px);
    labels[i] = k;
    factors.set(f, i * 4);
  }
  const split = stratifiedSplit(labels, classes, SHAPES_TEST_FRACTION, rand);
  const part = (idx: Int32Array) => ({
    count: idx.length,
    labels: gatherRows(labels, 1, idx, (m) => new Uint8Array(m)),
    pixels: gatherRows(pixels, px, idx, (m) => new Uint8Array(m)),
    factors: gatherRows(factors, 4, idx, (m) => new Float32Array(m)),
    factorNames: SHAPE_FACTOR_NAMES,
  });
  return { name: shapesName(n), kind: 'image', sampleShape: [SHAPES_SIZE, SHAPES_SIZE, 1], classes, train: part(split.train), test: part(split.test) };
}
