// Shared by the loss nodes: the weight param, the multi-view checks of `infer`
// and the view split of `forward`. Tensor-free apart from the injected tf.
import type * as TF from '@tensorflow/tfjs';
import { num } from '../../engine/params';
import type { PortSpec, Tensor, Tf } from '../../engine/spec';
import { featureSize, formatType, problem, type NodeProblem, type TensorType } from '../../engine/types';

/** The type of a loss output (a fresh object: callers may extend what infer returns). */
export const scalarType = (): TensorType => ({ type: 'scalar', shape: [] });

export const LOSS_OUT: readonly PortSpec[] = [{ id: 'loss', label: 'loss', type: 'scalar' }];

/** The usual multiplier of a loss in its phase's total. */
export const weightParam = (doc = 'Multiplier of this term in the total loss.') => num({ label: 'Weight', default: 1, min: 0, max: 1000, step: 0.1, doc });

/** An embedding input port: vectors or latents, [views·B, D]. */
export const embeddingPort = (id: string, label: string, doc?: string): PortSpec => ({ id, label, type: 'vector', accepts: ['vector', 'latent'], doc });

export function viewCount(t: TensorType): number {
  return t.views ?? 1;
}

/** A problem unless the input holds exactly two stacked views. */
export function needTwoViews(port: string, t: TensorType): NodeProblem | null {
  const v = viewCount(t);
  if (v === 2) return null;
  if (v < 2) return problem(`${port} needs two views stacked (put a Views node before the encoder), got ${v}`, { portIds: [port] });
  return problem(`${port} holds ${v} stacked views; this loss compares exactly two (set the Views node to 2)`, { portIds: [port] });
}

/** A problem unless the input is a batch of embeddings [B, D] (or [views·B, D]). */
export function needBatchOfVectors(port: string, t: TensorType): NodeProblem | null {
  if (t.shape[0] !== 'B' || t.shape.length < 2) return problem(`${port} must be a batch of embeddings [B, D], got ${formatType(t)}`, { portIds: [port] });
  return null;
}

/** A problem unless two inputs have the same feature size. */
export function needSameSize(a: string, ta: TensorType, b: string, tb: TensorType): NodeProblem | null {
  if (featureSize(ta) === featureSize(tb)) return null;
  return problem(`${a} ${formatType(ta)} and ${b} ${formatType(tb)} must have the same embedding size`, { code: 'shape-mismatch', portIds: [a, b] });
}

/** A problem unless the input is one logit per sample, [B, 1] (a Discriminator output). */
export function needLogits(port: string, t: TensorType): NodeProblem | null {
  if (t.shape[0] !== 'B' || featureSize(t) !== 1) return problem(`${port} must be one logit per sample [B, 1] (a Discriminator output), got ${formatType(t)}`, { portIds: [port] });
  return null;
}

/** The first problem among checks, if any. */
export function firstProblem(...checks: Array<NodeProblem | null>): NodeProblem | null {
  return checks.find((c) => c !== null) ?? null;
}

/** The ops return rank-0 tensors typed as Tensor; ctx.term wants a Scalar. */
export function asScalar(t: Tensor): TF.Scalar {
  return t as TF.Scalar;
}

/** [N, ...] -> [N, D] */
export function flat(tf: Tf, x: Tensor): Tensor {
  return x.rank === 2 ? x : tf.reshape(x, [x.shape[0], -1]);
}

/** Splits view-major stacked rows [V·B, ...] into V tensors [B, D]. */
export function splitViews(tf: Tf, x: Tensor, views: number): Tensor[] {
  return tf.split(flat(tf, x), views, 0);
}

/** Example input of a multi-view embedding port (registry test, docs). */
export const viewsExample = (views = 2, dim = 16): TensorType => ({ type: 'vector', shape: ['B', dim], views });
