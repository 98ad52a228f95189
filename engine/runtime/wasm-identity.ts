// tfjs-backend-wasm's Identity kernel copies its input. The engine runs Identity
// for every tensor an op saves for its gradient (engine.clone in
// saveTensorsForBackwardMode): ~120 copies per VICReg step, about 5% of it.
// Tensors are immutable and no wasm kernel writes into an input, so the clone
// can share the data with a reference count, as the cpu backend's Identity
// and the wasm backend's own Reshape already do.
import * as tf from '@tensorflow/tfjs';

interface WasmBackend {
  incRef(dataId: object): void;
}

let done = false;

/** Call once the wasm backend is registered (after importing @tensorflow/tfjs-backend-wasm). */
export function shareWasmIdentity(): void {
  const original = tf.getKernel('Identity', 'wasm');
  if (done || !original) return;
  done = true;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      if (x.dtype === 'string') return original.kernelFunc({ inputs, backend, attrs: {} });
      (backend as unknown as WasmBackend).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}
