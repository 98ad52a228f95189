// The files of an exported PyTorch project around the generated model.py:
// losses.py / augment.py (the node parts' definitions), distributed.py, data.py,
// train.py, parity.py and the README. Tensor-free text.
import type { Graph } from '../graph';
import type { ExportPlan } from './plan';
import { DISTRIBUTED_PY, PARITY_PY, TRAIN_PY, dataPy } from './python';
import type { PyDef } from './types';

const LOSS_HELPERS = String.raw`

def l2_normalize(x, eps=1e-12):
    """x * rsqrt(max(sum x^2, eps)): tf.math.l2_normalize / BYOL's helper, as in the studio
    (F.normalize clamps the norm instead; they differ only for near-zero vectors)."""
    return x * torch.rsqrt(torch.clamp((x * x).sum(-1, keepdim=True), min=eps))


# set while a latent compares starting codes: losses that can return per-sample values [B] do
PER_SAMPLE = False


def split_views(x, views):
    """[V*B, ...] view-major -> V tensors [B, D]."""
    return x.flatten(1).chunk(views, 0)
`;

const HEADER = {
  model: ['import copy', 'import math', '', 'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '', 'import augment', 'import losses', 'from distributed import all_reduce_sum, gather, gather_views, world_size', 'from losses import l2_normalize'],
  losses: ['import math', '', 'import torch', 'import torch.nn.functional as F', LOSS_HELPERS],
  augment: ['import math', '', 'import torch', 'import torch.nn.functional as F'],
};

const DOC = {
  model: 'The networks and the graph of the studio export, one nn.Module per network node; StudioGraph wires every node in the studio\'s order.',
  losses: 'The loss functions of the studio (engine/ops), with the official code each one follows.',
  augment: 'The augmentation nodes as batched torch ops, one parameter draw per row (each stacked view gets its own).',
};

export interface ProjectInput {
  graph: Graph;
  plan: ExportPlan;
  model: string;
  defs: PyDef[];
  dataset: { kind: 'image' | 'points'; name: string; factors: boolean };
  weights: boolean;
}

function pyFile(file: 'model' | 'losses' | 'augment', defs: PyDef[], tail = ''): string {
  const body = defs.filter((d) => d.file === file).map((d) => d.source.trim());
  return [`"""${DOC[file]}"""`, ...HEADER[file], '', ...body.flatMap((b) => ['', b, '']), tail, ''].join('\n').replace(/\n{4,}/g, '\n\n\n');
}

export function projectFiles(p: ProjectInput): Record<string, string> {
  const { graph, plan } = p;
  const t = graph.meta.train;
  const title = graph.meta.name;
  const readme = `# ${title} — exported from Latent Studio

A PyTorch project that computes what the studio computes for this graph: the same
networks (\`model.py\`, one \`nn.Module\` per network node, wired by \`StudioGraph\`), the
same losses (\`losses.py\`), augmentations (\`augment.py\`), optimizer phases, EMA / queue /
centring updates and schedules (\`train.py\`), on the same data (\`data.py\`).

## Run
\`\`\`bash
python train.py                                # one process (CPU, or the GPU when there is one)
torchrun --nproc_per_node=4 train.py           # DistributedDataParallel on 4 GPUs (nccl), or 4 CPU processes (gloo)
python train.py --steps 2000 --lr 3e-4         # override the studio's settings (${t.steps} steps, ${t.optimizer}, lr ${t.learningRate})
python parity.py                               # when exported with parity data: compare the first step with the studio's
\`\`\`
Needs Python 3.9+ with PyTorch ≥ 1.13 and NumPy (nothing else). \`train.py\` writes
\`checkpoints/model.pt\` (the state_dict) and \`checkpoints/weights.npz\` (the same tensors
as NumPy arrays): open the studio, choose **Import PyTorch weights…** and pick
\`weights.npz\` to see the latent space, collapse monitors and probe of the trained model.

## What is where
- \`model.py\` — ${plan.nodes.filter((n) => n.part.module).map((n) => `\`${n.py}\` (${n.label})`).join(', ')}.
- Optimizer phases: ${plan.phases.map((ph) => `\`${ph.name}\` (${ph.losses.map((l) => `${l.id}×${l.weight}`).join(' + ')}; trains ${ph.modules.join(', ') || 'nothing: updates only'}${ph.repeats > 1 ? `; ${ph.repeats} updates per step` : ''})`).join(', ')}.
- \`data/dataset.npz\` — the studio's ${p.dataset.name} (\`x_train\`, \`y_train\`, \`x_test\`, \`y_test\`${p.dataset.factors ? ', `f_train`, `f_test`' : ''}). Train on your own data with
  \`--data FILE.npz\` holding the same keys (${p.dataset.kind === 'image' ? 'uint8 images [N, H, W, C]' : 'float32 points [N, F]'}, integer labels).
- \`weights.npz\` — ${p.weights ? "the studio's weights when it was exported, loaded by default (`--init fresh` starts from a new initialisation instead)" : 'not exported: the networks start from the studio\'s initialisers with a new seed (export with weights to continue from the studio)'}.

## Distributed training
\`torchrun --nproc_per_node=N\` starts N processes; each reads 1/N of every batch
(\`DistributedSampler\`, the global batch stays ${'`'}${plan.dataNode.params.batchSize}${'`'}), gradients are averaged by
\`DistributedDataParallel\`, and everything that depends on the whole batch uses the
global batch, as the official implementations do: batch norm statistics are summed over
ranks (SyncBatchNorm, per view), contrastive and redundancy losses (SimCLR, VICReg,
Barlow Twins, SwAV) see every rank's embeddings through an all-gather that passes
gradients back, MoCo's queue takes the keys of every rank, DINO's centre the global mean.
N ranks therefore compute the same loss and update as one process on the combined batch.
\`--no-augment\` turns the augmentations off (how the export's tests compare N ranks with one).

## Augmentations
\`augment.py\` implements each augmentation node with plain torch ops instead of
\`torchvision.transforms.v2\`: Debian's torchvision (0.14) predates v2, and these draw
exactly the studio's parameters (crop boxes, angles, factors) per row and run batched on
the GPU.
`;
  const files: Record<string, string> = {
    'model.py': pyFile('model', p.defs, p.model),
    'losses.py': pyFile('losses', p.defs),
    'augment.py': pyFile('augment', p.defs),
    'distributed.py': DISTRIBUTED_PY,
    'data.py': dataPy(p.dataset.factors),
    'train.py': TRAIN_PY,
    'parity.py': PARITY_PY,
    'weight_map.json': `${JSON.stringify(plan.weightMap, null, 1)}\n`,
    'README.md': readme,
  };
  return files;
}
