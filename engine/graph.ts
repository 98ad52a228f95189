// Graph JSON: the one saved form of an experiment. The canvas is derived from
// it. Versioned and validated with zod; unknown fields are rejected with a
// message naming them; each version bump gets a migration (see `migrations`).
import { z } from 'zod';
import { ID_PATTERN, RESERVED_IDS, idSchema, isValidId } from './ids';
import { quote } from './quote';
import { AnnotationsSchema, ClassroomSchema, ParamLockSchema, TourSchema } from './teach';

/** 2: meta gained classroom, paramLocks, tour and annotations (teaching). */
export const GRAPH_VERSION = 2;

export { ID_PATTERN, isValidId };
const id = idSchema;

export const PortRefSchema = z.strictObject({ node: id, port: id });

export const GraphNodeSchema = z.strictObject({
  id,
  type: z.string().min(1),
  typeVersion: z.number().int().min(1),
  params: z.record(z.string(), z.unknown()),
  position: z.strictObject({ x: z.number(), y: z.number() }),
});

export const GraphEdgeSchema = z.strictObject({
  id,
  from: PortRefSchema,
  to: PortRefSchema,
});

export const TrainSettingsSchema = z.strictObject({
  optimizer: z.enum(['adam', 'sgd']).default('adam'),
  learningRate: z.number().positive().max(10).default(1e-3),
  /** Adam's first-moment decay; a GAN wants 0.5. */
  beta1: z.number().min(0).max(0.9999).default(0.9),
  steps: z.number().int().min(1).max(1_000_000).default(500),
  /** Loss points are read back from the device every this many steps. */
  logEvery: z.number().int().min(1).max(10_000).default(5),
  /** Image grids, collapse monitors and node statistics are refreshed every this many steps. */
  imageEvery: z.number().int().min(1).max(100_000).default(50),
  /** The latent-space projection is refreshed every this many steps. */
  latentEvery: z.number().int().min(1).max(100_000).default(50),
  /** Quick held-out evaluation (kNN, no probe) every this many steps; 0 = only at the end. */
  evalEvery: z.number().int().min(0).max(1_000_000).default(0),
  /** Full evaluation (with the linear probe) when the run ends. */
  evalAtEnd: z.boolean().default(true),
});
export type TrainSettings = z.infer<typeof TrainSettingsSchema>;

export const GraphMetaSchema = z.strictObject({
  name: z.string().max(200).default('Untitled'),
  notes: z.string().max(20_000).default(''),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  /** Node ids a workshop instructor has locked (cannot be moved, edited or deleted). */
  locks: z.array(id).default([]),
  train: TrainSettingsSchema.default(TrainSettingsSchema.parse({})),
  /** Single parameters an instructor locked (cannot be edited by mouse or keyboard). */
  paramLocks: z.array(ParamLockSchema).max(2000).default([]),
  /** What a classroom link hides or fixes for the students. */
  classroom: ClassroomSchema.default(ClassroomSchema.parse({})),
  /** A guided tour that travels with the graph (a preset's, or one the instructor wrote). */
  tour: TourSchema.nullable().default(null),
  /** Sticky notes and labelled group frames on the canvas. */
  annotations: AnnotationsSchema.default(AnnotationsSchema.parse({})),
});

export const GraphSchema = z.strictObject({
  version: z.literal(GRAPH_VERSION),
  nodes: z.array(GraphNodeSchema).max(500),
  edges: z.array(GraphEdgeSchema).max(2000),
  meta: GraphMetaSchema.default(GraphMetaSchema.parse({})),
});

export type Graph = z.infer<typeof GraphSchema>;
export type GraphNode = z.infer<typeof GraphNodeSchema>;
export type GraphEdge = z.infer<typeof GraphEdgeSchema>;
export type PortRef = z.infer<typeof PortRefSchema>;

/** version N -> N + 1, applied in order to older files. */
const migrations: Record<number, (g: Record<string, unknown>) => Record<string, unknown>> = {
  // v2 added teaching fields to meta, all with defaults: a v1 graph teaches nothing and locks no parameter.
  1: (g) => {
    const meta = isRecord(g.meta) ? g.meta : {};
    return { ...g, version: 2, meta: { ...meta, paramLocks: [], classroom: ClassroomSchema.parse({}), tour: null, annotations: AnnotationsSchema.parse({}) } };
  },
};

/** An id an older file used that the id pattern refuses, and the id it was given on loading. */
export interface RenamedId {
  kind: 'node' | 'edge';
  from: string;
  to: string;
}

/** A reason a file is not a graph, attached to the nodes / edges it is about when the path says so. */
export interface FileProblem {
  message: string;
  nodeIds: string[];
  edgeIds: string[];
}

export type GraphParse =
  | { ok: true; graph: Graph; renamed: RenamedId[] }
  | { ok: false; errors: string[]; problems: FileProblem[] };

