// The run queue: graphs trained one after another in the one worker, each
// recorded like any run. Pure state plus a drain loop over an injected runner,
// so the order, cancellation and the "open the comparison when done" rule are
// tested without a worker.
import type { Graph } from '../../../engine/graph';
import { parseParams, type ParamDefs } from '../../../engine/params';
import { presetGraph } from '../../../engine/presets';
import { getSpec } from '../../../nodes/registry';
import type { RunStatus } from './record';

export const COMPARISON_PRESETS = ['simclr', 'byol', 'vicreg'] as const;

export interface ComparisonSettings {
  steps: number;
  /** Applied to every data node with a batch size; the presets' own value by default. */
  batchSize: number;
  seed: number;
  /** Quick kNN evaluation every this many steps (0: only at the end). */
  evalEvery: number;
  /** kNN + linear probe + effective rank when each run ends. */
  evalAtEnd: boolean;
}

type SpecLookup = (type: string) => { params: ParamDefs; data?: unknown } | undefined;

/** The batch size of the graph's first data node, or null when it has none. */
export function batchSizeOf(graph: Graph, lookup: SpecLookup = getSpec): number | null {
  for (const n of graph.nodes) {
    const spec = lookup(n.type);
    if (!spec?.data || !('batchSize' in spec.params)) continue;
    const p = parseParams(spec.params, n.params);
    if (p.ok) return (p.value as Record<string, unknown>).batchSize as number;
  }
  return null;
}

export function comparisonDefaults(): ComparisonSettings {
  const g = presetGraph(COMPARISON_PRESETS[0])!;
  return { steps: 300, batchSize: batchSizeOf(g) ?? 256, seed: g.meta.seed, evalEvery: 60, evalAtEnd: true };
}

/** Problems with the dialog's values, one line each (empty: fine). */
export function checkSettings(s: ComparisonSettings): string[] {
  const out: string[] = [];
  const int = (v: number) => Number.isInteger(v) && Number.isFinite(v);
  if (!int(s.steps) || s.steps < 1 || s.steps > 1_000_000) out.push('Steps must be a whole number from 1 to 1,000,000.');
  if (!int(s.batchSize) || s.batchSize < 2 || s.batchSize > 2048) out.push('Batch size must be a whole number from 2 to 2,048.');
  if (!int(s.seed) || s.seed < 0 || s.seed > 2 ** 31 - 1) out.push('Seed must be a whole number from 0 to 2,147,483,647.');
  if (!int(s.evalEvery) || s.evalEvery < 0) out.push('Evaluate every must be 0 (only at the end) or a whole number of steps.');
  return out;
}

/** A copy of `graph` with the comparison's steps, batch size, seed and evaluation applied. */
export function applySettings(graph: Graph, s: ComparisonSettings, lookup: SpecLookup = getSpec): Graph {
  const g = structuredClone(graph) as Graph;
  g.meta.seed = s.seed;
  g.meta.train = { ...g.meta.train, steps: s.steps, evalEvery: s.evalEvery >= s.steps ? 0 : s.evalEvery, evalAtEnd: s.evalAtEnd };
  for (const n of g.nodes) {
    const spec = lookup(n.type);
    if (spec?.data && 'batchSize' in spec.params) n.params = { ...n.params, batchSize: s.batchSize };
  }
  return g;
}

export type QueueStatus = 'queued' | 'running' | 'cancelled' | Exclude<RunStatus, 'running'>;

export interface QueueItem {
  key: string;
  /** The run's name: "SimCLR", or the graph's name. */
  name: string;
  graph: Graph;
  preset: string | null;
  tags: string[];
  status: QueueStatus;
  runId: string | null;
  step: number;
  stepBudget: number;
  error: string | null;
  /** The backend to ask for ('auto', 'wasm', …); null: the studio's current choice. */
  backend: string | null;
}

export interface QueueOutcome {
  runId: string | null;
  status: Exclude<RunStatus, 'running'>;
  error: string | null;
}

export interface QueueRunner {
  /** Trains one item to its end; never rejects (a failure is an outcome). */
  run(item: QueueItem): Promise<QueueOutcome>;
  /** Stops the run in flight. */
  stop(): void;
}

