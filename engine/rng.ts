// Seeded randomness. Every random choice in a run (batch order, weight init,
// augmentation noise) derives from the graph's seed, so two runs with the
// same graph and seed see the same data in the same order: what makes a
// side-by-side comparison of methods fair.

/** FNV-1a over the parts' text: a stable 32-bit seed from names and numbers. */
export function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  const s = parts.join('\u0001');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for shuffling and sampling. Returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(a: T, rand: () => number): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/**
 * Draws batches without replacement within an epoch (a fresh seeded
 * permutation per epoch), like a shuffling DataLoader with drop_last=False
 * wrapping into the next epoch.
 */
export class BatchSampler {
  private perm: Int32Array = new Int32Array(0);
  private pos = 0;
  private epoch = -1;

  constructor(
    private readonly count: number,
    private readonly seed: number,
  ) {
    if (count <= 0) throw new Error('cannot sample from an empty split');
  }

  next(size: number): Int32Array {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      if (this.pos >= this.perm.length) this.newEpoch();
      out[i] = this.perm[this.pos++];
    }
    return out;
  }

  private newEpoch(): void {
    this.epoch++;
    this.perm = Int32Array.from({ length: this.count }, (_, i) => i);
    shuffleInPlace(this.perm, mulberry32(hashSeed(this.seed, 'epoch', this.epoch)));
    this.pos = 0;
  }
}
