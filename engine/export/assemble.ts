// Graph -> a PyTorch project (text files). Validates like training does, then
// asks each node's export part (nodes/<cat>/<name>.torch.ts) for its Python
// definitions, module and forward statements, and wires them in topological
// order into one nn.Module, StudioGraph, in model.py. The latent split and the
// optimizer phases mirror engine/runtime/compile/ (latent.ts, phases.ts). Tensor-free.
import type { Graph } from '../graph';
import { hasRole } from '../spec';
import type { GraphIssue, TensorType } from '../types';
import { analyzeForTraining, type SpecLookup } from '../validate';
import { projectFiles } from './project';
import { kwargs, py, type EmitArgs, type NodeInfo, type PartArgs, type PyDef, type TorchLookup, type TorchPart, type WeightEntry } from './types';

export interface ExportedNode extends NodeInfo {
  part: TorchPart;
  label: string;
  category: string;
  /** input port -> [source node, source port] */
  sources: Record<string, [string, string]>;
  used: Set<string>;
}

export interface PhaseInfo {
  name: string;
  losses: Array<{ id: string; weight: number }>;
  /** Python attribute names of the modules this phase trains. */
  modules: string[];
  repeats: number;
}

/** One studio tensor and where it lands in the PyTorch state_dict. */
export interface WeightMapEntry {
  /** `<node id>.<studio name>` (momentum encoders: `<id>.<followed id>/<name>`). */
  studio: string;
  torch: string;
  layout: WeightEntry['layout'];
}

export interface ExportPlan {
  nodes: ExportedNode[];
  phases: PhaseInfo[];
  dataNode: ExportedNode;
  weightMap: WeightMapEntry[];
}

export type ExportResult = { ok: true; plan: ExportPlan; files: Record<string, string> } | { ok: false; issues: GraphIssue[] };

function pyIdent(id: string, taken: Set<string>): string {
  let s = id.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(s)) s = `n_${s}`;
  const reserved = new Set(['self', 'terms', 'batch', 'step', 'rows', 'lambda', 'def', 'class', 'for', 'in', 'if', 'else', 'return', 'import', 'from', 'training', 'fixed', 'pending']);
  if (reserved.has(s)) s = `${s}_`;
  let out = s;
  for (let i = 2; taken.has(out); i++) out = `${s}_${i}`;
  taken.add(out);
  return out;
}

const indent = (lines: string[], n: number) => lines.map((l) => (l ? ' '.repeat(n) + l : l));

