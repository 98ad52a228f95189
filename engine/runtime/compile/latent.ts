// Latent variables found by inner minimisation (sparse coding, latent-variable
// EBMs): where they split the forward pass, and ISTA / gradient descent on the
// energy downstream of a latent, with step 1/L from a power iteration.
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

/** The dictionary moves slowly: the curvature estimate is reused for this many steps. */
const CURVATURE_REFRESH = 25;

export class LatentInference {
  private readonly curvature = new Map<string, { step: number; lambda: number }>();

  constructor(
    private readonly seed: number,
    private readonly post: readonly CompiledNode[],
    private readonly runner: NodeRunner,
  ) {}

  /** The smooth energy seen by a latent (every downstream loss but the L1 terms ISTA handles by shrinkage), summed over the batch. */
  private energy(ps: PassState, lat: CompiledNode, z: Tensor, ista: boolean): { smooth: Tensor; l1: number } {
    const inner: PassState = { ...ps, outputs: new Map(ps.outputs), terms: new Map(), inner: true };
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

  /** The code z [B, d] that minimises the energy downstream of `lat` for this pass's batch (call inside a tidy). */
  infer(ps: PassState, lat: CompiledNode): Tensor {
    const L = lat.spec.latent!;
    const p = lat.params;
    const rows = ps.args.batch.indices.length;
    const method = L.method(p);
    const K = L.steps(p);
    let z: Tensor = tf.zeros([rows, L.dim(p)]); // [B, d]
    const grad = (zz: Tensor) => tf.grad((v: Tensor) => this.energy(ps, lat, v, method === 'ista').smooth)(zz);
    let eta = L.stepSize(p);
    const cached = this.curvature.get(lat.id);
    // evaluation passes reuse the training estimate: the dictionary does not move between them
    if (eta === 0 && cached && (!ps.args.training || ps.args.step - cached.step < CURVATURE_REFRESH)) eta = 0.95 / cached.lambda;
    else if (eta === 0) {
      // power iteration on the Hessian of the smooth energy, by differences of
      // gradients: exact for a linear decoder (Hv = DᵀDv), where 1/L is ISTA's step
      let v: Tensor = tf.randomNormal(z.shape, 0, 1, 'float32', hashSeed(this.seed, lat.id, 'power'));
      let lambda = 1;
      const g0 = grad(z);
      for (let i = 0; i < 12; i++) {
        v = tf.div(v, tf.norm(v));
        const hv = tf.sub(grad(tf.add(z, v)), g0);
        lambda = Math.max(1e-6, tf.sum(tf.mul(hv, v)).dataSync()[0]);
        v = hv;
      }
      eta = 0.95 / lambda;
      // re-estimated every CURVATURE_REFRESH steps, not on every step's hot path
      this.curvature.set(lat.id, { step: ps.args.step, lambda });
    }
    const l1 = method === 'ista' ? this.energy(ps, lat, z, true).l1 : 0;
    for (let k = 0; k < K; k++) {
      z = tf.sub(z, tf.mul(grad(z), eta));
      if (method === 'ista' && l1 > 0) {
        // soft-thresholding: the proximal step of α‖z‖₁ (per sample, hence no batch factor)
        z = tf.mul(tf.sign(z), tf.relu(tf.sub(tf.abs(z), eta * l1)));
      }
    }
    return z;
  }
}
