import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { decodeImageNode } from '../../scripts/lib/decode-image';
import { ImportCancelled, imagesFromEntries, readZipEntries } from './image-archive';
import { classCounts } from './imported';
import { checkSize, importFile } from './import-file';
import { DataFileError } from './npy';
import { classImage, png, pngZip } from './testing/fixtures';

const opts = { decode: decodeImageNode };

test('a zip of PNGs in class folders imports as a labelled grey set', async () => {
  const set = await importFile('pets.zip', pngZip({ perClass: 5 }), opts);
  assert.equal(set.kind, 'image');
  assert.deepEqual(set.sampleShape, [28, 28, 1]);
  assert.deepEqual(set.classNames, ['cats', 'dogs', 'owls']);
  assert.deepEqual(classCounts(set), [5, 5, 5]);
  assert.equal(set.test, null);
  // pixels survive PNG encode / decode exactly
  const i = Array.from(set.train.labels!).indexOf(1);
  assert.deepEqual(Array.from(set.train.data.subarray(i * 784, (i + 1) * 784)).filter((v) => v > 0).length, 64);
  assert.deepEqual(set.notes, []);
});

test('a flat zip is unlabelled; train/ and test/ folders are the split', async () => {
  const flat = await importFile('flat.zip', pngZip({ perClass: 3, flat: true }), opts);
  assert.equal(flat.classNames, null);
  assert.equal(flat.train.count, 9);
  const files: Record<string, Uint8Array> = {};
  for (const split of ['train', 'test']) for (const c of ['a', 'b']) for (let k = 0; k < (split === 'train' ? 4 : 2); k++) files[`${split}/${c}/${k}.png`] = png(16, classImage(c === 'a' ? 0 : 1, k, 16));
  const split = await importFile('split.zip', zipSync(files), opts);
  assert.equal(split.train.count, 8);
  assert.equal(split.test?.count, 4);
  assert.deepEqual(split.classNames, ['a', 'b']);
});

test('colour images keep three channels', async () => {
  const rgb = new Uint8Array(20 * 20 * 3).map((_, i) => (i % 3 === 0 ? 200 : 10));
  const set = await importFile('c.zip', zipSync({ 'x/1.png': png(20, rgb, 3), 'x/2.png': png(20, rgb, 3), 'y/1.png': png(20, rgb, 3) }), opts);
  assert.deepEqual(set.sampleShape, [20, 20, 3]);
  assert.deepEqual(Array.from(set.train.data.subarray(0, 3)), [200, 10, 10]);
});

test('non-images are skipped and counted, mixed sizes resized and reported, an empty class folder reported', async () => {
  const zip = pngZip({
    perClass: 4,
    extra: {
      'set/readme.txt': new TextEncoder().encode('hello'),
      'set/cats/notes.csv': new TextEncoder().encode('1,2'),
      'set/dogs/big.png': png(40, new Uint8Array(40 * 40).fill(255)),
      'set/dogs/broken.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      'set/empty/': new Uint8Array(0),
      'set/.DS_Store': new Uint8Array(3),
    },
  });
  const set = await importFile('mixed.zip', zip, opts);
  assert.deepEqual(set.classNames, ['cats', 'dogs', 'owls']);
  assert.equal(set.train.count, 13);
  assert.deepEqual(set.sampleShape, [28, 28, 1]);
  const notes = set.notes.join('\n');
  assert.match(notes, /mixed\.zip: 2 files are not PNG\/JPEG\/WebP\/BMP images and were skipped/);
  assert.match(notes, /mixed\.zip: 1 image could not be decoded and was skipped/);
  assert.match(notes, /mixed\.zip: 1 image of other sizes \(40×40\) was resized to 28×28/);
  assert.match(notes, /mixed\.zip: class folder "empty" holds no images and was left out/);
});

test('a corrupt zip fails naming the file; a damaged entry is skipped and the rest imported', async () => {
  await assert.rejects(importFile('bad.zip', new Uint8Array(200).fill(7), opts), (e: Error) => e instanceof DataFileError && /bad\.zip is not a readable zip archive/.test(e.message));
  const zip = pngZip({ perClass: 3, side: 16 });
  // flip bytes inside the first entry's compressed data (after its 30-byte local header and name)
  const damaged = zip.slice();
  const nameLen = damaged[26] | (damaged[27] << 8);
  for (let i = 30 + nameLen + 5; i < 30 + nameLen + 40; i++) damaged[i] ^= 0x5a;
  const notes: string[] = [];
  const entries = readZipEntries(damaged, 'dmg.zip', notes);
  assert.equal(entries.length, 8);
  assert.match(notes[0], /dmg\.zip: 1 damaged entry could not be read and was skipped/);
});

test('an archive with no images, or over the size cap, fails with the reason', async () => {
  await assert.rejects(importFile('docs.zip', zipSync({ 'a.txt': new Uint8Array(3) }), opts), /docs\.zip holds no PNG, JPEG, WebP or BMP images/);
  assert.throws(() => checkSize('huge.npz', 600 * 1024 * 1024), /huge\.npz is 600 MB, over the 500 MB import limit/);
  await assert.rejects(importFile('small.csv', new TextEncoder().encode('1,2\n'), { ...opts, sizeCap: 2 }), /small\.csv is 0\.0 MB, over the 0\.0 MB import limit/);
  await assert.rejects(importFile('x.json', new Uint8Array(3), opts), /x\.json: unknown file type "\.json"/);
});

test('progress is reported and Cancel stops the decoding', async () => {
  const entries = readZipEntries(pngZip({ perClass: 50, side: 8 }), 'p.zip', []);
  const seen: number[] = [];
  await imagesFromEntries(entries, 'p.zip', decodeImageNode, { onProgress: (d) => seen.push(d) });
  assert.deepEqual(seen, [0, 64, 128, 150]);
  let calls = 0;
  await assert.rejects(imagesFromEntries(entries, 'p.zip', decodeImageNode, { cancelled: () => ++calls > 10 }), ImportCancelled);
});
