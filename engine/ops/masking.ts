// Masking as the augmentation of transformers (MAE, I-JEPA): hide a fixed
// number of patches per image, and move tokens between "all patches" and
// "the kept / hidden ones". A mask is a float tensor [B, gh, gw] of 0 (kept)
// and 1 (hidden): the same count of ones in every row keeps shapes static.
// Selection is a one-hot matrix product rather than a gather, so its gradient is
// a plain matMul on every backend (wasm has no scatter-add kernel).
import type { Tensor, Tf } from '../spec';

/** Number of hidden patches for a ratio: round(ratio·T), at least 1 and at most T − 1. */
export function maskedCount(tokens: number, ratio: number): number {
  return Math.min(tokens - 1, Math.max(1, Math.round(ratio * tokens)));
}

/** Random masks: exactly `masked` of T patches hidden per row, uniformly. [B·T] 0/1 values. */
export function randomMasks(rows: number, tokens: number, masked: number, rand: () => number): Float32Array {
  const out = new Float32Array(rows * tokens);
  const idx = Array.from({ length: tokens }, (_, i) => i);
  for (let r = 0; r < rows; r++) {
    // partial Fisher-Yates: the first `masked` entries are a uniform draw without replacement
    for (let i = 0; i < masked; i++) {
      const j = i + Math.floor(rand() * (tokens - i));
      [idx[i], idx[j]] = [idx[j], idx[i]];
      out[r * tokens + idx[i]] = 1;
    }
  }
  return out;
}

/** Whether `blocks` non-overlapping bh×bw blocks always fit on a gh×gw grid (a tiling of the grid has room for them). */
export function blocksFit(gh: number, gw: number, bh: number, bw: number, blocks: number): boolean {
  return bh <= gh && bw <= gw && Math.floor(gh / bh) * Math.floor(gw / bw) >= blocks && blocks * bh * bw < gh * gw;
}

/**
 * I-JEPA's target blocks: `blocks` rectangles of bh×bw patches at random places, not
 * overlapping, so exactly blocks·bh·bw patches are hidden per row (the context is the
 * rest). A placement that overlaps is redrawn; when 50 draws fail, the row uses random
 * cells of a tiling instead, so the count stays exact. [B·gh·gw] 0/1 values.
 */
export function blockMasks(rows: number, gh: number, gw: number, bh: number, bw: number, blocks: number, rand: () => number): Float32Array {
  const out = new Float32Array(rows * gh * gw);
  const free = (m: Float32Array, o: number, i: number, j: number) => {
    for (let a = 0; a < bh; a++) for (let b = 0; b < bw; b++) if (m[o + (i + a) * gw + j + b]) return false;
    return true;
  };
  const fill = (m: Float32Array, o: number, i: number, j: number) => {
    for (let a = 0; a < bh; a++) for (let b = 0; b < bw; b++) m[o + (i + a) * gw + j + b] = 1;
  };
  const tiles: Array<[number, number]> = [];
  for (let i = 0; i + bh <= gh; i += bh) for (let j = 0; j + bw <= gw; j += bw) tiles.push([i, j]);
  if (tiles.length < blocks) throw new Error(`${blocks} blocks of ${bh}×${bw} do not fit on a ${gh}×${gw} grid`);
  for (let r = 0; r < rows; r++) {
    const o = r * gh * gw;
    let placedAll = true;
    for (let k = 0; k < blocks && placedAll; k++) {
      let placed = false;
      for (let tries = 0; tries < 50 && !placed; tries++) {
        const i = Math.floor(rand() * (gh - bh + 1));
        const j = Math.floor(rand() * (gw - bw + 1));
        if (free(out, o, i, j)) {
          fill(out, o, i, j);
          placed = true;
        }
      }
      placedAll = placed;
    }
    if (!placedAll) {
      // crowded: start the row again on random cells of a tiling, which always has room
      out.fill(0, o, o + gh * gw);
      for (let k = 0; k < blocks; k++) {
        const t = k + Math.floor(rand() * (tiles.length - k));
        [tiles[k], tiles[t]] = [tiles[t], tiles[k]];
        fill(out, o, tiles[k][0], tiles[k][1]);
      }
    }
  }
  return out;
}

/**
 * Positions of the hidden (or kept) patches of each row, ascending: [B, gh, gw] -> [B, count]
 * int32. The score 2T·m − index is distinct per position, so top-k returns the wanted
 * positions in ascending order on every backend (ties never reach top-k).
 */
export function maskPositions(tf: Tf, mask: Tensor, count: number, which: 'hidden' | 'kept'): Tensor {
  return tf.tidy(() => {
    const b = mask.shape[0];
    const t = mask.size / b;
    const m = tf.reshape(mask, [b, t]); // [B, T]
    const sel = which === 'hidden' ? tf.greater(m, 0.5) : tf.lessEqual(m, 0.5); // [B, T]
    const score = tf.sub(tf.mul(tf.cast(sel, 'float32'), 2 * t), tf.range(0, t)); // [B, T]
    return tf.topk(score, count, true).indices; // [B, count]
  });
}

/** One-hot selection matrices for positions: [B, K] int32 -> [B, K, T] float32. */
export function selector(tf: Tf, positions: Tensor, tokens: number): Tensor {
  return tf.cast(tf.oneHot(positions, tokens), 'float32');
}

/** The tokens at the given positions: x [B, T, D], positions [B, K] -> [B, K, D] (differentiable in x). */
export function takeTokens(tf: Tf, x: Tensor, positions: Tensor): Tensor {
  const s = selector(tf, positions, x.shape[1]!); // [B, K, T]
  return tf.matMul(s as never, x as never); // [B, K, D]
}

/** Rows of a shared table at each row's positions: table [T, D], positions [B, K] -> [B, K, D]. */
export function takeRows(tf: Tf, table: Tensor, positions: Tensor): Tensor {
  const [b, k] = positions.shape as [number, number];
  const [t, d] = table.shape as [number, number];
  const s = tf.reshape(selector(tf, positions, t), [b * k, t]); // [B·K, T]
  return tf.reshape(tf.matMul(s as never, table as never), [b, k, d]); // [B, K, D]
}
