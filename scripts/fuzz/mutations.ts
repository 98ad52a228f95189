// Seeded generator of hostile graph files: the presets mutated in structure,
// params (extremes, wrong types), meta, schema, prototype keys, junk values
// and raw text, plus hand-made cases that once froze or misled the app.
// The same (seed, index) always gives the same case.
import type { ParamDef } from '../../engine/params';
import { PRESETS, presetGraph } from '../../engine/presets';
import { mulberry32 } from '../../engine/rng';
import { allSpecs } from '../../nodes/registry';

export interface FuzzCase {
  /** "params/extreme", "raw/truncated", "crafted/diamonds" ... */
  kind: string;
  /** A graph object or raw file text, as parseGraph receives it. */
  input: unknown;
}

type Rand = () => number;
type Obj = Record<string, unknown>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, n: number) => Math.floor(r() * n);
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const WEIRD_STRINGS = [
  '',
  ' ',
  'a/b',
  'total:main',
  'norm:main',
  'enc.out',
  '\u0000\u0001\u001b[31m',
  '\ud800',
  '\ufeffbom',
  '\u202eevil',
  'x'.repeat(81),
  'x'.repeat(5000),
  '💥'.repeat(30),
  ...PROTO_KEYS,
];
const EXTREME_NUMBERS = [0, -0, -1, 1, 0.5, 1e-300, 1e300, -1e300, 2 ** 31, 2 ** 53 + 1, 1e6, Number.MAX_VALUE, Number.MIN_VALUE, 4096, 8192, 65536];
function junk(r: Rand, depth = 0): unknown {
  switch (int(r, depth > 2 ? 6 : 9)) {
    case 0: return null;
    case 1: return pick(r, EXTREME_NUMBERS);
    case 2: return pick(r, WEIRD_STRINGS);
    case 3: return r() < 0.5;
    case 4: return [];
    case 5: return {};
    case 6: return Array.from({ length: int(r, 4) }, () => junk(r, depth + 1));
    case 7: return Object.fromEntries(Array.from({ length: int(r, 4) }, () => [pick(r, [...PROTO_KEYS, 'a', 'id', 'type', 'nodes']), junk(r, depth + 1)]));
    default: return 'NaN';
  }
}

function paramExtreme(r: Rand, def: ParamDef): unknown {
  switch (def.kind) {
    case 'number': return pick(r, [def.min, def.max, def.min - 1, def.max + 1, def.max * 10, (def.min + def.max) / 2 + 0.5, ...EXTREME_NUMBERS]);
    case 'choice': return pick(r, [...def.options, 'nope', '']);
    case 'boolean': return pick(r, [true, false, 'true', 0]);
    case 'intList': return pick(r, [[], [def.max], Array(def.maxItems).fill(def.max), Array(def.maxItems + 1).fill(1), [def.min - 1], [1.5], ['8']]);
    case 'nodes': return pick(r, [[], ['data'], ['no-such-node'], ['__proto__'], Array(50).fill('encoder')]);
  }
}

const specs = allSpecs();
const freshNode = (r: Rand, id: string): Obj => {
  const s = pick(r, specs);
  return { id, type: s.type, typeVersion: s.version, params: {}, position: { x: int(r, 1000), y: int(r, 1000) } };
};