/** Validates the graph and resolves every node's export part; names the nodes that cannot be exported. */
export function planExport(graph: Graph, lookup: SpecLookup, parts: TorchLookup): { ok: true; plan: ExportPlan } | { ok: false; issues: GraphIssue[] } {
  const a = analyzeForTraining(graph, lookup);
  const errors = a.issues.filter((i) => i.severity === 'error');
  if (errors.length) return { ok: false, issues: errors };
  // the nodes that feed a loss, as in training
  const needed = new Set<string>();
  const visit = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    for (const e of a.incoming.get(id)?.values() ?? []) visit(e.from.node);
  };
  for (const n of graph.nodes) if (lookup(n.type)?.loss) visit(n.id);
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    if (spec?.mirror && needed.has(n.id)) for (const ref of spec.mirror.follows(a.params.get(n.id) as never)) visit(ref);
  }
  const used = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    const s = used.get(e.from.node) ?? new Set<string>();
    s.add(e.from.port);
    used.set(e.from.node, s);
  }
  const missing: string[] = [];
  const taken = new Set<string>();
  const nodes: ExportedNode[] = [];
  for (const id of a.order) {
    if (!needed.has(id)) continue;
    const gn = graph.nodes.find((n) => n.id === id)!;
    const spec = lookup(gn.type)!;
    const part = parts(gn.type);
    if (!part) {
      missing.push(id);
      continue;
    }
    const sources: Record<string, [string, string]> = {};
    const inputTypes: Record<string, TensorType> = {};
    for (const [port, e] of a.incoming.get(id) ?? []) {
      sources[port] = [e.from.node, e.from.port];
      inputTypes[port] = a.outputs.get(e.from.node)![e.from.port];
    }
    nodes.push({ id, type: gn.type, py: pyIdent(id, taken), params: a.params.get(id)!, inputTypes, outputTypes: a.outputs.get(id)!, part, label: spec.label, category: spec.category, sources, used: used.get(id) ?? new Set() });
  }
  if (missing.length) {
    const names = missing.map((id) => `${lookup(graph.nodes.find((n) => n.id === id)!.type)!.label} (${id})`);
    return { ok: false, issues: [{ code: 'unsupported', severity: 'error', nodeIds: missing, message: `no PyTorch export for ${names.join(', ')}` }] };
  }
  const dataNodes = nodes.filter((n) => lookup(n.type)!.data && !lookup(n.type)!.latent);
  if (dataNodes.length !== 1) {
    return { ok: false, issues: [{ code: 'unsupported', severity: 'error', nodeIds: dataNodes.map((n) => n.id), message: 'export needs exactly one dataset node feeding the losses' }] };
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const phases = new Map<string, PhaseInfo>();
  const phaseOrder = new Map<string, number>();
  for (const n of nodes) {
    const loss = lookup(n.type)!.loss;
    if (!loss) continue;
    const name = loss.phase(n.params as never);
    const ph = phases.get(name) ?? { name, losses: [], modules: [], repeats: 1 };
    phaseOrder.set(name, Math.min(phaseOrder.get(name) ?? Infinity, loss.phaseOrder ?? 0));
    ph.repeats = Math.max(ph.repeats, loss.repeats?.(n.params as never) ?? 1);
    ph.losses.push({ id: n.id, weight: loss.weight(n.params as never) });
    const trains = loss.trains?.(n.params as never) ?? 'all';
    const seen = new Set<string>();
    const walk = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const c = byId.get(id)!;
      const critic = hasRole(lookup(c.type), 'critic');
      if (c.part.module && !lookup(c.type)!.mirror && (trains === 'all' || (trains === 'critic') === critic) && !ph.modules.includes(c.py)) ph.modules.push(c.py);
      for (const [src] of Object.values(c.sources)) walk(src);
    };
    walk(n.id);
    phases.set(name, ph);
  }
  // as in training: LossInfo.phaseOrder (a GAN's discriminator phase first)
  const plan: ExportPlan = { nodes, phases: [...phases.values()].sort((x, y) => phaseOrder.get(x.name)! - phaseOrder.get(y.name)!), dataNode: dataNodes[0], weightMap: [] };
  for (const n of nodes) {
    for (const w of n.part.weights?.(partArgs(plan, n)) ?? []) plan.weightMap.push({ studio: `${n.id}.${w.studio}`, torch: `${n.py}.${w.torch}`, layout: w.layout });
  }
  return { ok: true, plan };
}

export function partArgs(plan: ExportPlan, n: ExportedNode): PartArgs {
  return {
    id: n.id,
    type: n.type,
    py: n.py,
    params: n.params,
    inputTypes: n.inputTypes,
    outputTypes: n.outputTypes,
    peer: (id) => {
      const p = plan.nodes.find((m) => m.id === id);
      return p && { ...partArgs(plan, p), part: p.part };
    },
  };
}

const v = (n: ExportedNode, port: string) => `v_${n.py}_${port.replace(/[^A-Za-z0-9_]/g, '_')}`;

