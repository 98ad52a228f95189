// NumPy .npz archives (a zip of .npy files) for the exported dataset, weights
// and parity data, and reading one back (PyTorch weights imported into the
// studio). fflate does the zip; engine/data/npy.ts the arrays.
import { unzipSync, zipSync } from 'fflate';
import { npyFloat32, npyUint8, parseNpy } from '../data/npy';

export type NpzArray = { shape: number[]; data: Float32Array | Uint8Array };

export function writeNpz(arrays: Record<string, NpzArray>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = a.data instanceof Uint8Array ? npyUint8(a.data, a.shape) : npyFloat32(a.data, a.shape);
  // stored, not deflated: weights barely compress and np.load reads either
  return zipSync(files, { level: 0 });
}

export function readNpz(bytes: Uint8Array): Record<string, NpzArray> {
  const out: Record<string, NpzArray> = {};
  for (const [name, b] of Object.entries(unzipSync(bytes))) {
    if (!name.endsWith('.npy')) continue;
    const a = parseNpy(b);
    out[name.slice(0, -4)] = { shape: a.shape, data: a.data };
  }
  return out;
}
