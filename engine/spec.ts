// The node unit: everything about one node type lives in one object of this
// shape (one file under nodes/). The tensor library is injected through the
// context (`ctx.tf`) rather than imported, so node files stay loadable in the
// UI thread without pulling TensorFlow.js into the page bundle.
import type * as TF from '@tensorflow/tfjs';
import type { ImportedSet } from './data/imported';
import type { ParamDefs, ParamValues } from './params';
import type { NodeCategory, NodeProblem, PortType, TensorType } from './types';

export type Tf = typeof TF;
export type Tensor = TF.Tensor;
export type Variable = TF.Variable;

export interface PortSpec {
  id: string;
  label: string;
  /** For outputs: the type produced. For inputs: the preferred type (shown in messages). */
  type: PortType;
  /** Inputs only: every type this port takes (defaults to [type]). A closed list, never "any". */
  accepts?: readonly PortType[];
  /** Inputs only: the node works without it. */
  optional?: boolean;
  doc?: string;
}

/** Rows of a dataset split, kept compact until a batch is drawn. */
export interface DataSplit {
  count: number;
  /** [N] class labels (for evaluation and colouring plots, never seen by self-supervised losses) */
  labels: Uint8Array;
  /** image datasets: [N * H * W * C] pixels 0..255 */
  pixels?: Uint8Array;
  /** point datasets: [N * F] coordinates */
  values?: Float32Array;
  /** datasets with known generative factors (drawn shapes): [N * K] values in [0, 1], for probing what a representation keeps */
  factors?: Float32Array;
  /** names of the K factors, in column order */
  factorNames?: string[];
}
export interface Dataset {
  name: string;
  kind: 'image' | 'points';
  /** Shape of one sample: [H, W, C] for images, [F] for points. */
  sampleShape: number[];
  classes: number;
  /** false for a set without labels: labels are then all 0 and kNN / probe are not computed. */
  labelled?: boolean;
  train: DataSplit;
  test: DataSplit;
}

/** Which rows a data node must produce this call. */
export interface BatchRequest {
  split: 'train' | 'test';
  /** Row indices into the split, length = batch size. */
  indices: Int32Array;
  /**
   * Point datasets: evaluate at these coordinates [rows · F] instead of dataset rows
   * (the energy-landscape grid). Labels are then 0.
   */
  points?: Float32Array;
}

export interface InferArgs<P> {
  inputs: Record<string, TensorType>;
  params: P;
  /** Another node of the graph with valid params (for nodes that refer to others by id). */
  lookupNode?: (id: string) => { spec: NodeSpec<ParamDefs>; params: ParamValues<ParamDefs> } | undefined;
}

/** 'fan-in': U(±1/√fan_in), PyTorch's nn.Linear default for weights and biases (fan_in = shape[0] unless given). */
export type InitKind = 'glorot' | 'he' | 'zeros' | 'ones' | 'normal' | 'fan-in';

export interface InitCtx<P> {
  tf: Tf;
  params: P;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
  /** Creates a trainable variable owned by this node (seeded initialisation). */
  variable(name: string, shape: number[], init: InitKind, fanIn?: number): Variable;
  /** Creates a non-trainable state tensor owned by this node (queues, centres, running stats). */
  state(name: string, value: Tensor): void;
}

/**
 * What a node's `draws` hook sees: its step-1 forward pass in one optimizer phase,
 * as the PyTorch parity check replays it.
 */
export interface DrawCtx<P> {
  tf: Tf;
  params: P;
  inputs: Record<string, Tensor>;
  outputs: Record<string, Tensor>;
  state: Record<string, Tensor>;
  /** The seeds the node's forward drew in that pass, in call order (ForwardCtx.seed replayed). */
  seed(): number;
}

