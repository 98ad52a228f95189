"""Reads public/data/mnist.bin (the studio's fixed 8,000 / 2,000 split) for the
PyTorch reference runs of bench/RESULTS.md. Pixels in 0..1."""
import os
import struct

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")


def load():
    raw = open(os.path.join(ROOT, "public", "data", "mnist.bin"), "rb").read()
    magic, _version, n, h, w, n_train = struct.unpack("<4sIIIII", raw[:24])
    assert magic == b"LSMN"
    pix = np.frombuffer(raw, np.uint8, n * h * w, 24).reshape(n, h * w).astype(np.float32) / 255.0
    labels = np.frombuffer(raw, np.uint8, n, 24 + n * h * w).astype(np.int64)
    return (pix[:n_train], labels[:n_train]), (pix[n_train:], labels[n_train:])
