// Selecting as in any node editor: a Shift+drag box, Shift/Ctrl+click, Ctrl+A;
// the selection moves together by mouse or arrow keys and Delete takes it with its
// wires, each gesture one undo entry.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';

test.use({ viewport: { width: 1440, height: 900 } });

const selected = (ed: EditorPage) => ed.page.locator('.react-flow__node.selected');

async function position(ed: EditorPage, id: string) {
  const g = JSON.parse(await ed.savedGraph());
  return g.nodes.find((n: { id: string }) => n.id === id).position as { x: number; y: number };
}

test('box select with Shift+drag, move the selection together, one undo puts both back', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  await expect(ed.nodes).toHaveCount(4);
  const a = (await ed.node('data').boundingBox())!;
  const b = (await ed.node('encoder').boundingBox())!;
  const start = await ed.savedGraph();

  // a box around the data node and the encoder (a node is taken when the box holds all of it)
  await page.keyboard.down('Shift');
  await page.mouse.move(Math.min(a.x, b.x) - 15, Math.min(a.y, b.y) - 15);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width + 8, Math.max(a.y + a.height, b.y + b.height) + 10, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  await expect(selected(ed)).toHaveCount(2);
  await expect(ed.node('data').locator('..')).toHaveClass(/selected/);
  await expect(ed.node('encoder').locator('..')).toHaveClass(/selected/);

  const before = [await position(ed, 'data'), await position(ed, 'encoder')];
  await ed.dragNode('encoder', 60, 90);
  const after = [await position(ed, 'data'), await position(ed, 'encoder')];
  for (let i = 0; i < 2; i++) {
    expect(Math.round(after[i].x - before[i].x)).toBe(Math.round(after[1].x - before[1].x));
    expect(after[i].y - before[i].y).toBeGreaterThan(40);
  }
  await page.keyboard.press('Control+z');
  await ed.expectSaved(start);
});

test('Ctrl/Shift-click toggles nodes, Ctrl+A selects all, Delete removes the selection and its wires as one undo entry', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('BYOL');
  await expect(ed.nodes).toHaveCount(9);
  const start = await ed.savedGraph();
  await ed.select('encoder');
  await ed.node('projector').locator('.flow-node__header').click({ modifiers: ['Control'] });
  await ed.node('predictor').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await expect(selected(ed)).toHaveCount(3);
  // a second modifier click takes a node out again
  await ed.node('predictor').locator('.flow-node__header').click({ modifiers: ['Control'] });
  await expect(selected(ed)).toHaveCount(2);
  const edges = await ed.edges.count();
  await page.keyboard.press('Delete');
  await expect(ed.nodes).toHaveCount(7);
  // every wire touching the encoder or the projector went with them
  const left = JSON.parse(await ed.savedGraph());
  expect(left.edges.some((e: { from: { node: string }; to: { node: string } }) => ['encoder', 'projector'].includes(e.from.node) || ['encoder', 'projector'].includes(e.to.node))).toBe(false);
  expect(await ed.edges.count()).toBeLessThan(edges);
  await page.keyboard.press('Control+z');
  await ed.expectSaved(start);

  await ed.clearSelection();
  await page.keyboard.press('Control+a');
  await expect(selected(ed)).toHaveCount(9);
  await page.keyboard.press('Backspace');
  await expect(ed.nodes).toHaveCount(0);
  await expect(ed.edges).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await ed.expectSaved(start);
});

test('arrow keys move the selected nodes; one burst of presses is one undo entry', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  const start = await ed.savedGraph();
  const p0 = await position(ed, 'encoder');
  await ed.select('encoder');
  await ed.node('decoder').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  const d0 = await position(ed, 'decoder');
  // React Flow moves the selection when a node has keyboard focus
  await ed.node('encoder').locator('..').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await position(ed, 'encoder')).x).toBe(p0.x + 20);
  expect((await position(ed, 'encoder')).y).toBe(p0.y + 20);
  expect(await position(ed, 'decoder')).toEqual({ x: d0.x + 20, y: d0.y + 20 });
  await page.keyboard.press('Control+z');
  await ed.expectSaved(start);
});

test('undo of a paste brings back the selection of before it, redo selects the pasted nodes again; undo of a delete selects what it took', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  const ids = () => selected(ed).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
  await ed.select('encoder');
  await ed.node('decoder').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  // the selection the paste replaces: the data node alone, shown in the inspector
  await ed.select('data');
  await expect.poll(ids).toEqual(['data']);
  await page.keyboard.press('Control+v');
  await expect(ed.nodes).toHaveCount(6);
  const pasted = await ids();
  expect(pasted).toHaveLength(2);
  expect(pasted.some((id) => ['data', 'encoder', 'decoder'].includes(id!))).toBe(false);

  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(4);
  await expect.poll(ids).toEqual(['data']);
  await page.keyboard.press('Control+Shift+z');
  await expect(ed.nodes).toHaveCount(6);
  await expect.poll(ids).toEqual(pasted);

  // Delete takes the pasted pair; undo brings it back selected, so a second Delete would take it again
  await page.keyboard.press('Delete');
  await expect(ed.nodes).toHaveCount(4);
  await expect(selected(ed)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(6);
  await expect.poll(ids).toEqual(pasted);
});
