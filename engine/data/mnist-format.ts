// Parser for public/data/mnist.bin, written by scripts/build-mnist.mjs.
// Tensor-free on purpose (no tfjs import): the worker, Node tests and the CLI all
// parse the asset the same way, and the bytes stay bytes until a batch is drawn.
//
// Layout (little-endian u32 header, 24 bytes):
//   0 magic "LSMN" | 4 version (1) | 8 N | 12 H | 16 W | 20 nTrain
//   24: N*H*W uint8 pixels (train rows first, then test rows), then N uint8 labels.
import type { Dataset } from '../spec';

export const MNIST_MAGIC = 'LSMN';
export const MNIST_FORMAT_VERSION = 1;
export const MNIST_HEADER_BYTES = 24;
export const MNIST_CLASSES = 10;

export function parseMnistAsset(buf: ArrayBuffer | Uint8Array): Dataset {
  const bytes = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
  if (bytes.byteLength < MNIST_HEADER_BYTES) {
    throw new Error(
      `mnist asset: truncated file: ${bytes.byteLength} bytes, shorter than the ${MNIST_HEADER_BYTES}-byte header (rebuild it with node scripts/build-mnist.mjs --force)`,
    );
  }
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== MNIST_MAGIC) {
    throw new Error(`mnist asset: bad magic ${JSON.stringify(magic)}, expected "${MNIST_MAGIC}" (not a Latent Studio MNIST file)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== MNIST_FORMAT_VERSION) {
    throw new Error(`mnist asset: unsupported format version ${version}, this build reads version ${MNIST_FORMAT_VERSION}`);
  }
  const n = view.getUint32(8, true);
  const height = view.getUint32(12, true);
  const width = view.getUint32(16, true);
  const nTrain = view.getUint32(20, true);
  if (height === 0 || width === 0 || nTrain > n) {
    throw new Error(`mnist asset: inconsistent header (N=${n}, H=${height}, W=${width}, nTrain=${nTrain})`);
  }
  const pix = height * width;
  const expected = MNIST_HEADER_BYTES + n * pix + n;
  if (bytes.byteLength < expected) {
    throw new Error(
      `mnist asset: truncated file: ${bytes.byteLength} bytes, expected ${expected} for N=${n} ${height}x${width} rows (rebuild it with node scripts/build-mnist.mjs --force)`,
    );
  }
  if (bytes.byteLength > expected) {
    throw new Error(`mnist asset: ${bytes.byteLength - expected} unexpected trailing bytes after N=${n} rows`);
  }
  const pixOff = MNIST_HEADER_BYTES;
  const labOff = pixOff + n * pix;
  const pixels = bytes.subarray(pixOff, labOff);
  const labels = bytes.subarray(labOff, labOff + n);
  const nTest = n - nTrain;
  return {
    name: 'mnist',
    kind: 'image',
    sampleShape: [height, width, 1],
    classes: MNIST_CLASSES,
    train: { pixels: pixels.subarray(0, nTrain * pix), labels: labels.subarray(0, nTrain), count: nTrain },
    test: { pixels: pixels.subarray(nTrain * pix), labels: labels.subarray(nTrain), count: nTest },
  };
}
