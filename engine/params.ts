// Node parameters: one declaration gives the zod schema (validation of saved
// graphs), the defaults, and the metadata the inspector shows (range, step,
// one-line explanation). Tensor-free.
import { z } from 'zod';
import { quote } from './quote';

interface ParamBase {
  label: string;
  doc: string;
}
export interface NumberParam extends ParamBase {
  kind: 'number';
  default: number;
  min: number;
  max: number;
  step?: number;
  int?: boolean;
  /** Shown on a log scale in the inspector (learning rates, temperatures). */
  log?: boolean;
}
export interface ChoiceParam<O extends string = string> extends ParamBase {
  kind: 'choice';
  options: readonly O[];
  default: O;
}
export interface BooleanParam extends ParamBase {
  kind: 'boolean';
  default: boolean;
}
/** A list of layer widths, e.g. [512, 128]. */
export interface IntListParam extends ParamBase {
  kind: 'intList';
  default: number[];
  min: number;
  max: number;
  minItems: number;
  maxItems: number;
}
/** Ids of other nodes in the graph (e.g. the online networks a momentum encoder follows). */
export interface NodesParam extends ParamBase {
  kind: 'nodes';
  default: string[];
  /** Which node categories may be picked. */
  categories: readonly string[];
  maxItems: number;
}
/**
 * A dataset imported on this device, as a graph refers to it: by content hash and name,
 * with what shape inference needs. Graphs travel without the data itself.
 */
export interface DatasetRef {
  id: string;
  name: string;
  kind: 'image' | 'vector';
  /** As imported: [S, S, C] for images, [F] for vectors. */
  shape: number[];
  /** 0 for an unlabelled set. */
  classes: number;
}
export interface DatasetParam extends ParamBase {
  kind: 'dataset';
  default: DatasetRef | null;
}
export type ParamDef = NumberParam | ChoiceParam | BooleanParam | IntListParam | NodesParam | DatasetParam;
export type ParamDefs = Record<string, ParamDef>;

type ValueOf<D extends ParamDef> = D extends NumberParam
  ? number
  : D extends ChoiceParam<infer O>
    ? O
    : D extends BooleanParam
      ? boolean
      : D extends IntListParam
        ? number[]
        : D extends NodesParam
          ? string[]
          : D extends DatasetParam
            ? DatasetRef | null
            : never;

export type ParamValues<D extends ParamDefs> = { [K in keyof D]: ValueOf<D[K]> };

export const num = (d: Omit<NumberParam, 'kind'>): NumberParam => ({ kind: 'number', ...d });
export const int = (d: Omit<NumberParam, 'kind' | 'int'>): NumberParam => ({ kind: 'number', int: true, step: 1, ...d });
export const choice = <const O extends string>(d: Omit<ChoiceParam<O>, 'kind'>): ChoiceParam<O> => ({ kind: 'choice', ...d });
export const bool = (d: Omit<BooleanParam, 'kind'>): BooleanParam => ({ kind: 'boolean', ...d });
export const intList = (d: Omit<IntListParam, 'kind'>): IntListParam => ({ kind: 'intList', ...d });
export const nodes = (d: Omit<NodesParam, 'kind'>): NodesParam => ({ kind: 'nodes', ...d });
export const dataset = (d: Omit<DatasetParam, 'kind' | 'default'>): DatasetParam => ({ kind: 'dataset', default: null, ...d });

function paramSchema(name: string, d: ParamDef): z.ZodType {
  switch (d.kind) {
    case 'number': {
      let s = z.number({ error: `${d.label} must be a number` });
      if (d.int) s = s.int(`${d.label} must be a whole number`);
      return s
        .min(d.min, `${d.label} must be at least ${d.min}`)
        .max(d.max, `${d.label} must be at most ${d.max}`)
        .default(d.default);
    }
    case 'choice':
      return z
        .enum(d.options as [string, ...string[]], { error: `${d.label} must be one of ${d.options.join(', ')}` })
        .default(d.default);
    case 'boolean':
      return z.boolean({ error: `${d.label} must be true or false` }).default(d.default);
    case 'intList':
      return z
        .array(
          z
            .number()
            .int(`${d.label}: each entry must be a whole number`)
            .min(d.min, `${d.label}: each entry must be at least ${d.min}`)
            .max(d.max, `${d.label}: each entry must be at most ${d.max}`),
        )
        .min(d.minItems, `${d.label} needs at least ${d.minItems} entries`)
        .max(d.maxItems, `${d.label} allows at most ${d.maxItems} entries`)
        .default(d.default);
    case 'nodes':
      return z
        .array(z.string().min(1), { error: `${d.label} must be a list of node ids` })
        .max(d.maxItems, `${d.label} allows at most ${d.maxItems} nodes`)
        .default(d.default);
    case 'dataset':
      return z
        .object(
          {
            id: z.string().min(1),
            name: z.string(),
            kind: z.enum(['image', 'vector']),
            shape: z.array(z.number().int().positive()).min(1).max(3),
            classes: z.number().int().min(0),
          },
          { error: `${d.label} must be an imported dataset` },
        )
        .nullable()
        .default(d.default);
    default: {
      const never: never = d;
      throw new Error(`unknown param kind for ${name}: ${JSON.stringify(never)}`);
    }
  }
}

// Building a zod schema costs about a millisecond; a 500-node graph is validated on every edit.
const schemas = new WeakMap<ParamDefs, z.ZodType>();

/** The strict zod object for a node's params: unknown keys are rejected. Built once per spec. */
export function paramsSchema<D extends ParamDefs>(defs: D): z.ZodType<ParamValues<D>> {
  let s = schemas.get(defs);
  if (!s) {
    const shape: Record<string, z.ZodType> = {};
    for (const [k, d] of Object.entries(defs)) shape[k] = paramSchema(k, d);
    s = z.strictObject(shape);
    schemas.set(defs, s);
  }
  return s as unknown as z.ZodType<ParamValues<D>>;
}

export function defaultParams<D extends ParamDefs>(defs: D): ParamValues<D> {
  const out: Record<string, unknown> = {};
  for (const [k, d] of Object.entries(defs)) out[k] = Array.isArray(d.default) ? [...d.default] : d.default;
  return out as ParamValues<D>;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Parse params for a node; missing keys take their defaults. */
export function parseParams<D extends ParamDefs>(defs: D, raw: unknown): ParseResult<ParamValues<D>> {
  const r = paramsSchema(defs).safeParse(raw ?? {});
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => {
      if (i.code === 'unrecognized_keys') return `unknown parameter${i.keys.length > 1 ? 's' : ''} ${i.keys.slice(0, 5).map((k) => quote(k, 40)).join(', ')}${i.keys.length > 5 ? ` and ${i.keys.length - 5} more` : ''}`;
      const key = i.path.length ? String(i.path[0]) : '';
      return key && !i.message.startsWith(defs[key]?.label ?? '\u0000') ? `${key}: ${i.message}` : i.message;
    }),
  };
}
