// Graph JSON: the one saved form of an experiment. The canvas is derived from
// it. Versioned and validated with zod; unknown fields are rejected with a
// message naming them; each version bump gets a migration (see `migrations`).
import { z } from 'zod';

export const GRAPH_VERSION = 1;

const id = z.string().min(1, 'ids must not be empty').max(80, 'ids must be at most 80 characters');

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
const migrations: Record<number, (g: Record<string, unknown>) => Record<string, unknown>> = {};

export type GraphParse = { ok: true; graph: Graph } | { ok: false; errors: string[] };

function describeIssue(i: z.core.$ZodIssue): string {
  const at = i.path.length ? i.path.map(String).join('.') : 'graph';
  if (i.code === 'unrecognized_keys') return `${at}: unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${at}: ${i.message}`;
}

/** Parse a graph from untrusted JSON (a file, a link, IndexedDB), migrating older versions. */
export function parseGraph(raw: unknown): GraphParse {
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (e) {
      return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: ['a graph file must be a JSON object with version, nodes and edges'] };
  }
  let g = raw as Record<string, unknown>;
  const v = g.version;
  if (typeof v !== 'number' || !Number.isInteger(v)) return { ok: false, errors: ['version: missing or not an integer'] };
  if (v > GRAPH_VERSION) {
    return { ok: false, errors: [`version ${v} is newer than this app understands (${GRAPH_VERSION}); update Latent Studio`] };
  }
  for (let from = v; from < GRAPH_VERSION; from++) {
    const m = migrations[from];
    if (!m) return { ok: false, errors: [`no migration from graph version ${from}`] };
    g = m(g);
  }
  const r = GraphSchema.safeParse(g);
  if (!r.success) return { ok: false, errors: r.error.issues.map(describeIssue) };
  return { ok: true, graph: r.data };
}

export function emptyGraph(name = 'Untitled'): Graph {
  return GraphSchema.parse({ version: GRAPH_VERSION, nodes: [], edges: [], meta: { name } });
}
