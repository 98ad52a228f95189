import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEY_BURST_MS, keyBurst } from './key-burst';

test('presses less than KEY_BURST_MS apart on one thing share a group; a pause or another thing starts a new one', () => {
  const next = keyBurst('keys');
  const held = [0, 30, 60, 90].map((t) => next('note:note-1', 1000 + t));
  assert.deepEqual(new Set(held), new Set(['keys-1']));
  // a burst may last longer than KEY_BURST_MS as long as no gap does
  assert.equal(next('note:note-1', 1090 + KEY_BURST_MS - 1), 'keys-1');
  assert.equal(next('note:note-1', 1090 + 3 * KEY_BURST_MS), 'keys-2');
  assert.equal(next('frame:frame-1', 1090 + 3 * KEY_BURST_MS + 10), 'keys-3');
  assert.equal(next('note:note-1', 1090 + 3 * KEY_BURST_MS + 20), 'keys-4');
});