const SETTING_WORDS: Record<string, string> = {
  optimizer: 'the optimizer',
  learningRate: 'the learning rate',
  beta1: "Adam's β1",
  steps: 'the number of training steps',
  logEvery: 'the logging interval',
  imageEvery: 'the image interval',
  latentEvery: 'the latent-plot interval',
  evalEvery: 'the evaluation interval',
  evalAtEnd: 'evaluation at the end',
  name: 'the graph name',
  notes: 'the notes',
  seed: 'the seed',
  locks: 'the locked nodes',
  paramLocks: 'the locked parameters',
  classroom: 'the classroom settings',
  tour: 'the tour',
  annotations: 'the annotations',
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function describeIssue(i: z.core.$ZodIssue, raw: Record<string, unknown>): FileProblem {
  const path = i.path.map(String);
  const nodeIds: string[] = [];
  const edgeIds: string[] = [];
  let where = path.length ? path.join('.') : 'graph';
  const list = path[0] === 'nodes' || path[0] === 'edges' ? raw[path[0]] : undefined;
  if (Array.isArray(list) && typeof i.path[1] === 'number') {
    // name the node by its id, not its array position (the position is only a fallback)
    const item = list[i.path[1]];
    const itemId = isRecord(item) && typeof item.id === 'string' ? item.id : undefined;
    const kind = path[0] === 'nodes' ? 'node' : 'edge';
    if (itemId !== undefined && isValidId(itemId)) (kind === 'node' ? nodeIds : edgeIds).push(itemId);
    const rest = path.slice(2).join('.');
    where = `${kind} ${itemId !== undefined ? quote(itemId) : `#${i.path[1] + 1}`}${rest ? ` ${rest}` : ''}`;
  } else if (path[0] === 'meta') {
    const words = SETTING_WORDS[path[path.length - 1]];
    if (words) where = `run settings: ${words} (${path.join('.')})`;
  }
  let message: string;
  if (i.code === 'unrecognized_keys') message = `${where}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.slice(0, 5).map((k) => quote(k)).join(', ')}${i.keys.length > 5 ? ` and ${i.keys.length - 5} more` : ''}`;
  else if (i.code === 'too_big' || i.code === 'too_small') {
    const got = valueAt(raw, i.path);
    const bound = String(i.code === 'too_big' ? i.maximum : i.minimum);
    const what = i.origin === 'number' || i.origin === 'int' ? '' : i.origin === 'string' ? ' characters' : ' entries';
    const cmp = i.code === 'too_big' ? (i.inclusive === false ? 'below' : 'at most') : i.inclusive === false ? 'above' : 'at least';
    message = `${where} must be ${cmp} ${bound}${what}${typeof got === 'number' ? ` (got ${got})` : ''}`;
  } else if (i.code === 'invalid_type' && valueAt(raw, i.path) === undefined) message = `${where} is missing (expected ${i.expected})`;
  else message = `${where}: ${i.message}`;
  return { message, nodeIds, edgeIds };
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) {
    if (!isRecord(v) && !Array.isArray(v)) return undefined;
    v = Object.hasOwn(v, k) ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  }
  return v;
}

/** A valid id close to an old one: refused characters become `-`, a clash gets a number. */
function repairedId(old: string, taken: Set<string>): string {
  let base = old.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+/, '').slice(0, 72) || 'id';
  if (RESERVED_IDS.has(base)) base = `id-${base.replace(/^_+/, '')}`.slice(0, 72);
  let candidate = base;
  for (let k = 2; taken.has(candidate) || !isValidId(candidate); k++) candidate = `${base}-${k}`;
  taken.add(candidate);
  return candidate;
}

/**
 * Files written before ids had a pattern may use `/`, `.`, spaces or `__proto__`.
 * Rather than refuse them, give each such node / edge a valid id (and follow
 * the rename in edges and locks); the caller says which ids changed.
 */
