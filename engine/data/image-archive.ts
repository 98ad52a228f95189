// Images from a zip archive or a picked folder: class sub-folders (labelled), or flat
// (unlabelled), optionally under train/ and test/. The pixel decoder is injected: the
// browser's own (createImageBitmap in the import worker) or pngjs / jpeg-js in Node.
import { unzipSync } from 'fflate';
import { compactClasses, MAX_CLASSES, type ImportedSet, type ImportedSplit } from './imported';
import { convertChannels, hasColor, resizeSquare } from './image-prep';
import { DataFileError } from './npy';
import { MAX_STORED_SIDE } from './npz';

export interface FileEntry {
  /** Path inside the archive or below the picked folder, '/'-separated. */
  path: string;
  bytes: Uint8Array;
}

/** Decoded pixels, RGBA interleaved. */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}
export type ImageDecoder = (bytes: Uint8Array, name: string) => Promise<RawImage>;

export interface ImportControl {
  onProgress?: (done: number, total: number) => void;
  /** Polled between images; when true the import stops with ImportCancelled. */
  cancelled?: () => boolean;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'bmp'];
const isImage = (p: string) => IMAGE_EXTENSIONS.includes(p.split('.').pop()!.toLowerCase());
const isJunk = (p: string) => p.split('/').some((s) => s.startsWith('.') || s === '__MACOSX' || s === 'Thumbs.db');

/**
 * Every file of a zip. A damaged archive is read entry by entry, so the readable
 * entries still arrive; unreadable ones are counted in `notes`.
 */
export function readZipEntries(bytes: Uint8Array, file: string, notes: string[]): FileEntry[] {
  const toEntries = (r: Record<string, Uint8Array>) => Object.entries(r).map(([path, b]) => ({ path, bytes: b }));
  try {
    return toEntries(unzipSync(bytes));
  } catch (e) {
    const names: string[] = [];
    try {
      unzipSync(bytes, { filter: (f) => (names.push(f.name), false) });
    } catch {
      throw new DataFileError(`${file} is not a readable zip archive (${(e as Error).message})`);
    }
    const out: FileEntry[] = [];
    let broken = 0;
    for (const name of names) {
      try {
        out.push(...toEntries(unzipSync(bytes, { filter: (f) => f.name === name })));
      } catch {
        broken++;
      }
    }
    notes.push(`${file}: ${broken} damaged ${broken === 1 ? 'entry' : 'entries'} could not be read and ${broken === 1 ? 'was' : 'were'} skipped`);
    return out;
  }
}

/** Width and height from a PNG or BMP header, without decoding (null for other formats). */
export function sniffSize(b: Uint8Array): { width: number; height: number } | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return { width: v.getUint32(16), height: v.getUint32(20) };
  if (b.length > 26 && b[0] === 0x42 && b[1] === 0x4d) return { width: Math.abs(v.getInt32(18, true)), height: Math.abs(v.getInt32(22, true)) };
  return null;
}

interface Labelled {
  entry: FileEntry;
  split: 'train' | 'test';
  cls: string | null;
}

const SPLIT_DIRS: Record<string, 'train' | 'test'> = { train: 'train', training: 'train', val: 'train', valid: 'train', validation: 'train', test: 'test', testing: 'test' };

