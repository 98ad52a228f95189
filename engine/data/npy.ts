// NumPy .npy reading and writing: held-out embeddings go out for checking with
// NumPy / scikit-learn, imported datasets come in. Tensor-free: runs in Node, the UI and workers.

function header(descr: string, shape: number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // magic (6) + version (2) + header length (2) + dict + '\n' must be a multiple of 64
  const pad = 64 - ((10 + dict.length + 1) % 64);
  dict += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + dict.length);
  out.set([0x93, ...Array.from('NUMPY', (c) => c.charCodeAt(0)), 1, 0]);
  new DataView(out.buffer).setUint16(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  return out;
}

/** Any little-endian typed array of the given shape, under NumPy's dtype string (e.g. '<i8'). */
export function npyOf(descr: string, data: ArrayBufferView, shape: number[]): Uint8Array {
  const h = header(descr, shape);
  const out = new Uint8Array(h.length + data.byteLength);
  out.set(h);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), h.length);
  return out;
}

/** A little-endian float32 array of the given shape. */
export const npyFloat32 = (data: Float32Array, shape: number[]): Uint8Array => npyOf('<f4', data, shape);

/** An unsigned byte array (labels, images). */
export const npyUint8 = (data: Uint8Array, shape: number[]): Uint8Array => npyOf('|u1', data, shape);

/** A typed array read from a .npy file, with NumPy's dtype string and shape. */
export interface NpyArray {
  dtype: string;
  shape: number[];
  data: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;
}

/** What went wrong with a file, phrased for the person who chose it. */
export class DataFileError extends Error {}

const DTYPES: Record<string, { bytes: number; make: (b: ArrayBuffer, off: number, n: number) => NpyArray['data'] }> = {
  u1: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  b1: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  i1: { bytes: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  u2: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  i2: { bytes: 2, make: (b, o, n) => new Int16Array(b, o, n) },
  u4: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  i4: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  f4: { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  f8: { bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
  i8: { bytes: 8, make: (b, o, n) => new BigInt64Array(b, o, n) },
  u8: { bytes: 8, make: (b, o, n) => new BigUint64Array(b, o, n) },
};

/**
 * Reads a .npy file (format 1.0 to 3.0, C order, little-endian or byte-sized dtypes).
 * `name` only serves the error messages.
 */
export function readNpy(bytes: Uint8Array, name = 'the .npy file'): NpyArray {
  if (bytes.length < 10 || bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') throw new DataFileError(`${name} is not a NumPy .npy array (no NUMPY magic)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [len, start] = major === 1 ? [view.getUint16(8, true), 10] : [view.getUint32(8, true), 12];
  if (start + len > bytes.length) throw new DataFileError(`${name} is truncated (its header runs past the end)`);
  const text = new TextDecoder().decode(bytes.subarray(start, start + len));
  const descr = /'descr':\s*'([^']+)'/.exec(text)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(text)?.[1];
  if (!descr || shapeText === undefined) throw new DataFileError(`${name} has an unreadable .npy header`);
  if (/'fortran_order':\s*True/.test(text)) throw new DataFileError(`${name} is stored in Fortran order; save it with C order (np.ascontiguousarray)`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const order = descr[0];
  const kind = descr.slice(1);
  const dt = DTYPES[kind];
  if (!dt) throw new DataFileError(`${name} has dtype ${descr}, which cannot be read (numbers or bytes only)`);
  if (order === '>' && dt.bytes > 1) throw new DataFileError(`${name} is big-endian (${descr}); save it little-endian`);
  const n = shape.reduce((a, b) => a * b, 1);
  const off = start + len;
  if (bytes.length - off < n * dt.bytes) throw new DataFileError(`${name} is truncated: shape (${shape.join(', ')}) needs ${n * dt.bytes} bytes of data, the file holds ${bytes.length - off}`);
  // a copy: aligned for the typed array, and independent of the (possibly huge) file buffer
  const body = bytes.slice(off, off + n * dt.bytes);
  return { dtype: descr, shape, data: dt.make(body.buffer, 0, n) };
}

/** Reads back what the two writers produce (for tests). */
export function parseNpy(bytes: Uint8Array): { descr: string; shape: number[]; data: Float32Array | Uint8Array } {
  const r = readNpy(bytes);
  return { descr: r.dtype, shape: r.shape, data: r.data as Float32Array | Uint8Array };
}
