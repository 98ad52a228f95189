// The editing layer as a user drives it: undo/redo of mixed edits, selection,
// copy/paste between tabs, quick add, auto-layout, blocks.
import { expect, test } from '@playwright/test';
import { EditorPage } from './pages/editor';

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
