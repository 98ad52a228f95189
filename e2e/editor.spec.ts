// The editing layer as a user drives it: undo/redo of mixed edits, selection,
// copy/paste between tabs, quick add, auto-layout, blocks.
import { expect, test } from '@playwright/test';
import { NODE_TEXT_PX } from '../app/lib/framing';
import { EditorPage, overlaps } from './pages/editor';

test.use({ viewport: { width: 1440, height: 900 } });

test('10 mixed edits, 10 undos give back the exact starting graph, 10 redos the edited one', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  await expect(ed.nodes).toHaveCount(4);
  const start = await ed.savedGraph();
  const undo = page.getByRole('button', { name: 'Undo', exact: true }).first();

  // 1 a field (one entry however many keystrokes)
  await ed.select('encoder');
  await ed.setField('Latent size', '16');
  await ed.setField('Latent size', '24');
  // 2 add from the palette by keyboard (focus + Enter), 3 move it (one drag = one entry), 4 add by dragging
  await ed.paletteItem('Projector').press('Enter');
  await expect(ed.nodes).toHaveCount(5);
  await ed.dragNode('projector-1', 0, 260);
  await ed.dragFromPalette('Projector', { x: 560, y: 700 });
  await expect(ed.nodes).toHaveCount(6);
  await ed.clearSelection();
  // 5 connect, 6 disconnect (select the wire, Delete)
  await ed.connect({ node: 'encoder', port: 'out' }, { node: 'projector-1', port: 'in' });
  await expect(ed.edges).toHaveCount(5);
  await ed.clickEdge({ node: 'encoder', port: 'out' }, { node: 'projector-1', port: 'in' });
  await expect(page.locator('.react-flow__edge.selected')).toHaveCount(1);
  await page.keyboard.press('Delete');
  await expect(ed.edges).toHaveCount(4);
  // 7 a graph setting, 8 delete a node with its wires
  await ed.clearSelection();
  await ed.setField('Steps', '77');
  await ed.select('recon');
  await page.keyboard.press('Delete');
  await expect(ed.nodes).toHaveCount(5);
  // 9 a drag of a multi-selection (Shift+click adds), 10 delete the selection
  await ed.select('projector-1');
  await ed.node('projector-2').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await ed.dragNode('projector-2', -40, 120);
  await page.keyboard.press('Backspace');
  await expect(ed.nodes).toHaveCount(3);
  const edited = await ed.savedGraph();

  await ed.clearSelection();
  await ed.press('Control+z', 10);
  await ed.expectSaved(start);
  // one more undo would go back to before the preset load
  await expect(undo).toBeEnabled();
  await ed.press('Control+Shift+z', 5);
  await ed.press('Control+y', 5);
  await ed.expectSaved(edited);
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeDisabled();
  // the buttons do the same
  await undo.click();
  await expect(ed.nodes).toHaveCount(5);
});

test('copy in one tab, paste in another at the pointer: fresh ids, inner wires, Follows remapped; foreign text refused', async ({ page, context }) => {
  const one = new EditorPage(page);
  await one.goto();
  await one.openPreset('BYOL');
  await expect(one.nodes).toHaveCount(9);
  await one.select('encoder');
  for (const id of ['projector', 'momentum']) await one.node(id).locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+c');
  await expect(one.toast).toContainText('Copied 3 nodes and 1 wire');

  const second = await context.newPage();
  const two = new EditorPage(second);
  await two.goto();
  await expect(two.nodes).toHaveCount(9);
  const box = (await two.pane.boundingBox())!;
  await second.mouse.move(box.x + 60, box.y + box.height - 140);
  await second.mouse.click(box.x + 60, box.y + box.height - 140);
  await second.keyboard.press('Control+v');
  await expect(two.nodes).toHaveCount(12);
  const pasted = two.node('momentum-encoder-1');
  await expect(pasted).toBeVisible();
  // pasted where the pointer was: its box starts near the pointer
  const at = (await two.node('encoder-1').boundingBox())!;
  expect(Math.abs(at.x - (box.x + 60))).toBeLessThan(200);
  const saved = JSON.parse(await two.savedGraph());
  const m = saved.nodes.find((n: { id: string }) => n.id === 'momentum-encoder-1');
  expect(m.params.follows).toEqual(['encoder-1', 'projector-1']);
  expect(saved.edges.some((e: { from: { node: string }; to: { node: string } }) => e.from.node === 'encoder-1' && e.to.node === 'projector-1')).toBe(true);

  // text copied from a field is not nodes: pasting it on the canvas changes nothing and says why
  const filter = second.getByRole('searchbox', { name: 'Filter nodes' });
  await filter.fill('hello there');
  await filter.selectText();
  await second.keyboard.press('Control+c');
  await filter.fill('');
  await two.clearSelection();
  await second.keyboard.press('Control+v');
  await expect(two.toast).toContainText('does not hold Latent Studio nodes');
  await expect(two.nodes).toHaveCount(12);
  // duplicate (Ctrl+D) is one more paste of the selection, one undo entry
  await two.select('encoder-1');
  await second.keyboard.press('Control+d');
  await expect(two.nodes).toHaveCount(13);
  await second.keyboard.press('Control+z');
  await expect(two.nodes).toHaveCount(12);
});

