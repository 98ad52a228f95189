// The graph-independent Python files of an exported project: distributed
// helpers, the data loader, the training loop and the parity check.

export const DISTRIBUTED_PY = String.raw`"""torchrun / DistributedDataParallel helpers. With one process every function is the identity."""
import os

import torch
import torch.distributed as dist


def world_size():
    return dist.get_world_size() if dist.is_available() and dist.is_initialized() else 1


def rank():
    return dist.get_rank() if world_size() > 1 else 0


def setup(cpu=False):
    """Joins the process group torchrun describes (nccl on GPUs, gloo on CPU); returns the device."""
    cuda = torch.cuda.is_available() and not cpu
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not dist.is_initialized():
        dist.init_process_group("nccl" if cuda else "gloo")
    if cuda:
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", "0")))
        torch.cuda.set_device(device)
        return device
    return torch.device("cpu")


class _Gather(torch.autograd.Function):
    """all_gather whose backward sums every rank's gradient for the local slice, so a
    loss computed on the gathered batch trains each rank's own samples."""

    @staticmethod
    def forward(ctx, x):
        out = [torch.empty_like(x) for _ in range(dist.get_world_size())]
        dist.all_gather(out, x.contiguous())
        return torch.stack(out)

    @staticmethod
    def backward(ctx, g):
        g = g.contiguous().clone()
        dist.all_reduce(g)
        return g[dist.get_rank()]


class _AllReduceSum(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        y = x.contiguous().clone()
        dist.all_reduce(y)
        return y

    @staticmethod
    def backward(ctx, g):
        g = g.contiguous().clone()
        dist.all_reduce(g)
        return g


def gather(x):
    """[n, ...] on each rank -> [world * n, ...], rank-major, with gradient."""
    return x if world_size() == 1 else _Gather.apply(x).flatten(0, 1)


def gather_views(x, views):
    """Stacked views [V*n, ...] on each rank -> the global batch [V*world*n, ...], still view-major."""
    if world_size() == 1:
        return x
    g = _Gather.apply(x.reshape(views, -1, *x.shape[1:]))  # [W, V, n, ...]
    return g.transpose(0, 1).reshape(-1, *x.shape[1:])


def all_reduce_sum(x):
    """Sum over ranks, with gradient (batch statistics of the global batch)."""
    return x if world_size() == 1 else _AllReduceSum.apply(x)
`;

export function dataPy(factors: boolean): string {
  return String.raw`"""The dataset as exported from the studio (data/dataset.npz), or any npz with the same keys:
x_train / x_test (uint8 images [N, H, W, C] or float32 points [N, F]), y_train / y_test (labels)."""
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset, DistributedSampler


class NpzDataset(Dataset):
    def __init__(self, path, split="train"):
        d = np.load(path)
        self.x = torch.from_numpy(np.ascontiguousarray(d[f"x_{split}"]))
        self.y = torch.from_numpy(d[f"y_{split}"].astype(np.int64))
        self.f = torch.from_numpy(d[f"f_{split}"]) if ${factors ? 'True' : 'False'} and f"f_{split}" in d else None

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        item = {"x": self.x[i], "labels": self.y[i]}
        if self.f is not None:
            item["factors"] = self.f[i]
        return item


def loader(path, batch_size, seed, world=1, rank=0, split="train"):
    """Each rank reads batch_size / world rows of every global batch; shuffled with the
    seed, so one process and N processes see the same global batches."""
    if batch_size % world:
        raise SystemExit(f"the batch size {batch_size} does not divide over {world} processes")
    ds = NpzDataset(path, split)
    sampler = DistributedSampler(ds, num_replicas=world, rank=rank, shuffle=True, seed=seed, drop_last=True)
    return DataLoader(ds, batch_size=batch_size // world, sampler=sampler, drop_last=True), sampler
`;
}

