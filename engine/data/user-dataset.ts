// From a stored import to the Dataset a "Your data" node trains on: the file's own
// split or a seeded (stratified) 80/20 one, images resized and converted to the
// node's size and colour. Tensor-free.
import type { Dataset, DataSplit } from '../spec';
import { prepareImages } from './image-prep';
import { splitsOf, type ImportedSet, type ImportedSplit } from './imported';

export interface Preparation {
  /** Image side to train at (images only). */
  size: number;
  /** Image channels to train with (images only). */
  channels: 1 | 3;
}

/** The key of one prepared form of a stored set (the seed matters when the set has no own split). */
export function userDatasetName(id: string, p: Preparation, kind: 'image' | 'vector'): string {
  return kind === 'image' ? `user:${id.slice(0, 16)}@${p.size}x${p.channels}` : `user:${id.slice(0, 16)}`;
}

export function prepareUserDataset(set: ImportedSet, name: string, p: Preparation, seed: number): Dataset {
  const { train, test } = splitsOf(set, seed);
  const labelled = !!set.classNames;
  const convert = (s: ImportedSplit): DataSplit => {
    const labels = s.labels ?? new Uint8Array(s.count);
    if (set.kind === 'vector') return { count: s.count, labels, values: s.data as Float32Array };
    const [side, , c] = set.sampleShape;
    return { count: s.count, labels, pixels: prepareImages(s.data as Uint8Array, s.count, [side, side, c], p.size, p.channels) };
  };
  return {
    name,
    kind: set.kind === 'image' ? 'image' : 'points',
    sampleShape: set.kind === 'image' ? [p.size, p.size, p.channels] : set.sampleShape,
    classes: labelled ? set.classNames!.length : 1,
    labelled,
    train: convert(train),
    test: convert(test),
  };
}
