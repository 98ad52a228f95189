import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from './csv';
import { classCounts, splitsOf } from './imported';
import { DataFileError } from './npy';
import { labelledCsv } from './testing/fixtures';

test('a CSV with a header and a label column gives vectors and classes', () => {
  const set = parseCsv(labelledCsv(40), 'pts.csv');
  assert.equal(set.kind, 'vector');
  assert.deepEqual(set.sampleShape, [3]);
  assert.deepEqual(set.classNames, ['a', 'b']);
  assert.equal(set.train.count, 40);
  assert.deepEqual(classCounts(set), [20, 20]);
  assert.deepEqual(Array.from(set.train.data.subarray(0, 3)).map((v) => +v.toFixed(3)), [0, 0, 0]);
  const s = splitsOf(set, 7);
  assert.equal(s.test.count, 8);
  assert.equal(s.test.labels!.filter((l) => l === 1).length, 4);
});

test('a CSV without labels or header is an unlabelled set; semicolons and tabs work', () => {
  const set = parseCsv('1;2\n3;4\n5;6\n', 'plain.csv');
  assert.equal(set.classNames, null);
  assert.deepEqual(Array.from(set.train.data), [1, 2, 3, 4, 5, 6]);
  const tab = parseCsv('a\tb\n1\t2\n3\t4', 'tab.tsv');
  assert.deepEqual(tab.sampleShape, [2]);
  assert.equal(tab.train.count, 2);
});

test('numeric labels under a "label" header sort numerically', () => {
  const set = parseCsv('f1,label\n0.1,10\n0.2,2\n0.3,10', 'n.csv');
  assert.deepEqual(set.classNames, ['2', '10']);
  assert.deepEqual(Array.from(set.train.labels!), [1, 0, 1]);
});

test('bad CSV rows are skipped and counted; a file with no rows fails naming it', () => {
  const set = parseCsv('x,y,label\n1,2,a\n1,oops,b\n3\n4,5,b', 'messy.csv');
  assert.equal(set.train.count, 2);
  assert.ok(set.notes.some((n) => n === 'messy.csv: 2 rows with a wrong field count or a non-number skipped'), set.notes.join('|'));
  assert.throws(() => parseCsv('\n\n', 'empty.csv'), (e: Error) => e instanceof DataFileError && /empty\.csv is empty/.test(e.message));
  assert.throws(() => parseCsv('x,y\n', 'head.csv'), /head\.csv has a header but no rows/);
});