export interface ForwardCtx<P> {
  tf: Tf;
  params: P;
  inputs: Record<string, Tensor>;
  inputTypes: Record<string, TensorType>;
  outputTypes: Record<string, TensorType>;
  vars: Record<string, Variable>;
  /** Non-trainable state created in init; replace entries through setState in afterStep. */
  state: Record<string, Tensor>;
  /** True during a training step, false for evaluation / image grids. */
  training: boolean;
  step: number;
  /** A deterministic seed for one tfjs random op (differs per call, reproducible per run). */
  seed(): number;
  /** The batch rows a data node must produce. */
  batch: BatchRequest;
  /** Loaded datasets by name. */
  dataset(name: string): Dataset;
  /** Report a named sub-term of a loss (e.g. VICReg's invariance); shown as its own curve. */
  term(name: string, value: TF.Scalar): void;
  /**
   * Runs after the optimizer step, outside the gradient tape (EMA, queue, centre
   * updates), inside a tidy. Tensors from the forward pass that it reads must be
   * passed through `retain`; setState takes ownership of the new value.
   * Only registered when `training` is true.
   */
  afterStep(fn: (setState: (name: string, value: Tensor) => void) => void): void;
  /** Keeps a forward-pass tensor alive until the after-step updates have run. */
  retain<T extends Tensor>(t: T): T;
  /** Whether an output port is connected (skip work for unused outputs, e.g. a Jacobian penalty). */
  wants(port: string): boolean;
  /** Momentum-encoder nodes: applies the followed online networks with this node's EMA weights. */
  mirrored?(x: Tensor): Tensor;
  /** Total steps of the run (for schedules). */
  totalSteps: number;
  /**
   * Present only when the runtime inspects this node (the attention view): the node
   * reports internal tensors by name, e.g. 'attention'. Nodes skip that work when absent.
   */
  probe?(name: string, value: Tensor): void;
  /**
   * Evaluation of per-sample energies (the energy landscape): loss nodes that can
   * should return `loss` unreduced, [B], instead of the batch mean.
   */
  perSample: boolean;
}

/** A momentum encoder: an EMA copy of a chain of online single-input networks. */
export interface MirrorInfo<P> {
  /** Node ids, applied in order (e.g. ['encoder', 'projector']). */
  follows(params: P): string[];
  /** EMA momentum at a step: 1 keeps the target, 0 copies the online weights. */
  momentum(params: P, step: number, totalSteps: number): number;
  /** MoCo updates the key encoder before computing keys; BYOL / DINO after the online step. */
  when(params: P): 'before-step' | 'after-step';
}

/**
 * A latent variable found per batch by inner minimisation of the energy
 * downstream of it (sparse coding, latent-variable EBMs), before the weight update.
 */
export interface LatentInfo<P> {
  dim(params: P): number;
  steps(params: P): number;
  method(params: P): 'ista' | 'gd';
  /** Step size; 0 = automatic 1/(1.25 L), with L the largest curvature of the smooth energy (power iteration tracked from step to step). */
  stepSize(params: P): number;
  /**
   * Starting codes tried per sample before the descent (1 = start at z = 0): the
   * one of lowest energy is kept. Non-convex energies (a curve decoded from z)
   * have local minima a single start from 0 would stop in.
   */
  starts?(params: P): number;
  /** The starting codes spread over [−range, range] in every coordinate. */
  startRange?(params: P): number;
}

export interface LossInfo<P> {
  /** Multiplier of this loss in its phase's total. */
  weight(params: P): number;
  /** The optimizer phase this loss feeds ('main' unless the graph alternates phases, e.g. a GAN). */
  phase(params: P): string;
  /**
   * Which upstream networks this loss trains: all of them (default), only critics
   * (a GAN's discriminator step), or all but critics (the generator step).
   */
  trains?(params: P): 'all' | 'critic' | 'non-critic';
  /** An L1 penalty on a latent: ISTA handles it by soft-thresholding instead of a gradient step. */
  proximal?: 'l1';
  /** Optimizer updates of this loss's phase per training step (a GAN's critic-to-generator ratio). */
  repeats?(params: P): number;
  /**
   * Where this loss's phase runs within a training step: lower runs first, 0 by
   * default, ties keep graph order. A GAN's discriminator phase declares -1 and
   * its generator phase 1, as in the DCGAN reference loop (critic first).
   */
  phaseOrder?: number;
}

/**
 * What a node is to the parts of the system that look for nodes by purpose
 * rather than by type, so a new node needs no edits outside its own file:
 * - 'representation': its first output is the representation evaluation measures
 *   (kNN, linear probe) and the latent plot shows by default (an encoder).
 * - 'latent-code': its first output is a code that stands in for the
 *   representation when no node declares one (a latent variable, a VAE's sample).
 * - 'prior-sample': its first output can be replaced by draws from N(0, I) and
 *   decoded (a VAE's sampler): the views show samples from the prior.
 * - 'projection': its first output is the embedding the SSL losses compare; the
 *   collapse monitors look there (a projector head).
 * - 'eval-passthrough': evaluation feeds its input straight through (stacking
 *   views; every augmentation node is treated so without declaring it).
 * - 'critic': a GAN discriminator, trained only by losses that train critics.
 */
