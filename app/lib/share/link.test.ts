import assert from 'node:assert/strict';
import { test } from 'node:test';
import { strToU8, zlibSync } from 'fflate';
import { GRAPH_VERSION, type Graph } from '../../../engine/graph';
import { PRESETS, presetGraph } from '../../../engine/presets';
import { adler32 } from './checksum';
import { LINK_VERSION, MAX_LINK_CHARS, decodeShare, encodeShare, shareParam, shareUrl, type SharePayload } from './link';

const toLink = (obj: unknown) => {
  const bytes = zlibSync(strToU8(JSON.stringify(obj)));
  return Buffer.from(bytes).toString('base64url');
};
const payload = (graph: Graph): SharePayload => ({ graph, views: { hidden: ['energy'], projection: 'umap' }, backend: 'wasm' });

test('every preset round-trips through a link: the graph deep-equal (ids, params, positions), views and backend kept', () => {
  for (const p of PRESETS) {
    const g = presetGraph(p.name)!;
    g.meta.seed = 7;
    g.meta.train.learningRate = 3e-4;
    g.meta.classroom.hideCategories = ['loss'];
    g.meta.paramLocks = [{ node: g.nodes[0].id, param: 'batchSize' }];
    const { url, tooLarge } = shareUrl('https://example.org/studio/#old', payload(g));
    assert.equal(tooLarge, false, `${p.name} fits a link`);
    assert.ok(url.startsWith('https://example.org/studio/#share='));
    const d = decodeShare(shareParam(new URL(url).hash)!);
    assert.ok(d.ok, p.name);
    assert.deepEqual(d.payload.graph, g);
    assert.deepEqual(d.payload.views, { hidden: ['energy'], projection: 'umap' });
    assert.equal(d.payload.backend, 'wasm');
  }
});

test('a link carrying a version-1 graph opens migrated to the current graph version', () => {
  const v1 = { version: 1, nodes: [{ id: 'data', type: 'data.mnist', typeVersion: 1, params: {}, position: { x: 3, y: 4 } }], edges: [], meta: { name: 'Old', seed: 5, locks: ['data'] } };
  const d = decodeShare(toLink({ v: LINK_VERSION, graph: v1 }));
  assert.ok(d.ok);
  assert.equal(d.payload.graph.version, GRAPH_VERSION);
  assert.equal(d.payload.graph.meta.seed, 5);
  assert.deepEqual(d.payload.graph.meta.locks, ['data']);
  assert.deepEqual(d.payload.graph.meta.paramLocks, []);
  assert.equal(d.payload.graph.meta.tour, null);
  assert.deepEqual(d.payload.views, { hidden: [], projection: 'pca' });
});

test('truncated, tampered and foreign hashes give a clear message and never throw', () => {
  const good = encodeShare(payload(presetGraph('simsiam')!)).slice('share='.length);
  const cases: [string, RegExp][] = [
    ['', /no graph/],
    [good.slice(0, Math.floor(good.length / 2)), /cut short|does not decompress|checksum/],
    [good.slice(0, -3), /cut short|does not decompress|checksum/],
    ['%%%not*base64', /characters a share link never has/],
    [toLink([1, 2, 3]), /not a share link/],
    [toLink({ v: LINK_VERSION, graph: {}, extra: 1 }), /extra|Unrecognized/i],
  ];
  // one changed character anywhere in the middle is caught (inflate error or checksum)
  for (const at of [20, Math.floor(good.length / 2), good.length - 8]) {
    const c = good[at] === 'A' ? 'B' : 'A';
    cases.push([good.slice(0, at) + c + good.slice(at + 1), /does not decompress|checksum|cut short|JSON/]);
  }
  for (const [param, why] of cases) {
    const d = decodeShare(param);
    assert.equal(d.ok, false, param.slice(0, 30));
    if (d.ok) continue;
    assert.match(d.title, /Your own graph is unchanged/);
    assert.match(d.lines.join(' '), why);
  }
});

test('a newer link version and an invalid graph are named as such', () => {
  const newer = decodeShare(toLink({ v: LINK_VERSION + 1, graph: {} }));
  assert.ok(!newer.ok && /newer Latent Studio/.test(newer.title));
  const bad = decodeShare(toLink({ v: LINK_VERSION, graph: { version: GRAPH_VERSION, nodes: [{ id: '__proto__' }], edges: [] } }));
  assert.ok(!bad.ok && /graph in this share link is not valid/.test(bad.title));
  assert.ok(bad.lines.length > 0);
});

test('a decompression bomb is refused before it fills memory', () => {
  const bomb = Buffer.from(zlibSync(strToU8(`{"v":1,"graph":"${' '.repeat(6 * 1024 * 1024)}"}`), { level: 9 })).toString('base64url');
  assert.ok(bomb.length < MAX_LINK_CHARS * 2);
  const d = decodeShare(bomb);
  assert.ok(!d.ok && /more than 4 MB/.test(d.lines[0]));
});

test('a graph too large for a link says so', () => {
  const g = presetGraph('vicreg')!;
  // notes of random words do not compress away
  let seed = 1;
  const word = () => ((seed = (seed * 16807) % 2147483647) % 1e6).toString(36);
  g.meta.notes = Array.from({ length: 4000 }, word).join(' ').slice(0, 20_000);
  for (let i = 0; i < 480; i++) g.nodes.push({ id: `n${i}-${word()}`, type: 'net.encoder', typeVersion: 1, params: { hidden: [i, seed % 997] }, position: { x: seed % 5000, y: i } });
  const r = shareUrl('http://localhost/', payload(g));
  assert.equal(r.tooLarge, true);
  assert.ok(r.chars > MAX_LINK_CHARS);
});

test('adler32 matches zlib for the empty input and for "Wikipedia"', () => {
  assert.equal(adler32(new Uint8Array()), 1);
  assert.equal(adler32(strToU8('Wikipedia')), 0x11e60398);
});

test('hashes that are not share links are ignored', () => {
  assert.equal(shareParam('#section'), null);
  assert.equal(shareParam(''), null);
  assert.equal(shareParam('#share=abc'), 'abc');
});
