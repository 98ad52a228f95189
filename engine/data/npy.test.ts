import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { npyFloat32, npyUint8, parseNpy } from './npy';

test('npy files round-trip, with a 64-byte aligned header', () => {
  const x = Float32Array.from({ length: 12 }, (_, i) => i / 3);
  const f = npyFloat32(x, [3, 4]);
  const r = parseNpy(f);
  assert.equal(r.descr, '<f4');
  assert.deepEqual(r.shape, [3, 4]);
  assert.deepEqual(Array.from(r.data), Array.from(x));
  assert.equal((f.length - 12 * 4) % 64, 0);
  const l = parseNpy(npyUint8(Uint8Array.from([1, 2, 9]), [3]));
  assert.deepEqual(l.shape, [3]);
  assert.deepEqual(Array.from(l.data), [1, 2, 9]);
});

test('NumPy reads them (when a python3 with numpy is on this machine)', (t) => {
  let hasNumpy = true;
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
  } catch {
    hasNumpy = false;
  }
  if (!hasNumpy) return t.diagnostic('numpy not installed: checked the format by parsing only');
  const dir = mkdtempSync(path.join(tmpdir(), 'npy-'));
  writeFileSync(path.join(dir, 'a.npy'), npyFloat32(Float32Array.from([1.5, -2, 3.25, 4]), [2, 2]));
  writeFileSync(path.join(dir, 'b.npy'), npyUint8(Uint8Array.from([7, 8]), [2]));
  const out = execFileSync('python3', ['-c', `import numpy as np; a=np.load('${dir}/a.npy'); b=np.load('${dir}/b.npy'); print(a.shape, a.dtype, a.sum(), b.tolist())`]).toString().trim();
  assert.equal(out, '(2, 2) float32 6.75 [7, 8]');
});
