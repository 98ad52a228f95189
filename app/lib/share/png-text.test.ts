import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { parseGraph } from '../../../engine/graph';
import { presetGraph } from '../../../engine/presets';
import { GRAPH_KEYWORD, addPngText, readChunks, readPngText } from './png-text';

// written by scripts/gen_png_fixture.py with Python's zlib, not by this code
const fixture = new Uint8Array(readFileSync(new URL('./fixtures/figure-with-graph.png', import.meta.url)));

test("reads tEXt and both iTXt forms from a PNG another tool wrote, and the graph in it parses", () => {
  const r = readPngText(fixture);
  assert.ok(r.ok);
  assert.equal(r.texts.get('Software'), 'gen_png_fixture.py (Python zlib)');
  assert.equal(r.texts.get('Comment'), 'uncompressed ✓');
  const g = parseGraph(r.texts.get(GRAPH_KEYWORD)!);
  assert.ok(g.ok);
  assert.equal(g.graph.meta.name, 'Figure — μ and σ');
  assert.deepEqual(g.graph.nodes.map((n) => n.id), ['data', 'encoder']);
  assert.equal(g.graph.meta.seed, 3);
});

test('a graph written into a PNG reads back deep-equal, the image still decodes (pngjs), and rewriting replaces the chunk', () => {
  const graph = presetGraph('byol')!;
  const withGraph = addPngText(fixture, GRAPH_KEYWORD, JSON.stringify(graph));
  const back = readPngText(withGraph);
  assert.ok(back.ok);
  const g = parseGraph(back.texts.get(GRAPH_KEYWORD)!);
  assert.ok(g.ok);
  assert.deepEqual(g.graph, graph);
  // other chunks kept, the new text before IEND, pixels unchanged
  assert.equal(back.texts.get('Software'), 'gen_png_fixture.py (Python zlib)');
  const types = (readChunks(withGraph) as { chunks: { type: string }[] }).chunks.map((c) => c.type);
  assert.equal(types.at(-1), 'IEND');
  assert.equal(types.filter((t) => t === 'iTXt').length, 2);
  const a = PNG.sync.read(Buffer.from(fixture));
  const b = PNG.sync.read(Buffer.from(withGraph));
  assert.equal(b.width, 4);
  assert.deepEqual(b.data, a.data);
  // a second write of the same keyword replaces the first
  const again = addPngText(withGraph, GRAPH_KEYWORD, '{"x":1}');
  assert.equal((readChunks(again) as { chunks: { type: string }[] }).chunks.filter((c) => c.type === 'iTXt').length, 2);
  assert.equal((readPngText(again) as { texts: Map<string, string> }).texts.get(GRAPH_KEYWORD), '{"x":1}');
});

test('a PNG written by pngjs gets a graph too', () => {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(128);
  const bytes = new Uint8Array(PNG.sync.write(png));
  const out = addPngText(bytes, GRAPH_KEYWORD, '{"ünïcode":"✓"}');
  assert.equal((readPngText(out) as { texts: Map<string, string> }).texts.get(GRAPH_KEYWORD), '{"ünïcode":"✓"}');
  assert.equal(PNG.sync.read(Buffer.from(out)).width, 2);
});

test('not a PNG, cut short or a damaged chunk: a message, never a throw', () => {
  assert.match((readPngText(new TextEncoder().encode('{"version":2}')) as { error: string }).error, /not a PNG/);
  assert.match((readPngText(fixture.subarray(0, fixture.length - 20)) as { error: string }).error, /cut short/);
  const bad = fixture.slice();
  bad[40] ^= 0xff; // inside the first text chunk
  assert.match((readPngText(bad) as { error: string }).error, /CRC mismatch/);
});
