"""PyTorch side of `npm run bench:step`: times the training step of exported studio
projects (engine/export: the same graph, losses, augmentations and Adam settings).
Reads one JSON request per line on stdin, answers one JSON line per request:
  {"dir": D, "aug": true, "threads": 1, "steps": 20, "warm": 3} -> {"ms": ms_per_step}
A step is what the exported train.py does per batch: gather a batch, mirrors,
forward, backward, optimizer step, after-step updates.

BLAS: Debian's torch calls whatever libblas.so.3 the system points at (its
`BLAS_INFO=generic`). With only libblas3 that is the reference BLAS, tens of
times slower than an optimised one; `apt-get install libopenblas0-pthread` makes
it OpenBLAS. OpenBLAS keeps its own thread pool, which torch.set_num_threads
does not reach, so its count is set here too, per request."""
import ctypes
import importlib
import json
import sys
import time

import numpy as np
import torch

def blas_library():
    """The BLAS this process actually loaded (torch's build config cannot say)."""
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line and "/" in line}
    openblas = sorted(p for p in paths if "libopenblas" in p)
    if openblas:
        lib = ctypes.CDLL(openblas[0])
        lib.openblas_get_config.restype = ctypes.c_char_p
        return lib, lib.openblas_get_config().decode()
    return None, "reference BLAS (" + ", ".join(sorted(paths)) + ")"


OPENBLAS, BLAS = blas_library()
LOCAL = ("model", "augment", "losses", "distributed", "data")
projects = {}


def load(folder):
    if folder in projects:
        return projects[folder]
    for name in LOCAL:
        sys.modules.pop(name, None)
    sys.path.insert(0, folder)
    try:
        mod = importlib.import_module("model")
    finally:
        sys.path.remove(folder)
    torch.manual_seed(0)
    model = mod.StudioGraph()
    model.train()
    optimizers = {ph["name"]: torch.optim.Adam(model.phase_parameters(ph), lr=mod.SETTINGS["learningRate"], betas=(mod.SETTINGS["beta1"], 0.999), eps=1e-8) for ph in mod.PHASES}
    d = np.load(f"{folder}/data/dataset.npz")
    x = torch.from_numpy(np.ascontiguousarray(d["x_train"]))
    y = torch.from_numpy(d["y_train"].astype(np.int64))
    projects[folder] = (mod, model, optimizers, x, y, mod.SETTINGS["batchSize"])
    return projects[folder]


def step(p, i, total):
    mod, model, optimizers, x, y, bs = p
    idx = torch.randint(0, len(y), (bs,))
    batch = {"x": x[idx], "labels": y[idx]}
    model.update_mirrors("before-step", i, total)
    for ph in mod.PHASES:
        params = model.phase_parameters(ph)
        for _ in range(ph["repeats"]):
            terms = model(batch, i, total)
            total_loss = sum(w * terms[k] for k, w in ph["losses"])
            model.zero_grad(set_to_none=True)
            total_loss.backward()
            optimizers[ph["name"]].step()
    model.update_mirrors("after-step", i, total)
    model.run_after_step()


for line in sys.stdin:
    req = json.loads(line)
    p = load(req["dir"])
    torch.set_num_threads(req["threads"])
    if OPENBLAS:
        OPENBLAS.openblas_set_num_threads(req["threads"])
    p[1].augment = req["aug"]
    n, warm = req["steps"], req.get("warm", 2)
    for i in range(warm):
        step(p, i + 1, warm + n)
    t0 = time.perf_counter()
    c0 = time.process_time()
    for i in range(n):
        step(p, warm + i + 1, warm + n)
    ms = (time.perf_counter() - t0) * 1000 / n
    # CPU time of every thread of this process: on a machine shared with other jobs it
    # moves less than wall time (at one thread it is the step's own compute)
    cpu_ms = (time.process_time() - c0) * 1000 / n
    print(json.dumps({"ms": ms, "cpu_ms": cpu_ms, "threads": torch.get_num_threads(), "blas": BLAS}), flush=True)