test('quick add: a wire dropped on empty canvas offers nodes that fit and wires the new one in (one undo)', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  await expect(ed.edges).toHaveCount(4);
  const from = (await ed.handle({ node: 'encoder', port: 'out' }, 'source').boundingBox())!;
  const pane = (await ed.pane.boundingBox())!;
  const m = page.mouse;
  await m.move(from.x + from.width / 2, from.y + from.height / 2);
  await m.down();
  await m.move(from.x + 80, pane.y + pane.height - 120, { steps: 6 });
  await m.move(from.x + 120, pane.y + pane.height - 100, { steps: 4 });
  await m.up();
  const dialog = page.getByTestId('quick-add');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Add a node after Encoder · latent');
  const options = dialog.getByRole('option');
  // an image-only augmentation cannot take a latent code
  await expect(dialog.getByRole('option', { name: /Gaussian noise/ })).toHaveCount(0);
  expect(await options.count()).toBeGreaterThan(3);
  await dialog.getByRole('combobox').fill('projectr');
  await expect(options.first()).toContainText('Projector');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(ed.nodes).toHaveCount(5);
  await expect(ed.edges).toHaveCount(5);
  await expect(ed.edgeLabel('e-projector-1-in')).toHaveText('latent [B, 128]');
  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(4);
  await expect(ed.edges).toHaveCount(4);

  // `/` opens the same search over every node type and block
  await ed.clearSelection();
  await page.keyboard.press('/');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill('vae bottle');
  await expect(options.first()).toContainText('VAE bottleneck');
  await page.keyboard.press('Enter');
  await expect(ed.nodes).toHaveCount(7);
});

test('auto-layout leaves no two nodes overlapping, and is one undo entry', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('BYOL');
  await expect(ed.nodes).toHaveCount(9);
  // pile three nodes onto each other
  for (const id of ['projector', 'predictor']) {
    const a = (await ed.node(id).boundingBox())!;
    const b = (await ed.node('encoder').boundingBox())!;
    await ed.dragNode(id, b.x - a.x + 10, b.y - a.y + 10);
  }
  const piled = await ed.nodeBoxes();
  expect(piled.some((a, i) => piled.some((b, j) => i < j && overlaps(a, b)))).toBe(true);
  await ed.clearSelection();
  await page.keyboard.press('Shift+L');
  await expect
    .poll(async () => {
      const boxes = await ed.nodeBoxes();
      return boxes.filter((a, i) => boxes.some((b, j) => i < j && overlaps(a, b))).length;
    })
    .toBe(0);
  // framed like a fresh graph: wrapped into rows, the whole of it in view with its text at 11 px or more
  const pane = (await ed.pane.boundingBox())!;
  await expect
    .poll(async () => (await ed.nodeBoxes()).every((b) => b.x >= pane.x - 1 && b.y >= pane.y - 1 && b.x + b.width <= pane.x + pane.width + 1 && b.y + b.height <= pane.y + pane.height + 1))
    .toBe(true);
  const zoom = () => page.locator('.react-flow__viewport').evaluate((e) => Number(/scale\(([\d.]+)\)/.exec((e as HTMLElement).style.transform)?.[1] ?? 0));
  await expect.poll(async () => NODE_TEXT_PX * (await zoom())).toBeGreaterThanOrEqual(11);
  const laid = await ed.savedGraph();
  await page.keyboard.press('Control+z');
  await expect.poll(async () => JSON.stringify(await ed.getRecord('autosave'))).not.toBe(laid);
  const after = await ed.nodeBoxes();
  expect(after.some((a, i) => after.some((b, j) => i < j && overlaps(a, b)))).toBe(true);
});

test('a block round trip: save the selection, insert it, export, delete, import', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Variational autoencoder');
  await ed.select('encoder');
  for (const id of ['sampler', 'kl']) await ed.node(id).locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await page.getByRole('button', { name: 'Save selection as block' }).click();
  const dialog = page.getByTestId('save-block');
  await dialog.getByLabel('Name').fill('Gaussian bottleneck');
  await dialog.getByLabel('Description').fill('encoder, sampler and KL');
  await dialog.getByRole('button', { name: 'Save block' }).click();
  await expect(dialog).toBeHidden();
  const mine = page.getByTestId('my-blocks');
  await expect(mine.getByRole('button', { name: 'Gaussian bottleneck', exact: true })).toBeVisible();

  const nodes = await ed.nodes.count();
  const edges = await ed.edges.count();
  await mine.getByRole('button', { name: 'Gaussian bottleneck', exact: true }).click();
  await expect(ed.nodes).toHaveCount(nodes + 3);
  await expect(ed.edges).toHaveCount(edges + 2);
  await expect(ed.node('sampler-1')).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), mine.getByRole('button', { name: 'Export Gaussian bottleneck' }).click()]);
  expect(download.suggestedFilename()).toBe('gaussian-bottleneck.block.json');
  const file = await download.path();
  await mine.getByRole('button', { name: 'Delete Gaussian bottleneck' }).click();
  await expect(mine.getByRole('button', { name: 'Gaussian bottleneck', exact: true })).toHaveCount(0);
  await page.getByTestId('block-import-input').setInputFiles(file);
  await expect(mine.getByRole('button', { name: 'Gaussian bottleneck', exact: true })).toBeVisible();
  // and it survives a reload (IndexedDB)
  await page.reload();
  await expect(page.getByTestId('my-blocks').getByRole('button', { name: 'Gaussian bottleneck', exact: true })).toBeVisible();
});