export const TRAIN_PY = String.raw`"""Trains the exported graph: python train.py, or torchrun --nproc_per_node=N train.py."""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
from torch.nn.parallel import DistributedDataParallel

import data
from distributed import all_reduce_sum, rank, setup, world_size
from model import PHASES, SETTINGS, StudioGraph


def load_weights(model, path):
    state = {k: torch.from_numpy(v) for k, v in np.load(path).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    if unexpected:
        raise SystemExit(f"{path}: unknown tensors {unexpected[:5]}")
    return missing


def save_weights(model, folder):
    os.makedirs(folder, exist_ok=True)
    state = model.state_dict()
    torch.save(state, os.path.join(folder, "model.pt"))
    np.savez(os.path.join(folder, "weights.npz"), **{k: v.detach().cpu().numpy() for k, v in state.items()})


def make_optimizer(params, lr, kind):
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=0.9)
    return torch.optim.Adam(params, lr=lr, betas=(SETTINGS["beta1"], 0.999), eps=1e-8)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--steps", type=int, default=SETTINGS["steps"])
    ap.add_argument("--lr", type=float, default=SETTINGS["learningRate"])
    ap.add_argument("--seed", type=int, default=SETTINGS["seed"])
    ap.add_argument("--optimizer", choices=["adam", "sgd"], default=SETTINGS["optimizer"], help="sgd: momentum 0.9, as the studio's")
    ap.add_argument("--data", default="data/dataset.npz")
    ap.add_argument("--init", choices=["studio", "fresh"], default="studio", help="studio: start from weights.npz when present")
    ap.add_argument("--out", default="checkpoints")
    ap.add_argument("--log-every", type=int, default=SETTINGS["logEvery"])
    ap.add_argument("--log-json", help="also write every logged step as a JSON line to this file (rank 0)")
    ap.add_argument("--no-augment", action="store_true", help="identity augmentations (to compare N processes with one)")
    ap.add_argument("--cpu", action="store_true")
    args = ap.parse_args()

    device = setup(args.cpu)
    if device.type == "cuda":
        if hasattr(torch, "set_default_device"):
            torch.set_default_device(device)
        else:
            torch.set_default_tensor_type(torch.cuda.FloatTensor)
    torch.manual_seed(args.seed)  # the same initialisation on every rank
    model = StudioGraph().to(device)
    if args.init == "studio" and os.path.exists("weights.npz"):
        load_weights(model, "weights.npz")
    model.augment = not args.no_augment
    model.train()
    torch.manual_seed(args.seed + 1000 * rank())  # each rank draws its own augmentations
    trainable = any(p.requires_grad for p in model.parameters())
    # buffers (batch-norm statistics, queues, centres) stay equal on every rank: each is
    # updated from global statistics, so DDP need not broadcast them
    net = DistributedDataParallel(model, find_unused_parameters=len(PHASES) > 1, broadcast_buffers=False) if world_size() > 1 and trainable else model
    optimizers = {ph["name"]: make_optimizer(model.phase_parameters(ph), args.lr, args.optimizer) for ph in PHASES}
    batches, sampler = data.loader(args.data, SETTINGS_BATCH, args.seed, world_size(), rank())
    log = open(args.log_json, "w") if args.log_json and rank() == 0 else None

    step, epoch, t0 = 0, 0, time.time()
    while step < args.steps:
        sampler.set_epoch(epoch)
        epoch += 1
        for batch in batches:
            if step >= args.steps:
                break
            step += 1
            batch = {k: v.to(device) for k, v in batch.items()}
            model.update_mirrors("before-step", step, args.steps)
            logged = {}
            for ph in PHASES:
                params = model.phase_parameters(ph)
                for _ in range(ph["repeats"]):
                    if params:
                        terms = net(batch, step, args.steps)
                        total = sum(w * terms[i] for i, w in ph["losses"])
                        model.zero_grad(set_to_none=True)
                        total.backward()
                        optimizers[ph["name"]].step()
                    else:
                        with torch.no_grad():  # nothing to differentiate (clustering by EM): the pass runs for its updates
                            terms = model(batch, step, args.steps)
                            total = sum(w * terms[i] for i, w in ph["losses"])
                logged.update({k: v for k, v in terms.items() if k.split("/")[0] in {i for i, _ in ph["losses"]}})
                logged["total:" + ph["name"]] = total
            model.update_mirrors("after-step", step, args.steps)
            model.run_after_step()
            if step % args.log_every == 0 or step == 1 or step == args.steps:
                keys = list(logged)
                vals = all_reduce_sum(torch.stack([logged[k].detach().float().reshape(()) for k in keys])) / world_size()
                vals = vals.tolist()
                if not all(math.isfinite(x) for x in vals):
                    raise SystemExit(f"step {step}: a loss became {vals}; lower the learning rate")
                if rank() == 0:
                    line = {"step": step, "losses": dict(zip(keys, vals)), "seconds": round(time.time() - t0, 3)}
                    print(json.dumps(line), flush=True)
                    if log:
                        log.write(json.dumps(line) + "\n")
    if rank() == 0:
        save_weights(model, args.out)
        print(f"saved {args.out}/model.pt and {args.out}/weights.npz after {step} steps")
    if world_size() > 1:
        # Leave the group in this order: a gloo worker thread may still be freeing the last
        # collective's tensors, which needs the GIL; a barrier lets it (its wait releases the
        # GIL), and dropping DDP before the group keeps its reducer from tearing the group
        # down later, at exit, joining that thread while holding the GIL (a deadlock seen
        # with torch 1.13).
        torch.distributed.barrier()
        del net
        torch.distributed.destroy_process_group()


SETTINGS_BATCH = SETTINGS["batchSize"]

if __name__ == "__main__":
    main()
`;

