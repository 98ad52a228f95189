import assert from 'node:assert/strict';
import { test } from 'node:test';
import { revealShift, revealViewport, unionRect } from './keep-in-view';

const PANE = { width: 800, height: 600 };

test('an item inside the pane and its margin needs no pan', () => {
  assert.deepEqual(revealShift({ x: 24, y: 24, width: 200, height: 100 }, PANE, 24), { x: 0, y: 0 });
  assert.equal(revealViewport({ x: 100, y: 100, width: 200, height: 100 }, { x: 0, y: 0, zoom: 1 }, PANE), null);
});

test('an item past the right edge is brought back just to the margin, not centred', () => {
  // right edge at 850: 74 px past 800 - 24
  assert.deepEqual(revealShift({ x: 650, y: 300, width: 200, height: 80 }, PANE, 24), { x: -74, y: 0 });
});

test('an item above and left of the pane is pulled in on both axes', () => {
  assert.deepEqual(revealShift({ x: -300, y: -50, width: 100, height: 40 }, PANE, 24), { x: 324, y: 74 });
});

test('an item below the bottom edge', () => {
  assert.deepEqual(revealShift({ x: 10 + 14, y: 700, width: 100, height: 40 }, PANE, 24), { x: 0, y: -164 });
});

test('an item larger than the room is moved only to close the gap it leaves', () => {
  // 1000 wide in an 800 pane: already covering the room, no pan
  assert.deepEqual(revealShift({ x: -100, y: 100, width: 1000, height: 40 }, PANE, 24), { x: 0, y: 0 });
  // its left edge inside the room: the left edge goes to the margin
  assert.deepEqual(revealShift({ x: 100, y: 100, width: 1000, height: 40 }, PANE, 24), { x: -76, y: 0 });
  // its right edge inside: the right edge goes to the far margin
  assert.deepEqual(revealShift({ x: -600, y: 100, width: 1000, height: 40 }, PANE, 24), { x: 376, y: 0 });
});

test('the viewport keeps its zoom and the revealed item lands at the margin on screen', () => {
  const vp = { x: 50, y: -20, zoom: 0.5 };
  // flow x 1600 → screen 850, width 100 → 50 on screen
  const next = revealViewport({ x: 1600, y: 100, width: 100, height: 60 }, vp, PANE, 24);
  assert.ok(next);
  assert.equal(next.zoom, 0.5);
  assert.equal(1700 * next.zoom + next.x, 800 - 24);
  assert.equal(next.y, vp.y);
});

test('a tiny pane shrinks the margin instead of fighting it', () => {
  const s = revealShift({ x: 0, y: 0, width: 20, height: 20 }, { width: 40, height: 40 }, 24);
  assert.deepEqual(s, { x: 10, y: 10 });
});

test('union of rects', () => {
  assert.equal(unionRect([]), null);
  assert.deepEqual(unionRect([{ x: 0, y: 10, width: 10, height: 10 }, { x: -5, y: 0, width: 5, height: 5 }]), { x: -5, y: 0, width: 15, height: 20 });
});