/** One structural / value mutation applied in place to a graph object. */
const MUTATIONS: Record<string, (g: Obj, r: Rand) => void> = {
  'structure/delete-node': (g, r) => { const ns = g.nodes as Obj[]; if (ns.length) ns.splice(int(r, ns.length), 1); },
  'structure/delete-edge': (g, r) => { const es = g.edges as Obj[]; if (es.length) es.splice(int(r, es.length), 1); },
  'structure/duplicate-node': (g, r) => { const ns = g.nodes as Obj[]; if (ns.length) ns.push(structuredClone(pick(r, ns))); },
  'structure/duplicate-edge-id': (g, r) => { const es = g.edges as Obj[]; if (es.length > 1) es[int(r, es.length)].id = pick(r, es).id; },
  'structure/rewire': (g, r) => {
    const es = g.edges as Obj[];
    const ns = g.nodes as Obj[];
    if (!es.length || !ns.length) return;
    const e = pick(r, es);
    const end = r() < 0.5 ? 'from' : 'to';
    const spec = specs.find((s) => s.type === pick(r, ns).type);
    const ports = spec ? (end === 'from' ? spec.outputs : spec.inputs).map((p) => p.id) : ['in'];
    e[end] = { node: pick(r, ns).id, port: r() < 0.9 && ports.length ? pick(r, ports) : pick(r, ['in', 'out', 'nope']) };
  },
  'structure/back-edge': (g, r) => {
    // an edge from a late node to an early one: usually a cycle
    const ns = g.nodes as Obj[];
    if (ns.length < 2) return;
    const a = ns[ns.length - 1 - int(r, 2)];
    const b = ns[int(r, 2)];
    (g.edges as Obj[]).push({ id: `back-${int(r, 1e6)}`, from: { node: a.id, port: 'out' }, to: { node: b.id, port: 'in' } });
  },
  'structure/add-node': (g, r) => { (g.nodes as Obj[]).push(freshNode(r, `n-${int(r, 1e6)}`)); },
  'structure/retype': (g, r) => { const ns = g.nodes as Obj[]; if (ns.length) pick(r, ns).type = pick(r, specs).type; },
  'structure/empty': (g) => { g.nodes = []; g.edges = []; },
  'params/extreme': (g, r) => {
    const ns = g.nodes as Obj[];
    if (!ns.length) return;
    const n = pick(r, ns);
    const spec = specs.find((s) => s.type === n.type);
    const keys = spec ? Object.keys(spec.params) : [];
    if (!keys.length) return;
    const k = pick(r, keys);
    (n.params as Obj)[k] = paramExtreme(r, spec!.params[k]);
  },
  'params/junk': (g, r) => { const ns = g.nodes as Obj[]; if (ns.length) pick(r, ns).params = r() < 0.5 ? junk(r) : { [pick(r, PROTO_KEYS)]: junk(r) }; },
  'meta/extreme': (g, r) => {
    const meta = (g.meta ??= {}) as Obj;
    const train = (meta.train ??= {}) as Obj;
    const k = pick(r, ['learningRate', 'steps', 'logEvery', 'imageEvery', 'latentEvery', 'evalEvery', 'beta1', 'optimizer', 'seed', 'locks', 'name']);
    if (k === 'seed' || k === 'locks' || k === 'name') meta[k] = k === 'locks' ? [pick(r, WEIRD_STRINGS)] : pick(r, [...EXTREME_NUMBERS, ...WEIRD_STRINGS]);
    else train[k] = pick(r, [...EXTREME_NUMBERS, 'adam', 'sgd', 'lion', null]);
  },
  'schema/drop-field': (g, r) => {
    const target: Obj = r() < 0.3 ? g : pick(r, [...(g.nodes as Obj[]), ...(g.edges as Obj[]), g]);
    const keys = Object.keys(target);
    if (keys.length) delete target[pick(r, keys)];
  },
  'schema/wrong-type': (g, r) => {
    const target: Obj = pick(r, [...(g.nodes as Obj[]), ...(g.edges as Obj[]), g]);
    const keys = Object.keys(target);
    if (keys.length) target[pick(r, keys)] = junk(r);
  },
  'schema/extra-field': (g, r) => { const t: Obj = pick(r, [...(g.nodes as Obj[]), g]); t[pick(r, ['colour', 'slot', ...WEIRD_STRINGS.slice(0, 8)])] = junk(r); },
  'ids/weird': (g, r) => {
    const ns = g.nodes as Obj[];
    if (!ns.length) return;
    const n = pick(r, ns);
    const old = n.id;
    n.id = pick(r, WEIRD_STRINGS);
    // usually follow the rename in the edges, so the renaming path is exercised, not only "unknown node"
    if (r() < 0.8) for (const e of g.edges as Obj[]) for (const end of ['from', 'to']) if (isObj(e[end]) && (e[end] as Obj).node === old) (e[end] as Obj).node = n.id;
  },
  'ids/weird-port': (g, r) => { const es = g.edges as Obj[]; if (es.length) (pick(r, es)[r() < 0.5 ? 'from' : 'to'] as Obj).port = pick(r, WEIRD_STRINGS); },
  'version/odd': (g, r) => { g.version = pick(r, [0, 2, -1, 1.5, '1', null, 1e300]); },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/** Raw text variants of a (possibly mutated) graph. */
function rawText(r: Rand, g: Obj): FuzzCase {
  const text = JSON.stringify(g);
  const kind = pick(r, ['truncated', 'bom', 'bytes', 'proto-key', 'huge-type', 'empty', 'not-object', 'deep']);
  switch (kind) {
    case 'truncated': return { kind: 'raw/truncated', input: text.slice(0, int(r, text.length)) };
    case 'bom': return { kind: 'raw/bom', input: `\ufeff${text}` };
    case 'bytes': return { kind: 'raw/bytes', input: Array.from({ length: 1 + int(r, 200) }, () => String.fromCharCode(int(r, 0x10000))).join('') };
    case 'proto-key': return { kind: 'raw/proto-key', input: text.replace('"params":{', `"params":{"__proto__":{"polluted":1},`).replace('"meta":{', '"meta":{"__proto__":{"x":1},') };
    case 'huge-type': return { kind: 'raw/huge-type', input: text.replace(/"type":"[^"]*"/, `"type":"${'y'.repeat(1_000_000)}"`) };
    case 'empty': return { kind: 'raw/empty', input: pick(r, ['', ' ', '\ufeff', 'null', '[]', '0', '"graph"']) };
    case 'not-object': return { kind: 'raw/not-object', input: pick(r, [null, 42, 'text', [], [g], true]) };
    default: return { kind: 'raw/deep', input: `${'['.repeat(5000)}${']'.repeat(5000)}` };
  }
}

/** Hand-made cases from the findings (always among the first cases of a run). */
export function craftedCases(): FuzzCase[] {
  const node = (id: string, type: string) => ({ id, type, typeVersion: 1, params: {}, position: { x: 0, y: 0 } });
  const edge = (id: string, from: string, fp: string, to: string, tp: string) => ({ id, from: { node: from, port: fp }, to: { node: to, port: tp } });
  const diamonds = (k: number) => {
    const nodes = [...Array.from({ length: k }, (_, i) => node(`d${i + 1}`, 'net.discriminator')), node('a', 'augment.gaussian-noise'), node('b', 'augment.gaussian-noise')];
    const edges = [edge('ab', 'a', 'out', 'b', 'in'), edge('ba', 'b', 'out', 'a', 'in'), edge('b1', 'b', 'out', 'd1', 'real'), edge('b2', 'b', 'out', 'd1', 'fake')];
    for (let i = 1; i < k; i++) edges.push(edge(`r${i}`, `d${i}`, 'realLogits', `d${i + 1}`, 'real'), edge(`f${i}`, `d${i}`, 'realLogits', `d${i + 1}`, 'fake'));
    return { version: 1, nodes, edges };
  };
  const chain = (k: number) => ({
    version: 1,
    nodes: [node('data', 'data.mnist'), ...Array.from({ length: k }, (_, i) => node(`c${i}`, 'augment.gaussian-noise'))],
    edges: [edge('e0', 'data', 'image', 'c0', 'in'), ...Array.from({ length: k - 1 }, (_, i) => edge(`e${i + 1}`, `c${i}`, 'out', `c${i + 1}`, 'in'))],
  });
  const ae = presetGraph('ae') as unknown as Obj;
  const withId = (id: string) => JSON.parse(JSON.stringify(ae).replaceAll('"recon"', JSON.stringify(id)));
  const lr = structuredClone(ae) as { meta: { train: Obj } };
  lr.meta.train.learningRate = 1e6;
  const dupNodes = structuredClone(ae) as { nodes: Obj[] };
  dupNodes.nodes.push(structuredClone(dupNodes.nodes[1]));
  return [
    { kind: 'crafted/diamonds-26', input: diamonds(26) },
    { kind: 'crafted/diamonds-499', input: diamonds(498) },
    { kind: 'crafted/chain-500', input: chain(499) },
    ...['__proto__', 'a/b', 'total:main', 'norm:main', 'constructor'].map((id) => ({ kind: 'crafted/loss-id', input: withId(id) })),
    { kind: 'crafted/lr-1e6', input: lr },
    { kind: 'crafted/duplicate-nodes', input: dupNodes },
    { kind: 'crafted/huge-type', input: { ...ae, nodes: [{ ...(ae.nodes as Obj[])[0], type: 'x'.repeat(1_000_000) }] } },
    { kind: 'crafted/bom', input: `\ufeff${JSON.stringify(ae)}` },
    { kind: 'crafted/empty-file', input: '' },
  ];
}

/** Case `index` of the run seeded `seed`. */
export function fuzzCase(seed: number, index: number): FuzzCase {
  const crafted = craftedCases();
  if (index < crafted.length) return crafted[index];
  const r = mulberry32((seed * 1_000_003 + index) >>> 0);
  const g = structuredClone(presetGraph(pick(r, PRESETS).name)) as unknown as Obj;
  if (r() < 0.12) return rawText(r, g);
  const names: string[] = [];
  for (let m = 1 + int(r, 3); m > 0; m--) {
    const name = pick(r, MUTATION_NAMES);
    names.push(name);
    // a mutation may meet a shape an earlier one broke (an edge end that is now a number):
    // the broken graph is the case; the mutation just stops there
    try {
      if (Array.isArray(g.nodes) && Array.isArray(g.edges)) MUTATIONS[name](g, r);
    } catch {
      break;
    }
  }
  return { kind: names.join('+'), input: r() < 0.3 ? JSON.stringify(g) : g };
}
