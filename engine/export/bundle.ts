// Everything an export writes: the project's text files, data/dataset.npz (the
// studio's dataset) and, when asked, weights.npz (the studio's tensors in
// PyTorch layout). Used by the CLI (scripts/export.ts) and the app's Export
// dialog; tensor-free.
import type { Graph } from '../graph';
import type { Dataset } from '../spec';
import type { SpecLookup } from '../validate';
import { exportGraph, type ExportPlan } from './assemble';
import { zipSync } from 'fflate';
import { writeNpz, type NpzArray } from './npz';
import type { TorchLookup } from './types';
import { studioToTorch, type Named } from './weights';
import type { GraphIssue } from '../types';

export type Bundle = { ok: true; plan: ExportPlan; files: Record<string, string | Uint8Array> } | { ok: false; issues: GraphIssue[] };

/** The files under one top folder, as a zip (the app's download). */
export function zipFolder(files: Record<string, string | Uint8Array>, folder: string): Uint8Array {
  const enc = new TextEncoder();
  const entries: Record<string, Uint8Array> = {};
  // npz are zips already: store everything, do not deflate twice
  for (const [name, content] of Object.entries(files)) entries[`${folder}/${name}`] = typeof content === 'string' ? enc.encode(content) : content;
  return zipSync(entries, { level: 0 });
}

export function datasetNpz(ds: Dataset): Uint8Array {
  const split = (s: Dataset['train'], tag: string): Record<string, NpzArray> => {
    const out: Record<string, NpzArray> = { [`y_${tag}`]: { shape: [s.count], data: s.labels } };
    if (s.pixels) out[`x_${tag}`] = { shape: [s.count, ...ds.sampleShape], data: s.pixels };
    else if (s.values) out[`x_${tag}`] = { shape: [s.count, ...ds.sampleShape], data: s.values };
    if (s.factors) out[`f_${tag}`] = { shape: [s.count, s.factors.length / s.count], data: s.factors };
    return out;
  };
  return writeNpz({ ...split(ds.train, 'train'), ...split(ds.test, 'test') });
}

export function buildBundle(graph: Graph, lookup: SpecLookup, parts: TorchLookup, dataset: Dataset, weights?: Named): Bundle {
  const r = exportGraph(graph, lookup, parts, {
    dataset: { kind: dataset.kind, name: dataset.name.replace(/#.*/, ''), factors: !!dataset.train.factors },
    weights: !!weights,
  });
  if (!r.ok) return r;
  const files: Record<string, string | Uint8Array> = { ...r.files, 'data/dataset.npz': datasetNpz(dataset) };
  if (weights) files['weights.npz'] = writeNpz(studioToTorch(r.plan, weights));
  return { ok: true, plan: r.plan, files };
}
