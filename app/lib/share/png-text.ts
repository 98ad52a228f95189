// Figures that carry their graph: the studio's PNG exports embed the graph
// JSON in an iTXt chunk (keyword `latent-studio-graph`, zlib-compressed UTF-8),
// and a dropped PNG is searched for it. Reads tEXt, zTXt and iTXt, so a figure
// re-saved by another tool that kept text chunks still opens. Byte-level PNG
// (spec: https://www.w3.org/TR/png/#11textinfo); the compression is fflate's.
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { crc32 } from './checksum';

export const GRAPH_KEYWORD = 'latent-studio-graph';
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
/** Text chunks inflate to at most this; a graph file is refused above 5 MB anyway. */
const MAX_TEXT_BYTES = 8 * 1024 * 1024;

export interface PngChunk {
  type: string;
  data: Uint8Array;
}

export type PngRead = { ok: true; chunks: PngChunk[] } | { ok: false; error: string };

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const typeOf = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);

/** Every chunk up to IEND, each CRC checked. */
export function readChunks(bytes: Uint8Array): PngRead {
  if (!isPng(bytes)) return { ok: false, error: 'not a PNG file (its first bytes are not the PNG signature)' };
  const chunks: PngChunk[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const len = u32(bytes, at);
    if (at + 12 + len > bytes.length) return { ok: false, error: 'the PNG is cut short' };
    const type = typeOf(bytes, at + 4);
    const data = bytes.subarray(at + 8, at + 8 + len);
    if (crc32(bytes.subarray(at + 4, at + 8), data) !== u32(bytes, at + 8 + len)) return { ok: false, error: `the PNG's ${type} chunk is damaged (CRC mismatch)` };
    chunks.push({ type, data });
    at += 12 + len;
    if (type === 'IEND') return { ok: true, chunks };
  }
  return { ok: false, error: 'the PNG is cut short (no IEND chunk)' };
}

function chunkBytes(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  const t = strToU8(type, true);
  out.set(t, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(t, data));
  return out;
}

const inflateText = (d: Uint8Array) => {
  const out = unzlibSync(d);
  if (out.length > MAX_TEXT_BYTES) throw new Error('too large');
  return out;
};

/** keyword -> text of every tEXt / zTXt / iTXt chunk (the first of a keyword wins). Unreadable text chunks are skipped. */
export function readPngText(bytes: Uint8Array): { ok: true; texts: Map<string, string> } | { ok: false; error: string } {
  const r = readChunks(bytes);
  if (!r.ok) return r;
  const texts = new Map<string, string>();
  for (const { type, data } of r.chunks) {
    const nul = data.indexOf(0);
    if (nul < 1 || nul > 79) continue;
    const key = strFromU8(data.subarray(0, nul), true);
    if (texts.has(key)) continue;
    try {
      if (type === 'tEXt') texts.set(key, strFromU8(data.subarray(nul + 1), true));
      else if (type === 'zTXt') texts.set(key, strFromU8(inflateText(data.subarray(nul + 2)), true));
      else if (type === 'iTXt') {
        const compressed = data[nul + 1] === 1;
        // language tag and translated keyword, each NUL-terminated
        const lang = data.indexOf(0, nul + 3);
        const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
        if (translated < 0) continue;
        const body = data.subarray(translated + 1);
        texts.set(key, strFromU8(compressed ? inflateText(body) : body));
      }
    } catch {
      // a damaged text chunk is not the image's problem
    }
  }
  return { ok: true, texts };
}

/** The PNG with an iTXt chunk (zlib-compressed UTF-8) before IEND; an older chunk of the same keyword is replaced. */
export function addPngText(bytes: Uint8Array, keyword: string, text: string): Uint8Array {
  const r = readChunks(bytes);
  if (!r.ok) throw new Error(r.error);
  const key = strToU8(keyword, true);
  const body = zlibSync(strToU8(text), { level: 9 });
  // keyword NUL, compression flag 1, method 0, empty language NUL, empty translation NUL, text
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set([0, 1, 0, 0, 0], key.length);
  data.set(body, key.length + 5);
  const sameKey = (c: PngChunk) => (c.type === 'tEXt' || c.type === 'iTXt' || c.type === 'zTXt') && c.data.indexOf(0) === key.length && key.every((b, i) => c.data[i] === b);
  const parts: Uint8Array[] = [Uint8Array.from(SIGNATURE)];
  for (const c of r.chunks) {
    if (sameKey(c)) continue;
    if (c.type === 'IEND') parts.push(chunkBytes('iTXt', data));
    parts.push(chunkBytes(c.type, c.data));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
