// Latent variables found by inner minimisation (sparse coding, latent-variable
// EBMs): where they split the forward pass, and ISTA / gradient descent on the
// energy downstream of a latent, with step 1/(1.25 L), L tracked by a power
// iteration warm-started from step to step, stopping early once z settles.
import * as tf from '@tensorflow/tfjs';
import { hashSeed } from '../../rng';
import type { Tensor } from '../../spec';
import type { GraphIssue } from '../../types';
import type { NodeRunner, PassState } from './runner';
import type { CompiledNode } from './types';

/** The forward pass around latents: `pre` runs first, then each latent's inference, then `post`. */
export interface LatentSplit {
  latents: CompiledNode[];
  /** Not downstream of any latent (and not a latent). */
  pre: CompiledNode[];
  /** Downstream of a latent: the energy its inference minimises. */
  post: CompiledNode[];
}

export function splitAtLatents(nodes: readonly CompiledNode[]): { ok: true; split: LatentSplit } | { ok: false; issue: GraphIssue } {
  const latents = nodes.filter((n) => n.spec.latent);
  const downstream = new Set<string>();
  for (const lat of latents) {
    const stack = [lat.id];
    while (stack.length) {
      const id = stack.pop()!;
      for (const n of nodes) {
        if (downstream.has(n.id) || !Object.values(n.sources).some(([s]) => s === id)) continue;
        downstream.add(n.id);
        stack.push(n.id);
      }
    }
  }
  const nested = latents.find((l) => downstream.has(l.id));
  if (nested) return { ok: false, issue: { code: 'unsupported', severity: 'error', nodeIds: [nested.id], message: 'a latent node cannot sit downstream of another latent node' } };
  return {
    ok: true,
    split: { latents, pre: nodes.filter((n) => !downstream.has(n.id) && !n.spec.latent), post: nodes.filter((n) => downstream.has(n.id)) },
  };
}

/**
 * Starting code s of S in [−r, r]^d: evenly spaced along the first coordinate,
 * a Weyl sequence (fractional parts of s·√prime) along the others, so a 2-D code
 * gets a spread of starts rather than a diagonal. Deterministic: no draws to replay.
 */
export function startCodes(S: number, d: number, r: number): Float32Array {
  const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
  const out = new Float32Array(S * d); // [S, d]
  for (let s = 0; s < S; s++) {
    for (let k = 0; k < d; k++) {
      const u = k === 0 ? (s + 0.5) / S : (0.5 + s * Math.sqrt(primes[(k - 1) % primes.length])) % 1;
      out[s * d + k] = -r + 2 * r * u;
    }
  }
  return out;
}

/** Power iterations the first time a latent's curvature is measured (from a seeded random start). */
const POWER_COLD = 12;
/**
 * Power iterations on every later training step, warm-started from the last
 * step's vector: the weights move a little each step, so the estimate follows
 * them instead of going stale (a stale, too small L made ISTA overshoot and diverge).
 */
const POWER_WARM = 2;
/** Power iteration approaches the largest curvature from below: the step is 1 / (SAFETY · estimate). */
const SAFETY = 1.25;
/** The inner loop checks every this many steps whether z stopped changing... */
const CONVERGE_EVERY = 10;
/** ...and stops when no entry moved by more than this fraction of the code's largest entry in one step. */
const CONVERGE_TOL = 1e-5;

/** Whether one step from a to b moved no entry by more than CONVERGE_TOL of the code's largest entry. */
function settledStep(a: Tensor, b: Tensor): boolean {
  const [moved, size] = tf.tidy(() => tf.stack([tf.max(tf.abs(tf.sub(b, a))), tf.max(tf.abs(b))]).dataSync());
  return moved <= CONVERGE_TOL * Math.max(size, 1e-6);
}

export class LatentInference {
  /** Per latent: the last curvature estimate and the power vector it came from (kept as data, not a tensor, so nothing leaks). */
  private readonly curvature = new Map<string, { lambda: number; v: Float32Array; shape: [number, number] }>();
  /** Inner steps the last inference of each latent took (fewer than K when it converged early). */
  readonly stepsTaken = new Map<string, number>();

  constructor(
    private readonly seed: number,
    private readonly post: readonly CompiledNode[],
    private readonly runner: NodeRunner,
  ) {}

  /** The smooth energy seen by a latent (every downstream loss but the L1 terms ISTA handles by shrinkage), summed over the batch. */
  private energy(ps: PassState, lat: CompiledNode, z: Tensor, ista: boolean): { smooth: Tensor; l1: number } {
    // batch means even when the pass asks for per-sample values (the energy view): the factor below assumes them
    const inner: PassState = { ...ps, args: { ...ps.args, perSample: false }, outputs: new Map(ps.outputs), terms: new Map(), inner: true };
    inner.outputs.set(lat.id, { out: z });
    let smooth: Tensor = tf.scalar(0);
    let l1 = 0;
    for (const n of this.post) {
      this.runner.run(inner, n);
      const loss = n.spec.loss;
      if (!loss) continue;
      const w = loss.weight(n.params);
      const onLatent = Object.values(n.sources).some(([s]) => s === lat.id);
      if (ista && loss.proximal === 'l1' && onLatent) l1 += w;
      else smooth = tf.add(smooth, tf.mul(inner.terms.get(n.id)!, w));
    }
    // per-sample problems: the batch mean would scale every gradient by 1/B
    return { smooth: tf.mul(smooth, z.shape[0]), l1 };
  }

