// Every preset, exported to PyTorch, computes the studio's first training step:
// the same loss (1e-4) and parameter gradients (1e-3, relative to the gradient's
// scale when it exceeds 1) on the same batch, weights and random draws (batches of
// 32 rows). Runs the
// exported parity.py of every project in one /usr/bin/python3 process.
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { getSpec } from '../../nodes/registry';
import { torchPart } from '../../nodes/torch';
import { imagesFromArrays, readNpz } from '../data/npz';
import { contentHash, metaOf, refOf } from '../data/store';
import { medmnistNpz } from '../data/testing/fixtures';
import { withDataset } from '../data/with-dataset';
import type { Graph } from '../graph';
import { PRESETS, presetGraph } from '../presets';
import { writeExport } from '../runtime/export-files';

const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';

/** A CNN autoencoder: the conv / deconv layouts and TF 'same' padding. */
function cnnGraph(): Graph {
  const g = structuredClone(presetGraph('ae')!);
  g.meta.name = 'CNN autoencoder';
  for (const n of g.nodes) {
    if (n.id === 'encoder') n.params = { ...n.params, arch: 'cnn', channels: [4, 6], hidden: [32], latent: 8 };
    if (n.id === 'decoder') n.params = { ...n.params, arch: 'cnn', channels: [6, 4], kernel: 3, hidden: [32] };
  }
  return g;
}

/**
 * Three-channel images (an imported RGB set): SimCLR with colour jitter after the
 * crop (saturation and hue only mean something on RGB) and the CNN autoencoder.
 */
async function rgbGraphs(): Promise<{ graphs: Array<[string, Graph]>; readStored: () => Promise<ReturnType<typeof imagesFromArrays>> }> {
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 64, test: 16, classes: 4, channels: 3 }), 'rgb.npz'), 'rgb.npz');
  const ref = refOf(metaOf(set, await contentHash(set), 'rgb', 'rgb.npz'));
  const simclr = withDataset(presetGraph('simclr')!, ref).graph;
  simclr.nodes.push({ id: 'jitter', type: 'augment.colour-jitter', typeVersion: 1, params: { brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1, p: 0.8 }, position: { x: 0, y: 0 } });
  const toEncoder = simclr.edges.find((e) => e.to.node === 'encoder')!;
  simclr.edges.push({ id: 'jitter-in', from: toEncoder.from, to: { node: 'jitter', port: 'in' } });
  toEncoder.from = { node: 'jitter', port: 'out' };
  const cnn = withDataset(cnnGraph(), ref).graph;
  return { graphs: [['rgb-simclr', simclr], ['rgb-cnn-ae', cnn]], readStored: async () => set };
}

const RUNNER = String.raw`
import importlib, json, os, sys
for d in sys.argv[1:]:
    os.chdir(d)
    sys.path.insert(0, d)
    for m in ["model", "losses", "augment", "distributed", "parity"]:
        sys.modules.pop(m, None)
    import io, contextlib
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        importlib.import_module("parity").main()
    sys.path.remove(d)
    print(json.dumps({"dir": d, "report": json.loads(buf.getvalue())}), flush=True)
`;

test('every preset exported to PyTorch matches the studio on the first step', async () => {
  tf.env().set('PROD', true);
  const root = mkdtempSync(path.join(tmpdir(), 'parity-'));
  const rgb = await rgbGraphs();
  const graphs: Array<[string, Graph]> = [...PRESETS.map((p) => [p.name, presetGraph(p.name)!] as [string, Graph]), ['cnn-ae', cnnGraph()], ...rgb.graphs];
  // batches of 32 rows keep the studio's side (tfjs cpu) to seconds; the comparison does not depend on the size
  for (const [, g] of graphs) for (const n of g.nodes) if (n.params && 'batchSize' in n.params) n.params.batchSize = 32;
  try {
    for (const [name, g] of graphs) {
      const r = await writeExport(g, getSpec, torchPart, path.join(root, name), { weights: true, force: false, parity: true, readStored: rgb.readStored });
      assert.ok(r.ok, `${name}: ${JSON.stringify(r)}`);
    }
    const out = execFileSync(PYTHON, ['-c', RUNNER, ...graphs.map(([n]) => path.join(root, n))], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const rows: string[] = [];
    for (const line of out.trim().split('\n')) {
      const { dir, report } = JSON.parse(line) as { dir: string; report: Array<{ phase: string; loss: number; studio: number; lossDiff: number; worstGrad: { key: string | null; abs: number; rel: number }; checked: number }> };
      const name = path.basename(dir);
      for (const r of report) {
        rows.push(`${name} ${r.phase}: loss ${r.studio.toFixed(5)} Δ ${r.lossDiff.toExponential(2)}, worst grad Δ ${r.worstGrad.abs.toExponential(2)} (rel ${r.worstGrad.rel.toExponential(2)}, ${r.worstGrad.key}, ${r.checked} tensors)`);
        assert.ok(r.lossDiff <= 1e-4 * Math.max(1, Math.abs(r.studio)), `${name} ${r.phase}: loss ${r.loss} vs studio ${r.studio}`);
        assert.ok(r.worstGrad.rel <= 1e-3, `${name} ${r.phase}: gradient of ${r.worstGrad.key} differs by ${r.worstGrad.abs}`);
      }
      const g = graphs.find(([n]) => n === name)![1];
      const trains = g.nodes.some((n) => ['net.encoder', 'net.decoder', 'net.dictionary', 'net.projector'].includes(n.type));
      if (trains) assert.ok(report.every((r) => r.checked > 0 || r.phase === 'discriminator'), `${name}: no gradient compared`);
    }
    assert.equal(rows.length >= graphs.length, true);
    for (const [name] of rgb.graphs) assert.ok(rows.some((r) => r.startsWith(`${name} `)), `${name}: no parity report`);
    console.log(rows.join('\n'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
