// NumPy .npz archives (a zip of .npy files) for the exported dataset, weights
// and parity data, and reading one back (PyTorch weights imported into the
// studio). Writing is here; reading goes through the one npz / npy reader the
// dataset import uses (engine/data/npz.ts, engine/data/npy.ts).
import { zipSync } from 'fflate';
import { npyFloat32, npyUint8 } from '../data/npy';
import { readNpz as readArrays } from '../data/npz';

export type NpzArray = { shape: number[]; data: Float32Array | Uint8Array };

export function writeNpz(arrays: Record<string, NpzArray>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, a] of Object.entries(arrays)) files[`${name}.npy`] = a.data instanceof Uint8Array ? npyUint8(a.data, a.shape) : npyFloat32(a.data, a.shape);
  // stored, not deflated: weights barely compress and np.load reads either
  return zipSync(files, { level: 0 });
}

/** Bytes stay bytes; every other dtype (float64 from a plain np.savez, ints) becomes float32, as the studio's tensors are. */
export function readNpz(bytes: Uint8Array, file = 'the .npz file'): Record<string, NpzArray> {
  const out: Record<string, NpzArray> = {};
  for (const [name, a] of Object.entries(readArrays(bytes, file))) {
    const d = a.data;
    out[name] = { shape: a.shape, data: d instanceof Uint8Array || d instanceof Float32Array ? d : Float32Array.from(d as ArrayLike<number>, Number) };
  }
  return out;
}
