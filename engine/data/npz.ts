// NumPy .npz archives (stored or deflate-compressed zips of .npy files) and the
// MedMNIST layout inside them: train_images / train_labels, val_…, test_…, uint8
// images [N, H, W] or [N, H, W, 3]. Tensor-free, DOM-free.
import { unzipSync } from 'fflate';
import { compactClasses, MAX_CLASSES, type ImportedSet, type ImportedSplit } from './imported';
import { resizeSquare } from './image-prep';
import { DataFileError, readNpy, type NpyArray } from './npy';

/** Largest stored image side: bigger images are shrunk at import (the node trains at 28, 32 or 64). */
export const MAX_STORED_SIDE = 64;

export function readNpz(bytes: Uint8Array, file: string): Record<string, NpyArray> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new DataFileError(`${file} is not a readable .npz (zip) archive: ${(e as Error).message}`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [name, data] of Object.entries(entries)) if (name.endsWith('.npy')) out[name.replace(/\.npy$/, '')] = readNpy(data, `${file}:${name}`);
  if (!Object.keys(out).length) throw new DataFileError(`${file} holds no .npy arrays`);
  return out;
}

const LAYOUT = 'the MedMNIST layout: train_images, train_labels, optional val_… and test_… (uint8 images [N, H, W] or [N, H, W, 3])';

function imagesOf(a: NpyArray, where: string): { n: number; h: number; w: number; c: number; data: Uint8Array } {
  if (a.dtype !== '|u1' && a.dtype !== '<u1') throw new DataFileError(`${where} has dtype ${a.dtype}; images must be uint8 (0..255)`);
  const s = a.shape;
  const ok = s.length === 3 || (s.length === 4 && (s[3] === 1 || s[3] === 3));
  if (!ok) throw new DataFileError(`${where} has shape (${s.join(', ')}); images must be [N, H, W] or [N, H, W, 3]`);
  return { n: s[0], h: s[1], w: s[2], c: s.length === 4 ? s[3] : 1, data: a.data as Uint8Array };
}

function labelsOf(a: NpyArray, n: number, where: string): number[] {
  if (!/^[<|]?[iub][1248]$/.test(a.dtype)) throw new DataFileError(`${where} has dtype ${a.dtype}; labels must be integers`);
  const s = a.shape;
  if (s.length > 2 || (s.length === 2 && s[1] !== 1)) throw new DataFileError(`${where} has shape (${s.join(', ')}); one integer label per image is needed ([N] or [N, 1]; multi-label sets are not supported)`);
  if (s[0] !== n) throw new DataFileError(`${where} has ${s[0]} labels for ${n} images`);
  const out = Array.from(a.data as ArrayLike<number | bigint>, Number);
  const bad = out.find((v) => !(v >= 0 && v < MAX_CLASSES));
  if (bad !== undefined) throw new DataFileError(`${where} holds the label ${bad}; labels must be 0..${MAX_CLASSES - 1}`);
  return out;
}

/** Square, at most MAX_STORED_SIDE: the central square, shrunk when larger. */
function toStored(img: { n: number; h: number; w: number; c: number; data: Uint8Array }, side: number): Uint8Array {
  if (img.h === side && img.w === side) return img.data;
  const per = img.h * img.w * img.c;
  const out = new Uint8Array(img.n * side * side * img.c);
  for (let i = 0; i < img.n; i++) resizeSquare(img.data.subarray(i * per, (i + 1) * per), img.w, img.h, img.c, side, out, i * side * side * img.c);
  return out;
}

/**
 * An image set from named arrays: the MedMNIST keys, or a lone `images` (+ `labels`)
 * pair, or a single array (a bare .npy). val_ rows join the training split; test_ rows
 * are the held-out split.
 */
export function imagesFromArrays(arrays: Record<string, NpyArray>, file: string): ImportedSet {
  const keys = Object.keys(arrays);
  const notes: string[] = [];
  const prefix = (p: string) => (arrays[`${p}_images`] ? `${p}_` : null);
  let parts: Array<{ split: 'train' | 'test'; images: NpyArray; labels?: NpyArray; name: string }>;
  if (prefix('train')) {
    parts = [{ split: 'train', images: arrays.train_images, labels: arrays.train_labels, name: 'train' }];
    if (arrays.val_images) parts.push({ split: 'train', images: arrays.val_images, labels: arrays.val_labels, name: 'val' });
    if (arrays.test_images) parts.push({ split: 'test', images: arrays.test_images, labels: arrays.test_labels, name: 'test' });
    if (arrays.val_images) notes.push(`${file}: the val split joined the training split`);
  } else if (arrays.images) parts = [{ split: 'train', images: arrays.images, labels: arrays.labels, name: '' }];
  else if (keys.length === 1) parts = [{ split: 'train', images: arrays[keys[0]], name: '' }];
  else throw new DataFileError(`${file} has no train_images array (it holds ${keys.join(', ')}); expected ${LAYOUT}`);

  const imgs = parts.map((p) => imagesOf(p.images, `${file}: ${p.name ? `${p.name}_images` : keys.length === 1 ? 'the array' : 'images'}`));
  const labelled = parts.every((p) => p.labels);
  if (!labelled && parts.some((p) => p.labels)) notes.push(`${file}: labels are missing for ${parts.filter((p) => !p.labels).map((p) => p.name).join(', ')}; the set was imported without labels`);
  const c = imgs.some((i) => i.c === 3) ? 3 : 1;
  if (imgs.some((i) => i.c !== c)) throw new DataFileError(`${file} mixes grey and colour arrays; all must have the same channel count`);
  const side = Math.min(MAX_STORED_SIDE, ...imgs.map((i) => Math.min(i.h, i.w)));
  if (imgs.some((i) => i.h !== side || i.w !== side)) notes.push(`${file}: images of ${[...new Set(imgs.map((i) => `${i.h}×${i.w}`))].join(', ')} were ${imgs.some((i) => i.h !== i.w) ? 'cropped to a square and ' : ''}resized to ${side}×${side}`);
  const labels = parts.map((p, k) => (labelled ? Uint8Array.from(labelsOf(p.labels!, imgs[k].n, `${file}: ${p.name ? `${p.name}_labels` : 'labels'}`)) : null));
  let classNames: string[] | null = null;
  if (labelled) {
    const max = Math.max(-1, ...labels.map((l) => l!.reduce((m, v) => Math.max(m, v), -1)));
    classNames = compactClasses(labels, Array.from({ length: max + 1 }, (_, i) => String(i)), file, notes);
  }
  const join = (split: 'train' | 'test'): ImportedSplit | null => {
    const ks = parts.map((p, k) => (p.split === split ? k : -1)).filter((k) => k >= 0);
    if (!ks.length) return null;
    const datas = ks.map((k) => toStored(imgs[k], side));
    const count = ks.reduce((s, k) => s + imgs[k].n, 0);
    const data = datas.length === 1 ? datas[0] : new Uint8Array(count * side * side * c);
    if (datas.length > 1) datas.reduce((off, d) => (data.set(d, off), off + d.length), 0);
    const l = labelled ? new Uint8Array(count) : null;
    if (l) ks.reduce((off, k) => (l.set(labels[k]!, off), off + imgs[k].n), 0);
    return { count, data, labels: l };
  };
  const train = join('train')!;
  if (!train.count) throw new DataFileError(`${file}: the training split holds no images`);
  const test = join('test');
  return { kind: 'image', sampleShape: [side, side, c], classNames, train, test: test?.count ? test : null, notes };
}
