// Node's image decoder for imports outside the browser (the CLI, unit tests): PNG
// through pngjs, JPEG through jpeg-js, uncompressed BMP by hand. The browser's import
// worker uses createImageBitmap instead (WebP too).
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { RawImage } from '../../engine/data/image-archive';

function decodeBmp(b: Uint8Array): RawImage {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const offset = v.getUint32(10, true);
  const width = v.getInt32(18, true);
  const rawHeight = v.getInt32(22, true);
  const bpp = v.getUint16(28, true);
  const compression = v.getUint32(30, true);
  if ((bpp !== 24 && bpp !== 32) || (compression !== 0 && compression !== 3)) throw new Error(`BMP with ${bpp} bits per pixel / compression ${compression} is not supported here`);
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride; // positive height: bottom-up rows
    for (let x = 0; x < width; x++) {
      const p = row + (x * bpp) / 8;
      data.set([b[p + 2], b[p + 1], b[p], 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

export async function decodeImageNode(bytes: Uint8Array, name: string): Promise<RawImage> {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    const j = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width: j.width, height: j.height, data: j.data };
  }
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) return decodeBmp(bytes);
  throw new Error(`${name}: not a PNG, JPEG or BMP image (WebP is decoded in the browser only)`);
}
