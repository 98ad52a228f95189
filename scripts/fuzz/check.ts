// Runs one fuzz case the way the app and the CLI meet a file (parse, validate,
// and for accepted graphs compile and free the plan) and checks what must hold
// for any input: no exception, a time budget, no tensor left behind, no
// prototype pollution, and issues a person can act on (node ids or a
// graph-level code, a short printable message).
import * as tf from '@tensorflow/tfjs';
import { parseGraph } from '../../engine/graph';
import { compile } from '../../engine/runtime/compile';
import { loadDatasets } from '../../engine/runtime/datasets';
import { readPublicAsset } from '../../engine/runtime/node-assets';
import type { GraphIssue } from '../../engine/types';
import { analyzeForTraining } from '../../engine/validate';
import { validateForTraining } from '../../engine/validated-graph';
import { getSpec } from '../../nodes/registry';
import type { FuzzCase } from './mutations';

/** Longest message an issue may carry (characters). */
export const MESSAGE_LIMIT = 500;
/** Codes that are about the whole graph, so they need no node (or edge) ids. */
export const GRAPH_LEVEL_CODES = new Set(['no-dataset', 'no-loss', 'invalid-file']);

export interface CaseResult {
  kind: string;
  ms: number;
  /** parse → validate outcome: 'invalid-file', 'issues', 'slow' (accepted with a slow-step warning, not compiled) or 'accepted' (compiled when asked). */
  outcome: 'invalid-file' | 'issues' | 'slow' | 'accepted';
  failures: string[];
}

const PROTO_BEFORE = Object.getOwnPropertyNames(Object.prototype).join(',');

function checkIssue(i: Pick<GraphIssue, 'code' | 'message' | 'nodeIds' | 'edgeIds'>, nodeIds: Set<string> | null, failures: string[]): void {
  if (typeof i.message !== 'string' || i.message.length === 0) failures.push(`issue ${i.code} without a message`);
  else if (i.message.length > MESSAGE_LIMIT) failures.push(`issue ${i.code}: message of ${i.message.length} characters`);
  else if (/[\u0000-\u001f\u007f]/.test(i.message)) failures.push(`issue ${i.code}: control characters in ${JSON.stringify(i.message.slice(0, 80))}`);
  // an edge whose two ends are both missing has no node to name: its edge id is the handle
  if (!GRAPH_LEVEL_CODES.has(i.code) && i.nodeIds.length === 0 && !i.edgeIds?.length) failures.push(`issue ${i.code} without node ids: ${i.message.slice(0, 120)}`);
  if (nodeIds) for (const id of i.nodeIds) if (!nodeIds.has(id)) failures.push(`issue ${i.code} names node ${JSON.stringify(id.slice(0, 40))}, not in the graph`);
}

export async function runCase(c: FuzzCase, opts: { compile: boolean; budgetMs: number }): Promise<CaseResult> {
  const failures: string[] = [];
  const tensors = tf.memory().numTensors;
  const t0 = performance.now();
  let outcome: CaseResult['outcome'] = 'invalid-file';
  try {
    const p = parseGraph(c.input);
    if (!p.ok) {
      if (p.problems.length === 0) failures.push('refused without a reason');
      for (const x of p.problems) checkIssue({ code: 'invalid-file', message: x.message, nodeIds: x.nodeIds }, null, failures);
    } else {
      const ids = new Set(p.graph.nodes.map((n) => n.id));
      const a = analyzeForTraining(p.graph, getSpec);
      for (const i of a.issues) checkIssue(i, ids, failures);
      const errors = a.issues.filter((i) => i.severity === 'error');
      outcome = errors.length ? 'issues' : 'accepted';
      // a graph the inspector already flags as slow (hundreds of millions of weights) is legal but
      // takes seconds just to allocate: the warning is the checked behaviour, not its compile time
      const slow = a.issues.some((i) => i.code === 'slow');
      if (slow) outcome = 'slow';
      if (!errors.length && !slow && opts.compile) {
        const v = validateForTraining(p.graph, getSpec);
        const r = v.ok ? compile(v.graph, await loadDatasets(v.graph.datasets, readPublicAsset)) : v;
        // every compile-time refusal must have been found by the validator first (with node ids)
        if (!r.ok) failures.push(`the validator accepted a graph the compiler refused: ${r.issues.map((i) => `[${i.code}] ${i.message}`).join('; ').slice(0, 300)}`);
        else r.plan.dispose();
      }
    }
  } catch (e) {
    failures.push(`uncaught ${(e as Error)?.name}: ${String((e as Error)?.message ?? e).slice(0, 300)}`);
  }
  const ms = performance.now() - t0;
  if (ms > opts.budgetMs) failures.push(`took ${ms.toFixed(0)} ms (budget ${opts.budgetMs} ms)`);
  const left = tf.memory().numTensors - tensors;
  if (left !== 0) failures.push(`${left} tensors left behind`);
  if (Object.getOwnPropertyNames(Object.prototype).join(',') !== PROTO_BEFORE || ({} as Record<string, unknown>).polluted !== undefined) failures.push('Object.prototype was modified');
  return { kind: c.kind, ms, outcome, failures };
}

export interface FuzzSummary {
  cases: number;
  wallMs: number;
  maxCaseMs: number;
  maxCaseKind: string;
  outcomes: Record<CaseResult['outcome'], number>;
  exceptions: number;
  tensorDelta: number;
  failures: Array<{ index: number; kind: string; failures: string[] }>;
}

/** Runs cases [0, n) of a seed and tallies them. */
export async function runFuzz(cases: (i: number) => FuzzCase, n: number, opts: { compile: boolean; budgetMs: number; onProgress?: (done: number) => void }): Promise<FuzzSummary> {
  const start = tf.memory().numTensors;
  const t0 = performance.now();
  const s: FuzzSummary = { cases: n, wallMs: 0, maxCaseMs: 0, maxCaseKind: '', outcomes: { 'invalid-file': 0, issues: 0, slow: 0, accepted: 0 }, exceptions: 0, tensorDelta: 0, failures: [] };
  for (let i = 0; i < n; i++) {
    const c = cases(i);
    const r = await runCase(c, opts);
    s.outcomes[r.outcome]++;
    if (r.ms > s.maxCaseMs) [s.maxCaseMs, s.maxCaseKind] = [r.ms, r.kind];
    if (r.failures.some((f) => f.startsWith('uncaught'))) s.exceptions++;
    if (r.failures.length) s.failures.push({ index: i, kind: r.kind, failures: r.failures });
    if (opts.onProgress && (i + 1) % 500 === 0) opts.onProgress(i + 1);
  }
  s.wallMs = performance.now() - t0;
  s.tensorDelta = tf.memory().numTensors - start;
  return s;
}