function repairIds(g: Record<string, unknown>): { graph: Record<string, unknown>; renamed: RenamedId[] } {
  const renamed: RenamedId[] = [];
  if (!Array.isArray(g.nodes) && !Array.isArray(g.edges)) return { graph: g, renamed };
  const nodes = Array.isArray(g.nodes) ? g.nodes : [];
  const edges = Array.isArray(g.edges) ? g.edges : [];
  const stringId = (x: unknown) => (isRecord(x) && typeof x.id === 'string' ? x.id : undefined);
  const needsNew = (s: string | undefined): s is string => s !== undefined && s.length <= 200 && !isValidId(s) && s.length > 0;
  if (!nodes.some((n) => needsNew(stringId(n))) && !edges.some((e) => needsNew(stringId(e)))) return { graph: g, renamed };
  const nodeMap = new Map<string, string>();
  const takenNodes = new Set(nodes.map(stringId).filter((s): s is string => s !== undefined && isValidId(s)));
  for (const n of nodes) {
    const old = stringId(n);
    if (needsNew(old) && !nodeMap.has(old)) nodeMap.set(old, repairedId(old, takenNodes));
  }
  const takenEdges = new Set(edges.map(stringId).filter((s): s is string => s !== undefined && isValidId(s)));
  const ref = (r: unknown) => (isRecord(r) && typeof r.node === 'string' && nodeMap.has(r.node) ? { ...r, node: nodeMap.get(r.node) } : r);
  const newEdges = edges.map((e) => {
    if (!isRecord(e)) return e;
    const old = stringId(e);
    const out: Record<string, unknown> = { ...e, from: ref(e.from), to: ref(e.to) };
    if (needsNew(old)) {
      out.id = repairedId(old, takenEdges);
      renamed.push({ kind: 'edge', from: old, to: out.id as string });
    }
    return out;
  });
  const newNodes = nodes.map((n) => (isRecord(n) && typeof n.id === 'string' && nodeMap.has(n.id) ? { ...n, id: nodeMap.get(n.id) } : n));
  for (const [from, to] of nodeMap) renamed.unshift({ kind: 'node', from, to });
  const rename = (l: unknown) => (typeof l === 'string' && nodeMap.has(l) ? nodeMap.get(l) : l);
  const edgeMap = new Map(renamed.filter((r) => r.kind === 'edge').map((r) => [r.from, r.to]));
  const renameEdge = (l: unknown) => (typeof l === 'string' && edgeMap.has(l) ? edgeMap.get(l) : l);
  const renameIn = (r: unknown) => (isRecord(r) && typeof r.node === 'string' && nodeMap.has(r.node) ? { ...r, node: nodeMap.get(r.node) } : r);
  let meta = g.meta;
  if (isRecord(meta)) {
    // every place meta names a node follows the rename: locks, parameter locks, the tour's steps and changes
    const m: Record<string, unknown> = { ...meta };
    if (Array.isArray(m.locks)) m.locks = m.locks.map(rename);
    if (Array.isArray(m.paramLocks)) m.paramLocks = m.paramLocks.map(renameIn);
    const tour = m.tour;
    if (isRecord(tour)) {
      m.tour = {
        ...tour,
        steps: Array.isArray(tour.steps) ? tour.steps.map((st) => (isRecord(st) ? { ...st, nodes: Array.isArray(st.nodes) ? st.nodes.map(rename) : st.nodes, edges: Array.isArray(st.edges) ? st.edges.map(renameEdge) : st.edges } : st)) : tour.steps,
        tries: Array.isArray(tour.tries) ? tour.tries.map((t) => (isRecord(t) && Array.isArray(t.changes) ? { ...t, changes: t.changes.map(renameIn) } : t)) : tour.tries,
      };
    }
    meta = m;
  }
  return { graph: { ...g, nodes: Array.isArray(g.nodes) ? newNodes : g.nodes, edges: Array.isArray(g.edges) ? newEdges : g.edges, meta }, renamed };
}

const fail = (...messages: string[]): GraphParse => ({ ok: false, errors: messages, problems: messages.map((message) => ({ message, nodeIds: [], edgeIds: [] })) });

/** Parse a graph from untrusted JSON (a file, a link, IndexedDB), migrating older versions. */
export function parseGraph(raw: unknown): GraphParse {
  if (typeof raw === 'string') {
    // a byte-order mark is legal at the start of a UTF-8 file; JSON.parse refuses it
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') return fail('the file is empty: a graph file is a JSON object with version, nodes and edges');
    try {
      raw = JSON.parse(text);
    } catch (e) {
      return fail(`not valid JSON: ${quote((e as Error).message, 160).slice(1, -1)}`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('a graph file must be a JSON object with version, nodes and edges');
  }
  let g = raw as Record<string, unknown>;
  const v = g.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) return fail('version: missing or not a positive integer');
  if (v > GRAPH_VERSION) {
    return fail(`version ${v} is newer than this app understands (${GRAPH_VERSION}); update Latent Studio`);
  }
  for (let from = v; from < GRAPH_VERSION; from++) {
    const m = migrations[from];
    if (!m) return fail(`no migration from graph version ${from}`);
    g = m(g);
  }
  const repaired = repairIds(g);
  const r = GraphSchema.safeParse(repaired.graph);
  if (!r.success) {
    const problems = r.error.issues.slice(0, 20).map((i) => describeIssue(i, repaired.graph));
    if (r.error.issues.length > 20) problems.push({ message: `and ${r.error.issues.length - 20} more problems`, nodeIds: [], edgeIds: [] });
    return { ok: false, errors: problems.map((p) => p.message), problems };
  }
  return { ok: true, graph: r.data, renamed: repaired.renamed };
}

export function emptyGraph(name = 'Untitled'): Graph {
  return GraphSchema.parse({ version: GRAPH_VERSION, nodes: [], edges: [], meta: { name } });
}