export interface QueueState {
  items: QueueItem[];
  running: boolean;
}

let keySeq = 0;

export function queueItem(graph: Graph, opts: { name?: string; preset?: string | null; tags?: string[]; backend?: string | null } = {}): QueueItem {
  return {
    key: `q${++keySeq}`,
    name: opts.name ?? graph.meta.name,
    graph,
    preset: opts.preset ?? null,
    tags: opts.tags ?? [],
    status: 'queued',
    runId: null,
    step: 0,
    stepBudget: graph.meta.train.steps,
    error: null,
    backend: opts.backend ?? null,
  };
}

/** The three presets with the same data, seed, step budget and evaluation. */
export function comparisonItems(s: ComparisonSettings, opts: { tags?: string[]; backend?: string | null } = {}): QueueItem[] {
  return COMPARISON_PRESETS.map((name) => {
    const g = applySettings(presetGraph(name)!, s);
    return queueItem(g, { name: g.meta.name, preset: name, tags: opts.tags ?? ['comparison'], backend: opts.backend });
  });
}

export class RunQueue {
  private state: QueueState = { items: [], running: false };
  private listeners = new Set<() => void>();
  private cancelled = false;
  /** Items that ran in the current drain, for "open the comparison when done". */
  private drained: QueueItem[] = [];

  constructor(
    private runner: QueueRunner,
    /** Called when the queue empties; `ran` are the items that ran since it last started. */
    private onDrained?: (ran: QueueItem[], cancelled: boolean) => void,
  ) {}

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  getSnapshot = (): QueueState => this.state;

  private set(items: QueueItem[], running = this.state.running) {
    this.state = { items, running };
    for (const l of this.listeners) l();
  }

  private patch(key: string, p: Partial<QueueItem>) {
    this.set(this.state.items.map((i) => (i.key === key ? { ...i, ...p } : i)));
  }

  add(items: QueueItem[]): void {
    this.set([...this.state.items, ...items]);
    if (!this.state.running) void this.drain();
  }

  /** Live progress of the item in flight. */
  progress(key: string, step: number): void {
    const it = this.state.items.find((i) => i.key === key);
    if (it && it.status === 'running' && it.step !== step) this.patch(key, { step });
  }

  /** Stops the run in flight and drops everything still queued. */
  cancel(): void {
    if (!this.state.running) return;
    this.cancelled = true;
    this.set(this.state.items.map((i) => (i.status === 'queued' ? { ...i, status: 'cancelled' } : i)));
    this.runner.stop();
  }

  /** Removes one item that has not started. */
  remove(key: string): void {
    this.set(this.state.items.filter((i) => !(i.key === key && i.status === 'queued')));
  }

  /** Forgets finished items (the runs stay in the history). */
  clearDone(): void {
    this.set(this.state.items.filter((i) => i.status === 'queued' || i.status === 'running'));
  }

  private async drain(): Promise<void> {
    this.cancelled = false;
    this.drained = [];
    this.set(this.state.items, true);
    for (;;) {
      const next = this.state.items.find((i) => i.status === 'queued');
      if (!next || this.cancelled) break;
      this.patch(next.key, { status: 'running' });
      let outcome: QueueOutcome;
      try {
        outcome = await this.runner.run(next);
      } catch (e) {
        outcome = { runId: null, status: 'failed', error: (e as Error)?.message ?? String(e) };
      }
      const step = outcome.status === 'finished' ? next.stepBudget : (this.state.items.find((i) => i.key === next.key)?.step ?? 0);
      this.patch(next.key, { status: outcome.status, runId: outcome.runId, error: outcome.error, step });
      this.drained.push(this.state.items.find((i) => i.key === next.key)!);
    }
    const ran = this.drained;
    const cancelled = this.cancelled;
    this.set(this.state.items, false);
    this.onDrained?.(ran, cancelled);
    // Items added after a cancel were not cancelled with the rest: they start a new drain.
    if (this.state.items.some((i) => i.status === 'queued')) void this.drain();
  }
}
