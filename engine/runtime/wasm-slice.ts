// tfjs-backend-wasm 4.22's Slice (and SplitV, which slices once per part) reads
// its input with backend.readSync, which copies the WHOLE input out of the wasm
// heap into a fresh JS ArrayBuffer before copying the slice out of that. The
// fused optimizer splits its [P] parameter vector into every variable each
// step: for an MLP of ~0.5 M parameters that was ten 2 MB copies and ten 2 MB
// allocations per step, ~10 ms of CPU plus the garbage collections the
// allocations set off (bench:step measured the studio step ~30 % over the
// hand-written one in CPU time, most of it here). These kernels copy straight
// from a view of the heap instead: the same values, one copy of the slice only.
import * as tf from '@tensorflow/tfjs';

interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type Attrs = { begin: number | number[]; size: number | number[] };

/** x[begin : begin + size] along every axis, copied from views of the wasm heap. */
function sliceFromHeap(backend: WasmBackend, x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
  // the output first: allocating may grow the heap, which detaches older views of it
  const out = backend.makeOutput(size, x.dtype);
  const xv = backend.typedArrayFromHeap(x);
  const ov = backend.typedArrayFromHeap(out);
  const r = x.shape.length;
  const strides = tf.util.computeStrides(x.shape);
  const stride = (a: number) => (a === r - 1 ? 1 : strides[a]);
  // copied in runs along the last axis; axes to its left are walked like an odometer
  const run = size[r - 1];
  const idx = begin.slice(0, r - 1);
  const rows = size.slice(0, r - 1).reduce((a, b) => a * b, 1);
  for (let row = 0, o = 0; row < rows; row++, o += run) {
    let off = begin[r - 1];
    for (let a = 0; a < r - 1; a++) off += idx[a] * stride(a);
    ov.set(xv.subarray(off, off + run), o);
    for (let a = r - 2; a >= 0; a--) {
      if (++idx[a] < begin[a] + size[a]) break;
      idx[a] = begin[a];
    }
  }
  return out;
}

let done = false;

/** Call once the wasm backend is registered (after importing @tensorflow/tfjs-backend-wasm). */
export function sliceFromWasmHeap(): void {
  const slice = tf.getKernel('Slice', 'wasm');
  const splitV = tf.getKernel('SplitV', 'wasm');
  if (done || !slice || !splitV) return;
  done = true;
  // strings live outside the heap, and empty slices are left to tfjs
  const own = (x: tf.TensorInfo, size: number[]) => x.dtype !== 'string' && x.shape.length > 0 && size.every((s) => s > 0);
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { begin, size } = args.attrs as unknown as Attrs;
      const [b, s] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
      if (!own(x, s)) return slice.kernelFunc(args);
      return sliceFromHeap(args.backend as unknown as WasmBackend, x, b, s);
    },
  });
  tf.unregisterKernel('SplitV', 'wasm');
  tf.registerKernel({
    kernelName: 'SplitV',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const x = args.inputs.x as tf.TensorInfo;
      const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number | number[] };
      const ax = tf.util.parseAxisParam(axis, x.shape)[0];
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, ax);
      if (!own(x, sizes.length ? [...x.shape.slice(0, ax), Math.min(...sizes), ...x.shape.slice(ax + 1)] : [0])) return splitV.kernelFunc(args);
      const begin = x.shape.map(() => 0);
      return sizes.map((s) => {
        const size = x.shape.slice();
        size[ax] = s;
        const part = sliceFromHeap(args.backend as unknown as WasmBackend, x, begin.slice(), size);
        begin[ax] += s;
        return part;
      });
    },
  });
}
