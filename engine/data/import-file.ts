// One entry point per import source, shared by the import worker and the CLI:
// a file (by extension: .npz, .npy, .zip, .csv) or a picked folder of images.
import { imagesFromEntries, readZipEntries, type FileEntry, type ImageDecoder, type ImportControl } from './image-archive';
import type { ImportedSet } from './imported';
import { parseCsv } from './csv';
import { DataFileError, readNpy } from './npy';
import { imagesFromArrays, readNpz } from './npz';

/** Files larger than this are refused before they are read (configurable per import). */
export const DEFAULT_SIZE_CAP = 500 * 1024 * 1024;

export const IMPORT_EXTENSIONS = ['.npz', '.npy', '.zip', '.csv'];

export interface ImportOptions extends ImportControl {
  decode: ImageDecoder;
  sizeCap?: number;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Throws when a file is over the cap (checked before its bytes are read). */
export function checkSize(file: string, size: number, cap = DEFAULT_SIZE_CAP): void {
  if (size > cap) throw new DataFileError(`${file} is ${mb(size)}, over the ${mb(cap)} import limit (raise the limit to import it)`);
  if (size === 0) throw new DataFileError(`${file} is empty`);
}

export async function importFile(file: string, bytes: Uint8Array, o: ImportOptions): Promise<ImportedSet> {
  checkSize(file, bytes.length, o.sizeCap);
  const ext = file.toLowerCase().slice(file.lastIndexOf('.'));
  o.onProgress?.(0, 1);
  switch (ext) {
    case '.npz':
      return imagesFromArrays(readNpz(bytes, file), file);
    case '.npy':
      return imagesFromArrays({ images: readNpy(bytes, file) }, file);
    case '.csv':
    case '.tsv':
    case '.txt':
      return parseCsv(new TextDecoder().decode(bytes), file);
    case '.zip': {
      const notes: string[] = [];
      return imagesFromEntries(readZipEntries(bytes, file, notes), file, o.decode, o, notes);
    }
    default:
      throw new DataFileError(`${file}: unknown file type "${ext}"; import a .npz, .npy, .zip of images or .csv file, or a folder of images`);
  }
}

/** A picked folder: its files with their paths below the folder. */
export function importFolder(folder: string, entries: FileEntry[], o: ImportOptions): Promise<ImportedSet> {
  checkSize(folder, entries.reduce((s, e) => s + e.bytes.length, 0), o.sizeCap);
  return imagesFromEntries(entries, folder, o.decode, o);
}
