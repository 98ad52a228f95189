#!/usr/bin/env python3
"""Writes app/lib/share/fixtures/figure-with-graph.png with Python's zlib, not
the studio's code, so the PNG text-chunk reader is tested against a file
another tool wrote: a 4x3 RGB image with a tEXt chunk (Software), a
compressed iTXt chunk holding a small graph JSON (keyword latent-studio-graph,
non-ASCII text) and an uncompressed iTXt. Run: /usr/bin/python3 scripts/gen_png_fixture.py
"""
import json
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'app', 'lib', 'share', 'fixtures', 'figure-with-graph.png')

GRAPH = {
    'version': 1,
    'nodes': [
        {'id': 'data', 'type': 'data.mnist', 'typeVersion': 1, 'params': {'batchSize': 32}, 'position': {'x': 0, 'y': 0}},
        {'id': 'encoder', 'type': 'net.encoder', 'typeVersion': 1, 'params': {'latent': 16}, 'position': {'x': 280, 'y': 0}},
    ],
    'edges': [{'id': 'e-encoder-in', 'from': {'node': 'data', 'port': 'image'}, 'to': {'node': 'encoder', 'port': 'in'}}],
    'meta': {'name': 'Figure — μ and σ', 'seed': 3},
}


def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    w, h = 4, 3
    # each scanline: filter byte 0, then R, G, B per pixel
    raw = b''.join(b'\x00' + bytes(v for x in range(w) for v in (x * 60, y * 80, 200)) for y in range(h))
    png = b'\x89PNG\r\n\x1a\n'
    png += chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
    png += chunk(b'tEXt', b'Software\x00gen_png_fixture.py (Python zlib)')
    text = json.dumps(GRAPH, ensure_ascii=False).encode('utf-8')
    png += chunk(b'iTXt', b'latent-studio-graph\x00\x01\x00\x00\x00' + zlib.compress(text, 9))
    png += chunk(b'iTXt', b'Comment\x00\x00\x00en\x00Kommentar\x00' + 'uncompressed ✓'.encode('utf-8'))
    png += chunk(b'IDAT', zlib.compress(raw, 9))
    png += chunk(b'IEND', b'')
    with open(OUT, 'wb') as f:
        f.write(png)
    print(f'wrote {os.path.relpath(OUT)} ({len(png)} bytes)')


if __name__ == '__main__':
    main()
