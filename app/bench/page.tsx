'use client';
// /bench: training speed of a preset on each backend of this browser, measured
// in the same worker the studio uses. steps/s comes from the metrics stream
// after a warm-up, so compile time and the first snapshots do not count.
// Query: ?preset=ae&steps=30&backends=webgpu,wasm,cpu&batch=256&auto=1
// `wasm@2` asks for wasm with 2 threads, in a fresh worker (the count is fixed once wasm
// starts); threads above 1 need the page cross-origin isolated (next.config.mjs).
import { useEffect, useRef, useState } from 'react';
import type { Graph } from '../../engine/graph';
import { PRESETS, presetGraph } from '../../engine/presets';
import { TrainerClient } from '../lib/trainer-client';
import type { BackendChoice, TrainEvent } from '../../workers/protocol';

interface Result {
  requested: string;
  backend: string;
  stepsPerSec: number | null;
  msPerStep: number | null;
  state: string;
  error?: string;
}

const WARMUP = 5;

function benchGraph(preset: string, steps: number, batch: number | null): Graph | null {
  const g = presetGraph(preset);
  if (!g) return null;
  for (const n of g.nodes) if (batch && typeof n.params.batchSize === 'number') n.params.batchSize = batch;
  g.meta.train = { ...g.meta.train, steps, logEvery: 1, imageEvery: 100_000, latentEvery: 100_000, evalEvery: 0, evalAtEnd: false };
  return g;
}

export default function BenchPage() {
  const [results, setResults] = useState<Result[]>([]);
  const [running, setRunning] = useState(false);
  const [config, setConfig] = useState({ preset: 'ae', steps: 30, backends: ['webgpu', 'wasm', 'cpu'], batch: null as number | null });
  const client = useRef<TrainerClient | null>(null);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    const c = {
      preset: q.get('preset') ?? 'ae',
      steps: Math.max(WARMUP + 3, Number(q.get('steps') ?? 30)),
      backends: (q.get('backends') ?? 'webgpu,wasm,cpu').split(','),
      batch: q.get('batch') ? Number(q.get('batch')) : null,
    };
    setConfig(c);
    // run once on load when asked (the bench script does): the config comes from the URL
    if (q.get("auto") === "1") void run(c);
  }, []);

  async function run(c = config) {
    setRunning(true);
    setResults([]);
    for (const entry of c.backends) {
      const [b, t] = entry.split('@');
      const threads = t ? Number(t) : undefined;
      if (threads || !client.current) {
        client.current?.dispose();
        client.current = new TrainerClient();
      }
      const g = benchGraph(c.preset, c.steps, c.batch);
      if (!g) break;
      const marks: Array<[number, number]> = [];
      let backend = '?';
      let ranThreads: number | undefined;
      let state = 'failed';
      let error: string | undefined;
      await client.current.train(g, { backend: b as BackendChoice, ...(threads ? { wasmThreads: threads } : {}) }, (e: TrainEvent) => {
        if (e.type === 'backend') {
          backend = e.backend;
          ranThreads = e.threads;
        }
        if (e.type === 'metrics') marks.push([e.step, e.wallMs]);
        if (e.type === 'done') {
          state = e.state;
          error = e.error;
        }
      });
      const from = marks.find(([s]) => s >= WARMUP);
      const to = marks.at(-1);
      const rate = from && to && to[0] > from[0] ? (to[0] - from[0]) / ((to[1] - from[1]) / 1000) : null;
      setResults((r) => [...r, { requested: entry, backend: ranThreads ? `${backend} ×${ranThreads}` : backend, stepsPerSec: rate, msPerStep: rate ? 1000 / rate : null, state, error }]);
    }
    setRunning(false);
  }

  return (
    <main style={{ padding: 24, fontFamily: 'system-ui, sans-serif', color: 'var(--text)', background: 'var(--bg)', minHeight: '100vh' }}>
      <h1>Backend benchmark</h1>
      <p>
        Trains the <b>{PRESETS.find((p) => p.name === config.preset)?.title ?? config.preset}</b> preset for {config.steps} steps on each backend
        {config.batch ? ` (batch ${config.batch})` : ''}; steps/s is measured after {WARMUP} warm-up steps.
      </p>
      <button type="button" onClick={() => void run()} disabled={running}>
        {running ? 'Running…' : 'Run'}
      </button>
      <table data-testid="bench-results" data-done={!running && results.length === config.backends.length ? 'true' : 'false'} style={{ marginTop: 16, borderCollapse: 'collapse' }}>
        <thead>
          <tr>
            <th align="left">requested</th>
            <th align="left">ran on</th>
            <th align="right">steps/s</th>
            <th align="right">ms/step</th>
            <th align="left">state</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.requested} data-backend={r.backend} data-steps-per-sec={r.stepsPerSec ?? ''}>
              <td>{r.requested}</td>
              <td>{r.backend}</td>
              <td align="right">{r.stepsPerSec?.toFixed(2) ?? '–'}</td>
              <td align="right">{r.msPerStep?.toFixed(1) ?? '–'}</td>
              <td>
                {r.state}
                {r.error ? `: ${r.error}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
