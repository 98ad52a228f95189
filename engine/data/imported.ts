// The common form every import format arrives in (npz, zip of images, CSV), before a
// "Your data" node prepares it for training. Tensor-free and DOM-free: the import
// worker, the training worker, the CLI and the tests share it.
import { mulberry32, shuffleInPlace } from '../rng';
import { DataFileError } from './npy';
import { stratifiedSplit } from './stratified-split';

export interface ImportedSplit {
  count: number;
  /** images: [N · S · S · C] bytes 0..255; vectors: [N · F] floats */
  data: Uint8Array | Float32Array;
  /** [N] class indices into classNames; null for unlabelled sets */
  labels: Uint8Array | null;
}

export interface ImportedSet {
  kind: 'image' | 'vector';
  /** [S, S, C] for images (square, C = 1 or 3), [F] for vectors */
  sampleShape: number[];
  /** null: the set has no labels */
  classNames: string[] | null;
  train: ImportedSplit;
  /** The file's own held-out split; null: a seeded (stratified) 80/20 split is made when it is used. */
  test: ImportedSplit | null;
  /** What the import changed or skipped, one sentence each (shown in the Data panel and by the CLI). */
  notes: string[];
}

/** Labels are stored as bytes: one class index per row. */
export const MAX_CLASSES = 255;

/** Images or vectors per class, over both splits (the Data panel's class counts). */
export function classCounts(set: ImportedSet): number[] | null {
  if (!set.classNames) return null;
  const counts = new Array<number>(set.classNames.length).fill(0);
  for (const s of [set.train, set.test]) if (s?.labels) for (const l of s.labels) counts[l]++;
  return counts;
}

/**
 * Renumbers class indices so that classes with no rows disappear (a class folder
 * with no images, a label value never used), and says which were dropped.
 */
export function compactClasses(splits: Array<Uint8Array | null>, names: string[], file: string, notes: string[]): string[] {
  const used = new Array<boolean>(names.length).fill(false);
  for (const l of splits) if (l) for (const v of l) used[v] = true;
  const empty = names.filter((_, i) => !used[i]);
  if (!empty.length) return names;
  const one = empty.length === 1;
  notes.push(`${file}: ${one ? 'class' : 'classes'} ${empty.map((n) => `"${n}"`).join(', ')} ${one ? 'has' : 'have'} no rows and ${one ? 'was' : 'were'} left out`);
  const remap = new Uint8Array(names.length);
  const kept: string[] = [];
  names.forEach((n, i) => {
    if (used[i]) remap[i] = kept.push(n) - 1;
  });
  for (const l of splits) if (l) for (let i = 0; i < l.length; i++) l[i] = remap[l[i]];
  if (!kept.length) throw new DataFileError(`${file} holds no labelled rows`);
  return kept;
}

function gather(split: ImportedSplit, width: number, idx: Int32Array): ImportedSplit {
  const src = split.data;
  const data = src instanceof Float32Array ? new Float32Array(idx.length * width) : new Uint8Array(idx.length * width);
  for (let r = 0; r < idx.length; r++) data.set(src.subarray(idx[r] * width, (idx[r] + 1) * width), r * width);
  const labels = split.labels ? Uint8Array.from(idx, (i) => split.labels![i]) : null;
  return { count: idx.length, data, labels };
}

/**
 * The train / held-out pair a run uses: the file's own split when it has one, else a
 * seeded 80/20 split, stratified by class when there are labels (so every class has
 * the same share in both), a plain shuffle when there are none.
 */
export function splitsOf(set: ImportedSet, seed: number): { train: ImportedSplit; test: ImportedSplit } {
  if (set.test) return { train: set.train, test: set.test };
  const rand = mulberry32(seed);
  const width = set.sampleShape.reduce((a, b) => a * b, 1);
  const n = set.train.count;
  let idx: { train: Int32Array; test: Int32Array };
  if (set.train.labels && set.classNames) idx = stratifiedSplit(set.train.labels, set.classNames.length, 0.2, rand);
  else {
    const all = shuffleInPlace(Int32Array.from({ length: n }, (_, i) => i), rand);
    const nTest = Math.round(n * 0.2);
    idx = { test: all.slice(0, nTest), train: all.slice(nTest) };
  }
  if (!idx.train.length || !idx.test.length) throw new DataFileError(`the dataset has ${n} rows: too few for a training and a held-out split`);
  return { train: gather(set.train, width, idx.train), test: gather(set.train, width, idx.test) };
}