/** The forward statements of some nodes, in order. */
function emitNodes(plan: ExportPlan, list: ExportedNode[], extra: (n: ExportedNode) => Record<string, string> = () => ({})): string[] {
  const byId = new Map(plan.nodes.map((n) => [n.id, n]));
  const lines: string[] = [];
  for (const n of list) {
    const inputs: Record<string, string> = {};
    for (const [port, [src, sport]] of Object.entries(n.sources)) inputs[port] = v(byId.get(src)!, sport);
    Object.assign(inputs, extra(n));
    const out = Object.fromEntries(Object.keys(n.outputTypes).map((p) => [p, v(n, p)]));
    const args: EmitArgs = { ...partArgs(plan, n), inputs, out, used: n.used };
    lines.push(`# ${n.label} (${n.id})`, ...n.part.forward(args));
  }
  return lines;
}

function modelPy(plan: ExportPlan, graph: Graph, lookup: SpecLookup): { model: string; defs: PyDef[] } {
  const defs: PyDef[] = [];
  const keys = new Set<string>();
  for (const n of plan.nodes) {
    const code = typeof n.part.code === 'function' ? n.part.code(partArgs(plan, n)) : (n.part.code ?? []);
    for (const d of code) {
      if (keys.has(`${d.file}:${d.key}`)) continue;
      keys.add(`${d.file}:${d.key}`);
      defs.push(d);
    }
  }
  // momentum encoders copy networks: build them after every other module
  const withModule = plan.nodes.filter((n) => n.part.module);
  const ordered = [...withModule.filter((n) => !lookup(n.type)!.mirror), ...withModule.filter((n) => lookup(n.type)!.mirror)];
  const init = ordered.map((n) => `self.${n.py} = ${n.part.module!(partArgs(plan, n))}`);

  // latent nodes split the pass: the nodes downstream of a latent run inside its energy, then again with the found code
  const latents = plan.nodes.filter((n) => lookup(n.type)!.latent);
  const downstream = new Set<string>();
  for (const lat of latents) {
    const stack = [lat.id];
    while (stack.length) {
      const id = stack.pop()!;
      for (const n of plan.nodes) {
        if (downstream.has(n.id) || !Object.values(n.sources).some(([s]) => s === id)) continue;
        downstream.add(n.id);
        stack.push(n.id);
      }
    }
  }
  const pre = plan.nodes.filter((n) => !downstream.has(n.id) && !lookup(n.type)!.latent);
  const post = plan.nodes.filter((n) => downstream.has(n.id));
  const body: string[] = ['terms = {}', 'rows = batch["labels"].shape[0]', ...emitNodes(plan, pre)];
  for (const lat of latents) {
    const ista = lat.params.method === 'ista';
    let l1 = 0;
    const smooth: string[] = [];
    const all: string[] = [];
    const multiStart = Number(lat.params.starts ?? 1) > 1;
    for (const n of post) {
      const loss = lookup(n.type)!.loss;
      if (!loss) continue;
      const w = loss.weight(n.params as never);
      all.push(`${py(w)} * terms[${JSON.stringify(n.id)}]`);
      const onLatent = Object.values(n.sources).some(([s]) => s === lat.id);
      if (ista && loss.proximal === 'l1' && onLatent) l1 += w;
      else smooth.push(`${py(w)} * terms[${JSON.stringify(n.id)}]`);
    }
    const fn = `energy_${lat.py}`;
    body.push(
      `# ${lat.id}: the energy of a code z, every loss after it (ISTA shrinks by the L1 weight instead)`,
      `def ${fn}(z):`,
      '    terms = {}',
      '    inner, self.inner = self.inner, True',
      `    ${v(lat, 'out')} = z`,
      ...indent(emitNodes(plan, post), 4),
      '    self.inner = inner',
      `    return (${smooth.join(' + ') || '0.0'}) * z.shape[0]  # per-sample problems: undo the batch mean`,
      '',
      ...(multiStart
        ? [
            `# ${lat.id}: every loss per sample [B], to choose each row's starting code`,
            `def sample_${fn}(z):`,
            '    terms = {}',
            '    inner, self.inner, losses.PER_SAMPLE = self.inner, True, True',
            `    ${v(lat, 'out')} = z`,
            ...indent(emitNodes(plan, post), 4),
            '    self.inner, losses.PER_SAMPLE = inner, False',
            `    return ${all.join(' + ') || 'torch.zeros(z.shape[0])'}`,
            '',
          ]
        : []),
      ...emitNodes(plan, [lat], () => ({ energy: fn, l1: py(l1), ...(multiStart ? { sampleEnergy: `sample_${fn}` } : {}) })),
    );
  }
  body.push(...emitNodes(plan, post), 'return terms');

  const phases = plan.phases.map((p) => `    {${kwargsDict({ name: p.name, losses: p.losses.map((l) => [l.id, l.weight]), modules: p.modules, repeats: p.repeats })}},`);
  const model = [
    `class StudioGraph(nn.Module):`,
    `    """${graph.meta.name.replace(/"/g, "'")}: every node of the studio graph in one module. forward(batch) returns`,
    `    each loss by node id (and sub-terms as "id/term"); the optimizer phases are in PHASES."""`,
    '',
    '    def __init__(self):',
    '        super().__init__()',
    ...indent(init, 8),
    '        self.fixed = {}  # name -> tensor: replaces a random draw (the parity check feeds the studio\'s)',
    '        self.strict = False  # raise on a draw that is not in fixed',
    '        self.augment = True',
    '        self.inner = False  # inside a latent\'s inner minimisation: no after-step updates',
    '        self.pending = []',
    '',
    '    @property',
    '    def augmenting(self):',
    '        return self.training and self.augment',
    '',
    '    def draw(self, name, make):',
    '        if name in self.fixed:',
    '            return self.fixed[name]',
    '        if self.strict:',
    '            raise KeyError(f"no fixed value for the random draw {name}")',
    '        return make()',
    '',
    '    def after(self, fn):',
    '        """Runs fn after the optimizer step (EMA, queues, centres, clustering updates)."""',
    '        if self.training and not self.inner:',
    '            self.pending.append(fn)',
    '',
    '    def run_after_step(self):',
    '        fns, self.pending = self.pending, []',
    '        for fn in fns:',
    '            fn()',
    '',
    '    def update_mirrors(self, when, step, total_steps):',
    '        for m in self.modules():',
    '            if isinstance(m, MomentumEncoder) and m.when == when:',
    '                m.update(step, total_steps)',
    '',
    '    def phase_parameters(self, phase):',
    '        return [p for name in phase["modules"] for p in getattr(self, name).parameters() if p.requires_grad]',
    '',
    '    def forward(self, batch, step=1, total_steps=1):',
    ...indent(body, 8),
    '',
    '',
    '# Optimizer phases: the losses each one sums (id, weight), the modules it trains, updates per step.',
    'PHASES = [',
    ...phases,
    ']',
    '',
    `SETTINGS = {${kwargsDict({ ...graph.meta.train, seed: graph.meta.seed, batchSize: plan.dataNode.params.batchSize })}}`,
  ].join('\n');
  if (!keys.has('model:MomentumEncoder')) defs.push({ file: 'model', key: 'MomentumEncoder', source: '\nclass MomentumEncoder(nn.Module):\n    """(no momentum encoder in this graph)"""\n' });
  return { model, defs };
}

function kwargsDict(o: Record<string, unknown>): string {
  return Object.entries(o).map(([k, x]) => `${JSON.stringify(k)}: ${py(x)}`).join(', ');
}

export interface ExportOptions {
  /** Python file headers and the README mention these. */
  dataset: { kind: 'image' | 'points'; name: string; factors: boolean };
  weights: boolean;
}

/** The whole project as text files (the dataset and weights npz are written by the caller). */
export function exportGraph(graph: Graph, lookup: SpecLookup, parts: TorchLookup, opts: ExportOptions): ExportResult {
  const r = planExport(graph, lookup, parts);
  if (!r.ok) return r;
  const { model, defs } = modelPy(r.plan, graph, lookup);
  return { ok: true, plan: r.plan, files: projectFiles({ graph, plan: r.plan, model, defs, ...opts }) };
}

export { kwargs };
