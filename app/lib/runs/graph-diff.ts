// What differs between the graphs of the runs being compared: nodes present in
// some but not all (matched by id, which presets keep stable: "encoder",
// "projector"), parameters that differ on shared nodes (defaults filled in, so
// `{}` and an explicit default compare equal), wiring, training settings and
// seed. N-way: one column per graph; absent is null.
import { parseParams, type ParamDefs } from '../../../engine/params';
import type { Graph } from '../../../engine/graph';
import { getSpec } from '../../../nodes/registry';

export type DiffSection = 'node' | 'param' | 'edge' | 'train';

export interface DiffRow {
  section: DiffSection;
  /** Stable key: "encoder", "encoder.latent", "data:image→views:in", "train.steps", "seed". */
  key: string;
  /** Human label: "Encoder (encoder)", "Encoder (encoder) · Latent size". */
  label: string;
  /** One per graph; null where the node / edge / setting is absent. */
  values: (string | null)[];
}

export function formatValue(v: unknown): string {
  if (v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

type ParamLookup = (type: string) => { label: string; params: ParamDefs } | undefined;

function normalizedParams(type: string, raw: Record<string, unknown>, lookup: ParamLookup): Record<string, unknown> {
  const spec = lookup(type);
  if (!spec) return raw;
  const p = parseParams(spec.params, raw);
  return p.ok ? (p.value as Record<string, unknown>) : raw;
}

const distinct = (values: (string | null)[]) => new Set(values).size > 1;

export function diffGraphs(graphs: readonly Graph[], lookup: ParamLookup = getSpec): DiffRow[] {
  const rows: DiffRow[] = [];
  const nodeIds: string[] = [];
  for (const g of graphs) for (const n of g.nodes) if (!nodeIds.includes(n.id)) nodeIds.push(n.id);
  const nodeOf = (g: Graph, id: string) => g.nodes.find((n) => n.id === id);
  const nodeLabel = (id: string) => {
    const n = graphs.map((g) => nodeOf(g, id)).find(Boolean)!;
    return `${lookup(n.type)?.label ?? n.type} (${id})`;
  };

  for (const id of nodeIds) {
    const values = graphs.map((g) => {
      const n = nodeOf(g, id);
      return n ? (lookup(n.type)?.label ?? n.type) : null;
    });
    if (distinct(values)) rows.push({ section: 'node', key: id, label: nodeLabel(id), values });
  }

  for (const id of nodeIds) {
    const nodes = graphs.map((g) => nodeOf(g, id));
    const types = new Set(nodes.filter(Boolean).map((n) => n!.type));
    // A node that changed type has no comparable params: its node row says it all.
    if (types.size !== 1 || nodes.filter(Boolean).length < 2) continue;
    const type = [...types][0];
    const params = nodes.map((n) => (n ? normalizedParams(type, n.params, lookup) : null));
    const keys: string[] = [];
    for (const p of params) if (p) for (const k of Object.keys(p)) if (!keys.includes(k)) keys.push(k);
    const defs = lookup(type)?.params;
    for (const k of keys) {
      const values = params.map((p) => (p ? formatValue(p[k]) : null));
      if (distinct(values.filter((v) => v !== null))) {
        rows.push({ section: 'param', key: `${id}.${k}`, label: `${nodeLabel(id)} · ${defs?.[k]?.label ?? k}`, values });
      }
    }
  }

  const edgeKey = (e: Graph['edges'][number]) => `${e.from.node}:${e.from.port}→${e.to.node}:${e.to.port}`;
  const edgeKeys: string[] = [];
  for (const g of graphs) for (const e of g.edges) if (!edgeKeys.includes(edgeKey(e))) edgeKeys.push(edgeKey(e));
  for (const k of edgeKeys) {
    const values = graphs.map((g) => (g.edges.some((e) => edgeKey(e) === k) ? 'wired' : null));
    if (distinct(values)) {
      const [from, to] = k.split('→');
      rows.push({ section: 'edge', key: k, label: `${from.replace(':', '.')} → ${to.replace(':', '.')}`, values });
    }
  }

  const seed = graphs.map((g) => String(g.meta.seed));
  if (distinct(seed)) rows.push({ section: 'train', key: 'seed', label: 'Seed', values: seed });
  const trainKeys: string[] = [];
  for (const g of graphs) for (const k of Object.keys(g.meta.train)) if (!trainKeys.includes(k)) trainKeys.push(k);
  for (const k of trainKeys) {
    const values = graphs.map((g) => formatValue((g.meta.train as Record<string, unknown>)[k]));
    if (distinct(values)) rows.push({ section: 'train', key: `train.${k}`, label: TRAIN_LABELS[k] ?? k, values });
  }
  return rows;
}

const TRAIN_LABELS: Record<string, string> = {
  optimizer: 'Optimizer',
  learningRate: 'Learning rate',
  beta1: 'Adam β1',
  steps: 'Steps',
  logEvery: 'Log every',
  imageEvery: 'Images every',
  latentEvery: 'Latent plot every',
  evalEvery: 'Evaluate every',
  evalAtEnd: 'Evaluate at the end',
};

export const SECTION_TITLE: Record<DiffSection, string> = {
  node: 'Nodes',
  param: 'Parameters',
  edge: 'Wiring',
  train: 'Training settings',
};
