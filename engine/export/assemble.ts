// Graph -> a PyTorch project (text files). Validates like training does, then
// asks each node's export part (nodes/<cat>/<name>.torch.ts) for its Python
// definitions, module and forward statements, and wires them in topological
// order (plan.ts) into one nn.Module, StudioGraph, in model.py. The latent split and the
// optimizer phases mirror engine/runtime/compile/ (latent.ts, phases.ts). Tensor-free.
import type { Graph } from '../graph';
import type { GraphIssue } from '../types';
import type { SpecLookup } from '../validate';
import { partArgs, planExport, type ExportedNode, type ExportPlan } from './plan';
import { projectFiles } from './project';
import { kwargs, py, type EmitArgs, type PyDef, type TorchLookup } from './types';

// the plan (which nodes, phases, weight map) is plan.ts; re-exported for callers of this module
export { partArgs, planExport } from './plan';
export type { ExportedNode, ExportPlan, PhaseInfo, WeightMapEntry } from './plan';

export type ExportResult = { ok: true; plan: ExportPlan; files: Record<string, string> } | { ok: false; issues: GraphIssue[] };

const indent = (lines: string[], n: number) => lines.map((l) => (l ? ' '.repeat(n) + l : l));

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