  /**
   * The largest curvature of the smooth energy at z, by power iteration on
   * differences of gradients (exact for a linear decoder, where Hv = DDᵀv).
   * Evaluation passes reuse the training estimate: the weights do not move between them.
   */
  private largestCurvature(ps: PassState, lat: CompiledNode, z: Tensor, grad: (z: Tensor) => Tensor): number {
    const cached = this.curvature.get(lat.id);
    const [rows, dim] = z.shape as [number, number];
    const same = cached && cached.shape[0] === rows && cached.shape[1] === dim;
    if (cached && !ps.args.training) return cached.lambda;
    let v: Tensor = same ? tf.tensor2d(cached!.v, cached!.shape) : powerStart(this.seed, lat.id, z.shape);
    let lambda = 1;
    const g0 = grad(z);
    for (let i = 0, n = same ? POWER_WARM : POWER_COLD; i < n; i++) {
      v = tf.div(v, tf.norm(v));
      const hv = tf.sub(grad(tf.add(z, v)), g0);
      lambda = Math.max(1e-6, tf.sum(tf.mul(hv, v)).dataSync()[0]);
      v = hv;
    }
    this.curvature.set(lat.id, { lambda, v: tf.div(v, tf.norm(v)).dataSync() as Float32Array, shape: [rows, dim] });
    return lambda;
  }

  /** Every downstream loss per sample [B] (weights applied; a loss without per-sample values counts its batch value for every row). */
  private sampleEnergy(ps: PassState, lat: CompiledNode, z: Tensor): Tensor {
    const inner: PassState = { ...ps, args: { ...ps.args, perSample: true }, outputs: new Map(ps.outputs), terms: new Map(), inner: true };
    inner.outputs.set(lat.id, { out: z });
    let e: Tensor = tf.zeros([z.shape[0]]); // [B]
    for (const n of this.post) {
      this.runner.run(inner, n);
      if (n.spec.loss) e = tf.add(e, tf.mul(inner.terms.get(n.id)!, n.spec.loss.weight(n.params)));
    }
    return e;
  }

  /** Per row, the starting code of lowest energy [B, d]. */
  private bestStart(ps: PassState, lat: CompiledNode, rows: number, d: number, S: number, r: number): Tensor {
    const codes = startCodes(S, d, r);
    const code = (s: number) => tf.tile(tf.tensor2d(codes.subarray(s * d, (s + 1) * d), [1, d]), [rows, 1]); // [B, d]
    let best: Tensor = code(0);
    let bestE: Tensor = this.sampleEnergy(ps, lat, best); // [B]
    for (let s = 1; s < S; s++) {
      const zs = code(s);
      const e = this.sampleEnergy(ps, lat, zs);
      // step, not less: this runs under the weight update's tape, and less has no gradient
      const better = tf.reshape(tf.step(tf.sub(bestE, e)), [rows, 1]); // [B, 1]: 1 where e < bestE
      best = tf.add(tf.mul(better, zs), tf.mul(tf.sub(1, better), best));
      bestE = tf.minimum(e, bestE);
    }
    return best;
  }

  /** The code z [B, d] that minimises the energy downstream of `lat` for this pass's batch (call inside a tidy). */
  infer(ps: PassState, lat: CompiledNode): Tensor {
    const L = lat.spec.latent!;
    const p = lat.params;
    const rows = ps.args.batch.indices.length;
    const method = L.method(p);
    const K = L.steps(p);
    const S = L.starts?.(p) ?? 1;
    let z: Tensor = S > 1 ? this.bestStart(ps, lat, rows, L.dim(p), S, L.startRange?.(p) ?? 1) : tf.zeros([rows, L.dim(p)]); // [B, d]
    const grad = (zz: Tensor) => tf.grad((v: Tensor) => this.energy(ps, lat, v, method === 'ista').smooth)(zz);
    let eta = L.stepSize(p);
    if (eta === 0) eta = 1 / (SAFETY * this.largestCurvature(ps, lat, z, grad));
    const l1 = method === 'ista' ? this.energy(ps, lat, z, true).l1 : 0;
    let k = 0;
    while (k < K) {
      const prev = z;
      // each step in its own tidy, so 500 inner steps hold one z at a time, not 500 gradient tapes
      z = tf.tidy(() => {
        const step = tf.sub(prev, tf.mul(grad(prev), eta));
        // soft-thresholding: the proximal step of α‖z‖₁ (per sample, hence no batch factor)
        return method === 'ista' && l1 > 0 ? tf.mul(tf.sign(step), tf.relu(tf.sub(tf.abs(step), eta * l1))) : step;
      });
      k++;
      // bounded work: 500 inner steps cost 500 gradients, so stop once z has settled
      const settled = k % CONVERGE_EVERY === 0 && k < K && settledStep(prev, z);
      prev.dispose();
      if (settled) break;
    }
    this.stepsTaken.set(lat.id, k);
    return z;
  }
}

/** The power iteration's random start vector [B, d]; the PyTorch parity check hands the same one to the export. */
export function powerStart(runSeed: number, latentId: string, shape: number[]): Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', hashSeed(runSeed, latentId, 'power'));
}
