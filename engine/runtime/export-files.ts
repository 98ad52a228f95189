// Node-only: writes an exported PyTorch project to a folder (the export CLI and
// the tests): the bundle of engine/export plus, for the parity check, the
// studio's first step (parity.npz). Never overwrites a folder unless asked.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildBundle } from '../export/bundle';
import { writeNpz } from '../export/npz';
import type { TorchLookup } from '../export/types';
import type { Graph } from '../graph';
import type { Dataset } from '../spec';
import type { GraphIssue } from '../types';
import type { SpecLookup } from '../validate';
import { validateForTraining, type ReadStored } from '../validated-graph';
import { compile } from './compile';
import { loadDatasets } from './datasets';
import { parityStep, readPlanTensors } from './export-step';
import { readPublicAsset } from './node-assets';

export interface WriteOptions {
  weights: boolean;
  force: boolean;
  /** Also write parity.npz: the studio's first step, for the export's parity.py. */
  parity?: boolean;
  /** Keep only the first rows of each split (tests). */
  rows?: number;
  /** Where imported datasets come from (a "Your data" node; the CLI's --data). */
  readStored?: ReadStored;
  /** The weights to export instead of the seeded initialisation (a trained run's `weights` event). */
  tensors?: Record<string, { shape: number[]; data: Float32Array }>;
}

export type WriteResult = { ok: true; files: string[] } | { ok: false; issues: GraphIssue[] } | { ok: false; error: string };

function head(ds: Dataset, rows: number): Dataset {
  const cut = (s: Dataset['train']): Dataset['train'] => {
    const n = Math.min(rows, s.count);
    const per = (a: ArrayLike<number> | undefined) => (a ? a.length / s.count : 0);
    return {
      count: n,
      labels: s.labels.slice(0, n),
      pixels: s.pixels?.slice(0, n * per(s.pixels)),
      values: s.values?.slice(0, n * per(s.values)),
      factors: s.factors?.slice(0, n * per(s.factors)),
      factorNames: s.factorNames,
    };
  };
  return { ...ds, train: cut(ds.train), test: cut(ds.test) };
}

export async function writeExport(graph: Graph, lookup: SpecLookup, parts: TorchLookup, dir: string, opts: WriteOptions): Promise<WriteResult> {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !opts.force) return { ok: false, error: `${dir} exists and is not empty; pass --force to overwrite it` };
  const v = validateForTraining(graph, lookup);
  if (!v.ok) return { ok: false, issues: v.issues };
  const c = compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset, opts.readStored));
  if (!c.ok) return { ok: false, issues: c.issues };
  const plan = c.plan;
  try {
    const ds = opts.rows ? head(plan.dataset, opts.rows) : plan.dataset;
    const b = buildBundle(graph, lookup, parts, ds, opts.tensors ?? (opts.weights || opts.parity ? readPlanTensors(plan) : undefined));
    if (!b.ok) return b;
    const files = { ...b.files };
    if (opts.parity) files['parity.npz'] = writeNpz(parityStep(plan, b.plan, graph.meta.seed, graph.meta.train.steps));
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    return { ok: true, files: Object.keys(files) };
  } finally {
    plan.dispose();
  }
}
