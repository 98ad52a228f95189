"""PyTorch side of `npm run bench:matmul`: times one matrix product per request.
Reads JSON lines {"m": M, "k": K, "n": N, "reps": R} on stdin and answers
{"ms": ms_per_product, "blas": "..."}; one thread (torch and OpenBLAS both)."""
import ctypes
import json
import sys
import time

import torch

torch.set_num_threads(1)
with open("/proc/self/maps") as f:
    libs = sorted({line.split()[-1] for line in f if "blas" in line and "/" in line})
openblas = [p for p in libs if "libopenblas" in p]
if openblas:
    lib = ctypes.CDLL(openblas[0])
    lib.openblas_set_num_threads(1)
    lib.openblas_get_config.restype = ctypes.c_char_p
    BLAS = lib.openblas_get_config().decode()
else:
    BLAS = "reference BLAS (" + ", ".join(libs) + ")"

for line in sys.stdin:
    r = json.loads(line)
    a = torch.randn(r["m"], r["k"])
    b = torch.randn(r["k"], r["n"])
    a @ b
    t = time.perf_counter()
    for _ in range(r["reps"]):
        a @ b
    print(json.dumps({"ms": (time.perf_counter() - t) * 1000 / r["reps"], "blas": BLAS}), flush=True)
