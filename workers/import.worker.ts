// The import worker: everything heavy about bringing in a dataset happens here, off
// the main thread (reading the file, unzipping, decoding images with the browser's own
// decoders, resizing, hashing, writing IndexedDB), so the page stays responsive.
import * as Comlink from 'comlink';
import { ImportCancelled, type RawImage } from '../engine/data/image-archive';
import { checkSize, importFile, importFolder } from '../engine/data/import-file';
import { DataFileError } from '../engine/data/npy';
import { listDatasets, saveDataset } from '../engine/data/store';
import type { ImporterApi, ImportProgress, ImportResult } from './import-protocol';

let cancelled = false;

/** createImageBitmap decodes PNG, JPEG, WebP and BMP; an OffscreenCanvas reads the pixels back. */
async function decodeInWorker(bytes: Uint8Array): Promise<RawImage> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0);
    return { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
  } finally {
    bitmap.close();
  }
}

const api: ImporterApi = {
  async importData(source, options, onProgress): Promise<ImportResult> {
    cancelled = false;
    const report = (p: ImportProgress) => void onProgress(p);
    const check = () => {
      if (cancelled) throw new ImportCancelled();
    };
    const name = source.kind === 'file' ? source.file.name : source.name;
    try {
      const control = { decode: decodeInWorker, sizeCap: options.sizeCap, cancelled: () => cancelled, onProgress: (done: number, total: number) => report({ phase: 'decoding', done, total }) };
      let set;
      if (source.kind === 'file') {
        checkSize(name, source.file.size, options.sizeCap);
        report({ phase: 'reading', done: 0, total: source.file.size });
        const bytes = new Uint8Array(await source.file.arrayBuffer());
        check();
        set = await importFile(name, bytes, control);
      } else {
        checkSize(name, source.files.reduce((s, f) => s + f.file.size, 0), options.sizeCap);
        const entries = [];
        for (let i = 0; i < source.files.length; i++) {
          if (i % 64 === 0) {
            check();
            report({ phase: 'reading', done: i, total: source.files.length });
          }
          const f = source.files[i];
          // only images are read: a folder may hold much else
          entries.push({ path: f.path, bytes: /\.(png|jpe?g|webp|bmp)$/i.test(f.path) ? new Uint8Array(await f.file.arrayBuffer()) : new Uint8Array(0) });
        }
        set = await importFolder(name, entries, control);
      }
      check();
      report({ phase: 'storing', done: 0, total: 1 });
      const before = new Set((await listDatasets()).map((d) => d.id));
      const meta = await saveDataset(set, name.replace(/\.[^.]+$/, ''), name);
      return { ok: true, meta, existed: before.has(meta.id) };
    } catch (e) {
      if (e instanceof ImportCancelled) return { ok: false, cancelled: true, error: `Import of ${name} cancelled` };
      const msg = e instanceof DataFileError ? e.message : `${name}: ${(e as Error)?.message ?? String(e)}`;
      return { ok: false, cancelled: false, error: msg };
    }
  },
  cancel() {
    cancelled = true;
  },
};

Comlink.expose(api);