export const PARITY_PY = String.raw`"""Compares this project with the studio on one training step: parity.npz holds the
studio's batch, its random draws (augmented views, noise, seeds), and each optimizer
phase's loss and gradients at the exported weights (weights.npz). Prints JSON."""
import json
import sys

import numpy as np
import torch

from model import PHASES, StudioGraph


def main(path="parity.npz"):
    torch.manual_seed(0)
    model = StudioGraph()
    state = {k: torch.from_numpy(v) for k, v in np.load("weights.npz").items()}
    model.load_state_dict(state, strict=False)
    model.train()
    model.strict = True
    ref = np.load(path)
    t = lambda k: torch.from_numpy(np.ascontiguousarray(ref[k]))
    batch = {k[6:]: t(k) for k in ref.files if k.startswith("batch/")}
    total_steps = int(ref["meta/total_steps"])
    model.update_mirrors("before-step", 1, total_steps)
    report = []
    for pi, ph in enumerate(PHASES):
        model.fixed = {k.split("/", 2)[2]: t(k) for k in ref.files if k.startswith(f"draw/{pi}/")}
        terms = model(batch, 1, total_steps)
        total = sum(w * terms[i] for i, w in ph["losses"])
        named = [(f"{m}.{n}", p) for m in ph["modules"] for n, p in getattr(model, m).named_parameters() if p.requires_grad]
        grads = torch.autograd.grad(total, [p for _, p in named], allow_unused=True) if named and total.requires_grad else [None] * len(named)
        studio = float(ref[f"loss/{pi}"])
        worst = {"key": None, "abs": 0.0, "rel": 0.0}
        checked = 0
        for (key, p), g in zip(named, grads):
            if f"grad/{pi}/{key}" not in ref.files:
                continue
            s = t(f"grad/{pi}/{key}")
            g = torch.zeros_like(p) if g is None else g
            diff = float((g - s).abs().max())
            rel = diff / max(1.0, float(s.abs().max()))
            checked += 1
            if rel >= worst["rel"]:
                worst = {"key": key, "abs": diff, "rel": rel}
        model.pending = []
        report.append({"phase": ph["name"], "loss": float(total), "studio": studio, "lossDiff": abs(float(total) - studio), "worstGrad": worst, "checked": checked})
    print(json.dumps(report))


if __name__ == "__main__":
    main(*sys.argv[1:])
`;
