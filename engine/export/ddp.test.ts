// torchrun really runs DDP: SimCLR and VICReg exported, trained for 3 steps on 64
// digits by 2 CPU processes (gloo) and by one process over the combined batch; the
// logged losses and the final weights agree to float tolerance, which needs the
// global all-gather (with gradient) in the losses and the synced batch norm.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import { torchPart } from '../../nodes/torch';
import { presetGraph } from '../presets';
import { writeExport } from '../runtime/export-files';
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

// torch 1.13's launcher parses its default --redirects / --tee "0" to None under Python 3.11
// (IntFlag iteration skips 0); "1" parses, and tee keeps rank 0's log on the console
const TORCHRUN_PY311 = ['--redirects', '1', '--tee', '1'];

const COMPARE = String.raw`
import json, sys, numpy as np
a, b = np.load("one/weights.npz"), np.load("two/weights.npz")
w = max(float(np.abs(a[k] - b[k]).max()) for k in a.files)
moved = max(float(np.abs(a[k] - np.load("weights.npz")[k]).max()) for k in a.files)
la = [json.loads(l) for l in open("one.jsonl")]
lb = [json.loads(l) for l in open("two.jsonl")]
loss = max(abs(x["losses"][k] - y["losses"][k]) for x, y in zip(la, lb) for k in x["losses"])
print(json.dumps({"weights": w, "moved": moved, "loss": loss, "steps": len(la), "final": la[-1]["losses"]}))
`;

for (const preset of ['simclr', 'vicreg']) {
  test(`${preset}: torchrun with 2 processes equals one process over the combined batch`, async () => {
    tf.env().set('PROD', true);
    const dir = mkdtempSync(path.join(tmpdir(), `ddp-${preset}-`));
    try {
      const g = presetGraph(preset)!;
      for (const n of g.nodes) if (n.params && 'batchSize' in n.params) n.params.batchSize = 16;
      const r = await writeExport(g, getSpec, torchPart, dir, { weights: true, force: true, rows: 64 });
      assert.ok(r.ok);
      // SGD: Adam divides by the gradient's own scale, so float noise in near-zero gradients
      // would move those weights by ±lr and hide what is compared
      const common = ['train.py', '--steps', '3', '--log-every', '1', '--no-augment', '--cpu', '--optimizer', 'sgd', '--lr', '0.05'];
      const env = { ...process.env, OMP_NUM_THREADS: '1' };
      // a bounded wait: a hang in the exported script (say at the process group's teardown) fails here, not CI
      const run = { cwd: dir, env, stdio: 'pipe', timeout: 240_000, killSignal: 'SIGTERM' } as const;
      execFileSync(PYTHON, [...common, '--out', 'one', '--log-json', 'one.jsonl'], run);
      execFileSync(PYTHON, ['-m', 'torch.distributed.run', '--standalone', '--nproc_per_node=2', ...TORCHRUN_PY311, ...common, '--out', 'two', '--log-json', 'two.jsonl'], run);
      const res = JSON.parse(execFileSync(PYTHON, ['-c', COMPARE], { cwd: dir, encoding: 'utf8' })) as { weights: number; moved: number; loss: number; steps: number; final: Record<string, number> };
      console.log(`${preset}: ${res.steps} logged steps, max loss difference ${res.loss.toExponential(2)}, max weight difference ${res.weights.toExponential(2)} (weights moved up to ${res.moved.toExponential(2)}), final ${JSON.stringify(res.final)}`);
      assert.equal(res.steps, 3);
      assert.ok(res.moved > 1e-4, 'training moved the weights');
      assert.ok(res.loss < 1e-4 * Math.max(1, Math.abs(res.final['total:main'])), `losses differ by ${res.loss}`);
      assert.ok(res.weights < 1e-5, `weights differ by ${res.weights}`);
      assert.ok(readFileSync(path.join(dir, 'two', 'model.pt')).length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
