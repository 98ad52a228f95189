// The two ways a plan runs: a forward pass over the whole trained graph (a
// training step, held-out losses, the views' snapshots), and embed, the
// output of one port on clean inputs for evaluation.
import * as tf from '@tensorflow/tfjs';
import { hasRole, type BatchRequest, type Tensor } from '../../spec';
import type { LatentInference, LatentSplit } from './latent';
import { newPass, type NodeRunner } from './runner';
import { NodeError, type CompiledNode, type ForwardArgs, type ForwardResult } from './types';

export class Forward {
  private readonly byId: Map<string, CompiledNode>;

  constructor(
    private readonly nodes: readonly CompiledNode[],
    private readonly split: LatentSplit,
    private readonly runner: NodeRunner,
    private readonly latent: LatentInference,
  ) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
  }

  run(args: ForwardArgs): ForwardResult {
    const ps = newPass(args);
    for (const n of this.split.pre) this.runner.run(ps, n);
    for (const lat of this.split.latents) {
      const forced = args.overrides?.get(lat.id);
      if (forced) {
        ps.outputs.set(lat.id, forced);
        continue;
      }
      let z: Tensor;
      try {
        // found outside the weight gradient: the weight update treats z as data
        z = tf.tidy(() => this.latent.infer(ps, lat));
      } catch (e) {
        throw new NodeError(lat.id, `${lat.spec.label}: inner minimisation failed: ${(e as Error).message}`);
      }
      ps.outputs.set(lat.id, lat.spec.forward(this.runner.ctx(ps, lat, { z })));
    }
    for (const n of this.split.post) this.runner.run(ps, n);
    return { outputs: ps.outputs, terms: ps.terms };
  }

  embed(nodeId: string, port: string, batch: BatchRequest, inspect?: (name: string, value: Tensor) => void): Tensor {
    if (!this.byId.has(nodeId)) throw new Error(`node "${nodeId}" is not part of the trained graph`);
    const anc = new Set<string>();
    const walk = (id: string) => {
      if (anc.has(id)) return;
      anc.add(id);
      for (const [src] of Object.values(this.byId.get(id)!.sources)) walk(src);
    };
    walk(nodeId);
    // a latent's code depends on the energy downstream of it, which reads the data
    if (this.split.latents.some((l) => anc.has(l.id))) for (const n of this.split.pre) anc.add(n.id);
    const ps = newPass({ training: false, step: 0, totalSteps: 1, batch, pass: 0 });
    for (const n of this.nodes) {
      if (!anc.has(n.id)) continue;
      if (hasRole(n.spec, 'eval-passthrough')) {
        // evaluation sees the clean digit once
        const [src, sport] = Object.values(n.sources)[0];
        const x = ps.outputs.get(src)![sport];
        ps.outputs.set(n.id, Object.fromEntries(Object.keys(n.outputTypes).map((k) => [k, x])));
        continue;
      }
      if (n.spec.latent) {
        ps.outputs.set(n.id, n.spec.forward(this.runner.ctx(ps, n, { z: tf.tidy(() => this.latent.infer(ps, n)) })));
        continue;
      }
      this.runner.run(ps, n, n.id === nodeId ? inspect : undefined);
    }
    return ps.outputs.get(nodeId)![port];
  }
}
