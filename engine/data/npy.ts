// NumPy .npy (format 1.0) encoding, so held-out embeddings can be checked with
// NumPy / scikit-learn outside the app. Tensor-free: used by the CLI and the UI.

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

/** A little-endian float32 array of the given shape. */
export function npyFloat32(data: Float32Array, shape: number[]): Uint8Array {
  const h = header('<f4', shape);
  const out = new Uint8Array(h.length + data.byteLength);
  out.set(h);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), h.length);
  return out;
}

/** An unsigned byte array (labels). */
export function npyUint8(data: Uint8Array, shape: number[]): Uint8Array {
  const h = header('|u1', shape);
  const out = new Uint8Array(h.length + data.length);
  out.set(h);
  out.set(data, h.length);
  return out;
}

/** Reads back what the two writers produce (for tests). */
export function parseNpy(bytes: Uint8Array): { descr: string; shape: number[]; data: Float32Array | Uint8Array } {
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint16(8, true);
  const text = String.fromCharCode(...bytes.subarray(10, 10 + len));
  const descr = /'descr': '([^']+)'/.exec(text)![1];
  const shape = /'shape': \(([^)]*)\)/.exec(text)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const body = bytes.slice(10 + len);
  return { descr, shape, data: descr === '<f4' ? new Float32Array(body.buffer) : body };
}