export type NodeRole = 'representation' | 'latent-code' | 'prior-sample' | 'projection' | 'eval-passthrough' | 'critic';

export interface NodeSpec<D extends ParamDefs = ParamDefs> {
  /** Stable identifier, stored in graph files. */
  type: string;
  /** Bumped when params change meaning; `migrate` upgrades older params. */
  version: number;
  /** The name shown in the palette and on the node (and the palette button's accessible name). */
  label: string;
  category: NodeCategory;
  /** Two or three sentences for the inspector, naming the lecture concept. */
  doc: string;
  /**
   * The formula behind the node in the notation of docs/methods.md (n(x) L2
   * normalisation, sg stop-gradient, B the batch, D the width, τ a temperature),
   * shown by the Learn link beside the doc.
   */
  formula?: string;
  /** The section of docs/methods.md (and of the lectures) that explains it. */
  lecture?: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  params: D;
  infer(args: InferArgs<ParamValues<D>>): Record<string, TensorType> | NodeProblem;
  init?(ctx: InitCtx<ParamValues<D>>): void;
  forward(ctx: ForwardCtx<ParamValues<D>>): Record<string, Tensor>;
  /** Present on loss nodes. */
  loss?: LossInfo<ParamValues<D>>;
  /** Present on momentum encoders. */
  mirror?: MirrorInfo<ParamValues<D>>;
  /** Present on latent-variable nodes. */
  latent?: LatentInfo<ParamValues<D>>;
  /** What the node is to evaluation, the views and the optimizer phases (see NodeRole). */
  roles?: readonly NodeRole[];
  /**
   * Present on data nodes: the dataset's name (a key that changes when its
   * content would), the batch size, and, for datasets made in code rather than
   * loaded from an asset, how to make it (seeded).
   */
  data?: {
    dataset(params: ParamValues<D>): string;
    batchSize(params: ParamValues<D>): number;
    generate?(params: ParamValues<D>, seed: number): Dataset;
    /**
     * Datasets imported by the user (stored on the device, or given to the CLI with
     * --data): which one, and how to prepare it once loaded. null: none chosen yet.
     */
    stored?(params: ParamValues<D>): { id: string; name: string; prepare(set: ImportedSet, seed: number): Dataset } | null;
  };
  /**
   * Typical inputs for the registry test and the docs, by input port (e.g. two
   * stacked views for a two-view loss). Ports not listed get the registry test's
   * default for their type.
   */
  example?: {
    inputs: Record<string, TensorType>;
    /** Params that differ from the defaults for the example (e.g. which nodes a momentum encoder follows). */
    params?: Record<string, unknown>;
    /** Other nodes the example refers to, by id -> node type (with default params). */
    peers?: Record<string, string>;
  };
  /**
   * The random draws of a training forward pass that the PyTorch parity check hands
   * to the exported code, by the names the node's export part passes to
   * `self.draw(name, …)` (augmentation nodes hand over their output without declaring it).
   */
  draws?(ctx: DrawCtx<ParamValues<D>>): Record<string, Tensor>;
  /** Internal tensors the node reports through ctx.probe when inspected (e.g. 'attention': [B, blocks, heads, T]). */
  probes?: readonly string[];
  /** True when the node's computation needs convolution gradients (rules out the wasm backend). */
  usesConv?(params: ParamValues<D>): boolean;
  migrate?(params: Record<string, unknown>, fromVersion: number): Record<string, unknown>;
}

/** Type-checks a node definition while keeping its precise param types. */
export function defineNode<D extends ParamDefs>(spec: NodeSpec<D>): NodeSpec<D> {
  return spec;
}

export function accepts(port: PortSpec): readonly PortType[] {
  return port.accepts ?? [port.type];
}

export function hasRole(spec: Pick<NodeSpec, 'roles' | 'category'> | undefined, role: NodeRole): boolean {
  if (!spec) return false;
  // an augmentation exists to perturb training inputs: evaluation always sees the clean input
  if (role === 'eval-passthrough' && spec.category === 'augment') return true;
  return spec.roles?.includes(role) ?? false;
}

/** The output port a role refers to: the node's first output. */
export function rolePort(spec: Pick<NodeSpec, 'outputs'>): string {
  return spec.outputs[0].id;
}
