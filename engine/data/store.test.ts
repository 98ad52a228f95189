import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imagesFromArrays, readNpz } from './npz';
import { parseCsv } from './csv';
import { deleteDataset, listDatasets, loadStoredDataset, refOf, renameDataset, saveDataset } from './store';
import { labelledCsv, medmnistNpz } from './testing/fixtures';

test('datasets are stored under their content hash, listed, renamed and deleted', async () => {
  const set = imagesFromArrays(readNpz(medmnistNpz({ train: 12, test: 6 }), 'a.npz'), 'a.npz');
  const m = await saveDataset(set, 'tiny', 'a.npz');
  assert.match(m.id, /^[0-9a-f]{64}$/);
  assert.deepEqual(m.classCounts, [6, 6, 6]);
  assert.equal(m.bytes, 18 * 784 + 18);
  // the same content from a compressed file is the same dataset
  const again = await saveDataset(imagesFromArrays(readNpz(medmnistNpz({ train: 12, test: 6, compressed: true }), 'b.npz'), 'b.npz'), 'copy', 'b.npz');
  assert.equal(again.id, m.id);
  await saveDataset(parseCsv(labelledCsv(10), 'p.csv'), 'points', 'p.csv');
  assert.deepEqual((await listDatasets()).map((d) => d.name).sort(), ['points', 'tiny']);
  await renameDataset(m.id, 'renamed');
  assert.ok((await listDatasets()).some((d) => d.name === 'renamed'));
  const back = await loadStoredDataset(m.id);
  assert.deepEqual(Array.from(back!.test!.labels!), Array.from(set.test!.labels!));
  assert.deepEqual(refOf(m), { id: m.id, name: 'tiny', kind: 'image', shape: [28, 28, 1], classes: 3 });
  await deleteDataset(m.id);
  assert.equal(await loadStoredDataset(m.id), undefined);
  assert.deepEqual((await listDatasets()).map((d) => d.name), ['points']);
});

test('a full storage quota fails naming the file and what to do, and stores nothing', async () => {
  const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
  const put = proto.put;
  proto.put = function () {
    throw new DOMException('quota', 'QuotaExceededError');
  };
  try {
    await assert.rejects(saveDataset(parseCsv('1,2\n3,4\n5,6\n7,8\n9,1', 'q.csv'), 'q', 'q.csv'), /q\.csv: not enough browser storage to keep 0\.0 MB; delete datasets or runs/);
  } finally {
    proto.put = put;
  }
  assert.ok(!(await listDatasets()).some((d) => d.name === 'q'));
});
