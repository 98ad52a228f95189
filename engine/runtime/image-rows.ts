// The image grid's rows, from a fixed held-out batch: every image-typed output
// of the graph (one row per view), and for generative graphs, decoded samples
// from the prior and an interpolation between two codes. Pixels leave the
// device as bytes (0..255), mapped from the data node's value range.
import * as tf from '@tensorflow/tfjs';
import type { ImageRow } from '../events';
import { clamp } from '../ops/clamp';
import { hasRole, rolePort, type Tensor } from '../spec';
import type { Plan } from './compile';
import { representationPort } from './evaluate';

/** Pixel range of the data node, so image rows map to bytes correctly. */
function dataRange(plan: Plan): [number, number] {
  const d = plan.nodes.find((n) => n.id === plan.dataNodeId)!;
  return d.params.range === '-1..1' ? [-1, 1] : [0, 1];
}

/** Values in the data's range -> 0..255, still float on the device. Call inside a tidy. */
function byteScale(t: Tensor, [lo, hi]: [number, number]): Tensor {
  return clamp(tf, tf.mul(tf.sub(t, lo), 255 / (hi - lo)), 0, 255);
}

/** Reads a byte-scaled [n, h, w, c] tensor into an image row, and disposes it. */
async function readRow(bytes: Tensor, row: Pick<ImageRow, 'label' | 'nodeId' | 'port'>): Promise<ImageRow> {
  const data = await bytes.data();
  const [n, h, w, c] = bytes.shape as [number, number, number, number];
  bytes.dispose();
  return { ...row, pixels: Uint8Array.from(data, (x) => Math.round(x)), n, height: h, width: w, channels: c };
}

/** One row of the image grid per image-typed output port, from a fixed held-out batch. */
export async function imageRows(plan: Plan, step: number, gridIdx: Int32Array): Promise<ImageRow[]> {
  const range = dataRange(plan);
  const picked: Array<{ nodeId: string; port: string; label: string; t: Tensor }> = [];
  tf.tidy(() => {
    const r = plan.forward({ training: false, step, totalSteps: step, batch: { split: 'test', indices: gridIdx }, pass: 99 });
    for (const n of plan.nodes) {
      for (const [port, type] of Object.entries(n.outputTypes)) {
        if (type.type !== 'image') continue;
        const t = r.outputs.get(n.id)?.[port];
        if (!t || t.rank !== 4) continue;
        const views = type.views ?? 1;
        const rows = t.shape[0] / views;
        // [n, h, w, c] -> bytes; each view becomes its own row
        for (let v = 0; v < views; v++) {
          const slice = t.slice([v * rows, 0, 0, 0], [Math.min(rows, gridIdx.length), -1, -1, -1]);
          picked.push({ nodeId: n.id, port, label: `${n.spec.label}.${port}${views > 1 ? ` (view ${v + 1})` : ''}`, t: tf.keep(byteScale(slice, range)) });
        }
      }
    }
  });
  const rows: ImageRow[] = [];
  for (const p of picked) rows.push(await readRow(p.t, p));
  return rows;
}

/**
 * Extra image rows for generative graphs: decoding prior samples N(0, I) in
 * place of a 'prior-sample' node's output (a VAE's sampler), and a strip
 * interpolating between the codes of two held-out images (AE / VAE).
 */
export async function generativeRows(plan: Plan, step: number, gridIdx: Int32Array): Promise<ImageRow[]> {
  const rep = representationPort(plan);
  const prior = plan.nodes.find((n) => hasRole(n.spec, 'prior-sample'));
  // without a prior, an autoencoder's code: the representation when it is a plain (non-Gaussian) latent
  const codeNode = prior ?? (rep ? plan.nodes.find((n) => n.id === rep.node && hasRole(n.spec, 'representation') && n.outputTypes[rep.port].type === 'latent') : undefined);
  if (!codeNode) return [];
  const codePort = prior ? rolePort(prior.spec) : rep!.port;
  // the image produced downstream of the code
  const image = plan.nodes.find((n) => Object.values(n.sources).some(([s]) => s === codeNode.id) && Object.values(n.outputTypes).some((t) => t.type === 'image'));
  if (!image) return [];
  const imagePort = Object.entries(image.outputTypes).find(([, t]) => t.type === 'image')![0];
  const n = gridIdx.length;
  const d = codeNode.outputTypes[codePort].shape[1] as number;
  const range = dataRange(plan);
  const rows: Array<{ label: string; t: Tensor }> = [];
  tf.tidy(() => {
    const decode = (z: Tensor) =>
      plan.forward({ training: false, step, totalSteps: step, batch: { split: 'test', indices: gridIdx }, pass: 95, overrides: new Map([[codeNode.id, { [codePort]: z }]]) }).outputs.get(image.id)![imagePort];
    if (prior) rows.push({ label: 'Samples from the prior N(0, I)', t: tf.keep(byteScale(decode(tf.randomNormal([n, d], 0, 1, 'float32', 4242)), range)) });
    const codes = plan.embed(codeNode.id, codePort, { split: 'test', indices: Int32Array.from([gridIdx[0], gridIdx[1]]) }); // [2, d]
    const [a, b] = tf.split(tf.reshape(codes, [2, d]), 2, 0);
    const alphas = tf.linspace(0, 1, n).reshape([n, 1]);
    const interp = tf.add(tf.mul(a, tf.sub(1, alphas)), tf.mul(b, alphas)); // [n, d]
    rows.push({ label: 'Interpolation between two codes', t: tf.keep(byteScale(decode(interp), range)) });
  });
  const out: ImageRow[] = [];
  for (const r of rows) out.push(await readRow(r.t, { label: r.label, nodeId: image.id, port: imagePort }));
  return out;
}
