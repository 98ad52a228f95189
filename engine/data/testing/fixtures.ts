// Tiny data files written by the tests themselves (MedMNIST-like npz, zips of PNGs,
// CSV), so no binary fixture is committed.
import { zipSync, type Zippable } from 'fflate';
import { PNG } from 'pngjs';
import { npyOf, npyUint8 } from '../npy';

/** Image k of class c: a bright square whose position depends on the class, so classes are separable. */
export function classImage(c: number, k: number, side = 28, channels = 1): Uint8Array {
  const out = new Uint8Array(side * side * channels);
  const x0 = (c * 7) % (side - 8);
  const y0 = (k * 3) % (side - 8);
  for (let y = y0; y < y0 + 8; y++) for (let x = x0; x < x0 + 8; x++) for (let ch = 0; ch < channels; ch++) out[(y * side + x) * channels + ch] = ch === 0 ? 250 : 40 + 60 * c;
  return out;
}

export function imageArray(n: number, classes: number, side = 28, channels = 1): { images: Uint8Array; labels: Uint8Array } {
  const images = new Uint8Array(n * side * side * channels);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % classes;
    images.set(classImage(i % classes, i, side, channels), i * side * side * channels);
  }
  return { images, labels };
}

/** A MedMNIST-layout npz: uint8 images, int64 labels [N, 1] as medmnist ships them. */
export function medmnistNpz(o: { train: number; val?: number; test?: number; classes?: number; side?: number; channels?: number; compressed?: boolean }): Uint8Array {
  const classes = o.classes ?? 3;
  const side = o.side ?? 28;
  const ch = o.channels ?? 1;
  const files: Zippable = {};
  for (const [split, n] of [['train', o.train], ['val', o.val ?? 0], ['test', o.test ?? 0]] as const) {
    if (!n) continue;
    const { images, labels } = imageArray(n, classes, side, ch);
    files[`${split}_images.npy`] = npyUint8(images, ch === 1 ? [n, side, side] : [n, side, side, ch]);
    files[`${split}_labels.npy`] = npyOf('<i8', BigInt64Array.from(labels, (l) => BigInt(l)), [n, 1]);
  }
  return zipSync(files, { level: o.compressed ? 6 : 0 });
}

export function png(side: number, pixels: Uint8Array, channels = 1, height = side): Uint8Array {
  const p = new PNG({ width: side, height });
  for (let i = 0; i < side * height; i++) {
    const r = pixels[i * channels];
    p.data[4 * i] = r;
    p.data[4 * i + 1] = channels === 3 ? pixels[i * 3 + 1] : r;
    p.data[4 * i + 2] = channels === 3 ? pixels[i * 3 + 2] : r;
    p.data[4 * i + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(p));
}

/** A zip of PNGs in class folders (or flat when `flat`), under one top folder like a zipped directory. */
export function pngZip(o: { perClass: number; classes?: string[]; side?: number; flat?: boolean; extra?: Record<string, Uint8Array> }): Uint8Array {
  const classes = o.classes ?? ['cats', 'dogs', 'owls'];
  const side = o.side ?? 28;
  const files: Zippable = {};
  classes.forEach((c, ci) => {
    for (let k = 0; k < o.perClass; k++) files[o.flat ? `set/${c}-${k}.png` : `set/${c}/${k}.png`] = png(side, classImage(ci, k, side));
  });
  Object.assign(files, o.extra ?? {});
  return zipSync(files, { level: 1 });
}

export function labelledCsv(n: number, header = true): string {
  const rows = header ? ['x,y,z,label'] : [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    rows.push(`${(c * 3 + (i % 5) * 0.1).toFixed(2)},${(-c + (i % 3) * 0.2).toFixed(2)},${(i / n).toFixed(3)},${c ? 'b' : 'a'}`);
  }
  return rows.join('\n');
}