/** Sorts entries into splits and classes by their folders; counts what is not an image. */
export function organise(entries: FileEntry[], file: string, notes: string[]): { items: Labelled[]; classNames: string[] | null; ownSplit: boolean } {
  const files = entries.filter((e) => !isJunk(e.path) && !e.path.endsWith('/'));
  const images = files.filter((e) => isImage(e.path));
  const others = files.length - images.length;
  if (others) notes.push(`${file}: ${others} ${others === 1 ? 'file is' : 'files are'} not PNG/JPEG/WebP/BMP images and ${others === 1 ? 'was' : 'were'} skipped`);
  if (!images.length) throw new DataFileError(`${file} holds no PNG, JPEG, WebP or BMP images`);
  let parts = images.map((e) => e.path.split('/').filter(Boolean));
  // a zip of one folder: that folder is not a class
  while (parts.every((p) => p.length > 1 && p[0] === parts[0][0])) parts = parts.map((p) => p.slice(1));
  const ownSplit = parts.every((p) => p.length > 1 && SPLIT_DIRS[p[0].toLowerCase()]) && parts.some((p) => SPLIT_DIRS[p[0].toLowerCase()] === 'test');
  const items = images.map((entry, i) => {
    const p = ownSplit ? parts[i].slice(1) : parts[i];
    return { entry, split: ownSplit ? SPLIT_DIRS[parts[i][0].toLowerCase()] : ('train' as const), cls: p.length > 1 ? p[0] : null };
  });
  const inFolders = items.filter((x) => x.cls !== null);
  if (!inFolders.length) return { items, classNames: null, ownSplit };
  const flat = items.length - inFolders.length;
  if (flat) notes.push(`${file}: ${flat} ${flat === 1 ? 'image lies' : 'images lie'} outside the class folders and ${flat === 1 ? 'was' : 'were'} skipped`);
  const classNames = [...new Set(inFolders.map((x) => x.cls!))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  // folders (directory entries, or holding only other files) at the class level with no image
  const segs = (path: string) => path.split('/').filter(Boolean);
  const strip = segs(images[0].path).length - parts[0].length + (ownSplit ? 1 : 0);
  const folderOf = (path: string) => {
    const p = segs(path);
    return (path.endsWith('/') ? p.length > strip : p.length > strip + 1) ? p[strip] : null;
  };
  const empty = [...new Set(entries.filter((e) => !isJunk(e.path)).map((e) => folderOf(e.path)))].filter((f): f is string => !!f && !classNames.includes(f));
  if (empty.length) notes.push(`${file}: class ${empty.length === 1 ? 'folder' : 'folders'} ${empty.map((f) => `"${f}"`).join(', ')} ${empty.length === 1 ? 'holds' : 'hold'} no images and ${empty.length === 1 ? 'was' : 'were'} left out`);
  if (classNames.length > MAX_CLASSES) throw new DataFileError(`${file} has ${classNames.length} class folders; at most ${MAX_CLASSES} are supported`);
  return { items: inFolders, classNames, ownSplit };
}

/** The most common image side among those whose header tells it, capped at MAX_STORED_SIDE. */
function commonSide(items: Labelled[]): number | null {
  const counts = new Map<number, number>();
  for (const it of items) {
    const s = sniffSize(it.entry.bytes);
    if (s) counts.set(Math.min(s.width, s.height), (counts.get(Math.min(s.width, s.height)) ?? 0) + 1);
  }
  if (!counts.size) return null;
  return Math.min(MAX_STORED_SIDE, [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0]);
}

/**
 * Decodes and stores every image at one square size (the most common one, at most 64;
 * others are cropped / resized and counted) as grey when no image has colour, else RGB.
 */
export async function imagesFromEntries(entries: FileEntry[], file: string, decode: ImageDecoder, control: ImportControl = {}, notes: string[] = []): Promise<ImportedSet> {
  const { items, classNames, ownSplit } = organise(entries, file, notes);
  let side = commonSide(items);
  const rgb: Uint8Array[] = [];
  const kept: Labelled[] = [];
  let undecodable = 0;
  let resized = 0;
  let color = false;
  const sizes = new Set<string>();
  const tmp3 = new Uint8Array(MAX_STORED_SIDE * MAX_STORED_SIDE * 3);
  // decodes run a few at a time: the browser decodes off its own threads, so overlapping them pays
  const WINDOW = 16;
  const started: Array<Promise<RawImage | null>> = [];
  const start = (i: number) => {
    if (i < items.length) started[i] = decode(items[i].entry.bytes, items[i].entry.path).catch(() => null);
  };
  for (let i = 0; i < WINDOW; i++) start(i);
  for (let i = 0; i < items.length; i++) {
    if (control.cancelled?.()) throw new ImportCancelled();
    if (i % 64 === 0) control.onProgress?.(i, items.length);
    const img = await started[i];
    delete started[i];
    start(i + WINDOW);
    if (!img) {
      undecodable++;
      continue;
    }
    side ??= Math.min(MAX_STORED_SIDE, img.width, img.height);
    if (img.width !== side || img.height !== side) {
      resized++;
      sizes.add(`${img.width}×${img.height}`);
    }
    const three = convertChannels(img.data, 4, 3);
    color ||= hasColor(three, 3);
    const out = new Uint8Array(side * side * 3);
    if (img.width === side && img.height === side) out.set(three);
    else {
      resizeSquare(three, img.width, img.height, 3, side, tmp3);
      out.set(tmp3.subarray(0, out.length));
    }
    rgb.push(out);
    kept.push(items[i]);
  }
  control.onProgress?.(items.length, items.length);
  if (undecodable) notes.push(`${file}: ${undecodable} ${undecodable === 1 ? 'image' : 'images'} could not be decoded and ${undecodable === 1 ? 'was' : 'were'} skipped`);
  if (resized) notes.push(`${file}: ${resized} ${resized === 1 ? 'image' : 'images'} of other sizes (${[...sizes].slice(0, 4).join(', ')}${sizes.size > 4 ? ', …' : ''}) ${resized === 1 ? 'was' : 'were'} resized to ${side}×${side}`);
  if (!kept.length || side === null) throw new DataFileError(`${file}: none of its ${items.length} images could be decoded`);
  const c = color ? 3 : 1;
  const index = new Map((classNames ?? []).map((n, i) => [n, i]));
  const build = (split: 'train' | 'test'): ImportedSplit => {
    const rows = kept.map((k, i) => (k.split === split ? i : -1)).filter((i) => i >= 0);
    const per = side! * side! * c;
    const data = new Uint8Array(rows.length * per);
    rows.forEach((r, j) => data.set(c === 3 ? rgb[r] : convertChannels(rgb[r], 3, 1), j * per));
    const labels = classNames ? Uint8Array.from(rows, (r) => index.get(kept[r].cls!)!) : null;
    return { count: rows.length, data, labels };
  };
  const train = build('train');
  const test = ownSplit ? build('test') : null;
  const names = classNames ? compactClasses([train.labels, test?.labels ?? null], classNames, file, notes) : null;
  if (!train.count) throw new DataFileError(`${file}: the training split holds no images`);
  return { kind: 'image', sampleShape: [side, side, c], classNames: names, train, test: test?.count ? test : null, notes };
}
