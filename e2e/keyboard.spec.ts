// Wiring without a mouse: Shift+C on a node lists its ports, the ports each may
// be wired to (refused ones with the reason) and its wires with a Remove button.
// A chosen pair — one the C key would not pick — is wired with arrows and Enter,
// wires are removed, focus stays in sensible places, and Ctrl+Z undoes each change.
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from './pages/axe';
import { EditorPage, overlaps } from './pages/editor';

test.use({ viewport: { width: 1440, height: 900 } });

type Edge = { from: { node: string; port: string }; to: { node: string; port: string } };
const wire = (e: Edge) => `${e.from.node}.${e.from.port}>${e.to.node}.${e.to.port}`;

async function savedWires(ed: EditorPage): Promise<string[]> {
  const g = JSON.parse(await ed.savedGraph());
  return (g.edges as Edge[]).map(wire).sort();
}

/** Presses Tab (or Shift+Tab), unless it already does, until the focused element matches the CSS selector; fails after `max` presses. */
async function tabUntil(page: Page, selector: string, key = 'Tab', max = 30) {
  const there = () => page.evaluate((sel) => !!document.activeElement?.matches(sel), selector);
  if (await there()) return;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await there()) return;
  }
  throw new Error(`no focus stop matched ${selector} after ${max} presses of ${key}`);
}

test('Shift+C: remove chosen wires, wire a chosen port pair with arrows and Enter, all by keyboard; Ctrl+Z undoes each', async ({ page }) => {
  const ed = new EditorPage(page);
  // a fresh page, so the keyboard starts at the top: skip link → the canvas → Tab to the loss node
  await ed.openPresetFresh('Autoencoder', 4);
  await expect(ed.edges).toHaveCount(4);
  const original = await savedWires(ed);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to canvas' })).toBeFocused();
  await page.keyboard.press('Enter');
  const recon = page.locator('.react-flow__node[data-id="recon"]');
  await tabUntil(page, '[data-id="recon"]');
  await page.keyboard.press('Enter');
  await expect(recon).toHaveClass(/selected/);

  await page.keyboard.press('Shift+C');
  const dialog = page.getByRole('dialog', { name: 'Wires of Reconstruction loss', exact: true });
  await expect(dialog).toBeVisible();
  const port = dialog.getByLabel('Port of Reconstruction loss');
  await expect(port).toBeFocused();
  const wires = dialog.getByRole('region', { name: 'Wires of Reconstruction loss' });
  // wires are named the way the port list and the canvas name ports: node title · port label
  await expect(wires.getByRole('listitem')).toHaveText([/^Decoder · image → Reconstruction loss · prediction/, /^MNIST · image → Reconstruction loss · target/]);
  await expect(port.locator('option')).toHaveText(['loss →', '→ prediction', '→ target']);
  // no id anywhere a user reads ("recon.target", "data.image", "(recon)")
  await expect(dialog).not.toContainText(/\w\.\w|\(recon\)|\(data\)/);
  expect(await seriousViolations(page, '[data-testid="wire-dialog"]')).toEqual([]);

  // remove data.image → recon.target; focus moves to the next wire's Remove button
  await tabUntil(page, '[aria-label="Remove wire MNIST · image → Reconstruction loss · target"]');
  await page.keyboard.press('Enter');
  await expect(ed.edges).toHaveCount(3);
  await expect(dialog.getByRole('status')).toContainText('Removed MNIST · image → Reconstruction loss · target');
  await expect(dialog.getByRole('button', { name: 'Remove wire Decoder · image → Reconstruction loss · prediction' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ed.edges).toHaveCount(2);
  await expect(wires).toContainText('None yet');
  // no Remove button left: focus goes back to the port choice
  await expect(port).toBeFocused();
  expect(await savedWires(ed)).toEqual(original.filter((w) => !w.endsWith('>recon.prediction') && !w.endsWith('>recon.target')));

  // the loss's input "target" (the second input, which C would not pick while "prediction" is free)
  await expect(port).toHaveValue('in:prediction');
  await page.keyboard.press('ArrowDown');
  await expect(port).toHaveValue('in:target');
  const targets = dialog.getByRole('group', { name: 'Feed Reconstruction loss · target from' });
  // refused ports are listed with the reason and cannot be chosen
  const labels = targets.getByRole('radio', { name: 'MNIST · labels' });
  await expect(labels).toBeDisabled();
  await expect(targets.getByRole('listitem').filter({ hasText: 'MNIST · labels' })).toContainText(/target/);
  await expect(targets.getByRole('radio', { name: 'Encoder · latent' })).toBeDisabled();
  // Tab lands on the chosen port (the first accepted one); arrows move among accepted ones only
  await page.keyboard.press('Tab');
  const image = targets.getByRole('radio', { name: 'MNIST · image' });
  await expect(image).toBeFocused();
  await expect(image).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(ed.edges).toHaveCount(3);
  await expect(dialog.getByRole('status')).toContainText('Wired MNIST · image → Reconstruction loss · target');
  expect(await savedWires(ed)).toContain('data.image>recon.target');
  expect((await savedWires(ed)).some((w) => w.endsWith('>recon.prediction'))).toBe(false);

  // then decoder.out into "prediction": back to the port choice, ArrowUp, Tab, ArrowDown past data.image, Enter
  await tabUntil(page, 'select', 'Shift+Tab');
  await page.keyboard.press('ArrowUp');
  await expect(port).toHaveValue('in:prediction');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('radio', { name: 'MNIST · image' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const decoder = dialog.getByRole('radio', { name: 'Decoder · image' });
  await expect(decoder).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'Connect Decoder · image → Reconstruction loss · prediction' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(ed.edges).toHaveCount(4);
  expect(await savedWires(ed)).toEqual(original);

  // Esc closes; focus is back on the node it was opened from
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(recon).toBeFocused();
  // every change was one undo entry: two undos take both wirings back, two more both removals
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(ed.edges).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(ed.edges).toHaveCount(4);
  expect(await savedWires(ed)).toEqual(original);

  // the shortcut sheet lists it
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /shortcuts/i })).toContainText('Wires of the selected node');
});

test('Shift+C with two selected nodes offers only wires between them, with none says what to do; New node for a port wires one in', async ({ page }) => {
  // in the dark theme, where the dialog's refused ports (muted text) must stay readable
  await page.emulateMedia({ colorScheme: 'dark' });
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  await ed.clearSelection();
  await page.keyboard.press('Shift+C');
  await expect(ed.toast).toContainText('Select one node');
  await ed.select('data');
  await ed.node('recon').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Shift+C');
  // the left node (data) is the one listed, its wires into the loss are the only choices
  const dialog = page.getByRole('dialog', { name: 'Wires of MNIST', exact: true });
  await expect(dialog).toBeVisible();
  const radios = dialog.getByRole('radio');
  const names = await radios.evaluateAll((els) => els.map((e) => e.closest('label')!.textContent ?? ''));
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toMatch(/^Reconstruction loss · /);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // a new node for a chosen port, wired in: the keyboard's way of dropping a wire on empty canvas
  await ed.clearSelection();
  await ed.select('encoder');
  await page.keyboard.press('Shift+C');
  const wires = page.getByRole('dialog', { name: 'Wires of Encoder', exact: true });
  await expect(wires.getByLabel('Port of Encoder')).toHaveValue('out:out');
  expect(await seriousViolations(page, '[data-testid="wire-dialog"]')).toEqual([]);
  await tabUntil(page, 'button.btn--ghost');
  await expect(page.locator(':focus')).toHaveText('New node for Encoder · latent…');
  await page.keyboard.press('Enter');
  const quick = page.getByRole('dialog', { name: 'Add a node after Encoder · latent' });
  await expect(quick.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('projector');
  await page.keyboard.press('Enter');
  await expect(ed.nodes).toHaveCount(5);
  expect(await savedWires(ed)).toContain('encoder.out>projector-1.in');
});

test('every editing command of the canvas by keyboard alone: select, copy/paste, duplicate, cut, layout, undo/redo, blocks, theme, F6 between regions', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.openPresetFresh('Autoencoder', 4);
  const selected = page.locator('.react-flow__node.selected');
  // Tab walks the whole page when focus was lost (a node deleted under it): let it go round
  const focusOn = (id: string) => tabUntil(page, `.react-flow__node[data-id="${id}"]`, 'Tab', 200);
  // Enter selects the focused node, Shift+Enter adds one
  const selectPair = async () => {
    await page.keyboard.press('Escape');
    await expect(selected).toHaveCount(0);
    await focusOn('encoder');
    await page.keyboard.press('Enter');
    await focusOn('decoder');
    await page.keyboard.press('Shift+Enter');
    await expect(selected).toHaveCount(2);
  };

  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await selectPair();

  // copy, paste (at the canvas's middle: there is no pointer), duplicate, cut; each one undo
  await page.keyboard.press('Control+c');
  await expect(ed.toast).toContainText('Copied 2 nodes and 1 wire');
  await page.keyboard.press('Control+v');
  await expect(ed.nodes).toHaveCount(6);
  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(4);
  // undoing the paste brought back the pair selected before it, ready to duplicate
  await expect(selected).toHaveCount(2);
  await expect(ed.node('encoder').locator('..')).toHaveClass(/selected/);
  await expect(ed.node('decoder').locator('..')).toHaveClass(/selected/);
  await page.keyboard.press('Control+d');
  await expect(ed.nodes).toHaveCount(6);
  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(4);
  await selectPair();
  await page.keyboard.press('Control+x');
  await expect(ed.nodes).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(4);

  // select all, Delete, undo
  await page.keyboard.press('Control+a');
  await expect(selected).toHaveCount(4);
  await page.keyboard.press('Delete');
  await expect(ed.nodes).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(ed.nodes).toHaveCount(4);

  // auto-layout after a keyboard move: Shift+L, undo, redo both ways
  await page.keyboard.press('Escape');
  await focusOn('data');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Escape');
  const moved = await ed.savedGraph();
  await page.keyboard.press('Shift+L');
  await expect.poll(() => ed.savedGraph()).not.toBe(moved);
  const laidOut = await ed.savedGraph();
  const boxes = await ed.nodeBoxes();
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
  await page.keyboard.press('Control+z');
  await ed.expectSaved(moved);
  await page.keyboard.press('Control+Shift+z');
  await ed.expectSaved(laidOut);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  await ed.expectSaved(laidOut);

  // save the selection as a block from the top bar, insert it from the palette and from quick add
  await selectPair();
  // F6 moves between regions: back from the canvas to the palette, then to the top bar
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('.studio__palette :focus')).toHaveCount(1);
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('.topbar :focus')).toHaveCount(1);
  await tabUntil(page, '[aria-label="Save selection as block"]', 'Tab', 20);
  await page.keyboard.press('Enter');
  const save = page.getByTestId('save-block');
  await expect(save.getByLabel('Name')).toBeFocused();
  await page.keyboard.type('Keyboard pair');
  await page.keyboard.press('Enter');
  await expect(save).toBeHidden();
  await expect(page.getByRole('button', { name: 'Save selection as block' })).toBeFocused();
  await page.keyboard.press('F6');
  await tabUntil(page, '[aria-label="Keyboard pair"]', 'Tab', 250);
  await page.keyboard.press('Enter');
  await expect(ed.nodes).toHaveCount(6);
  await page.keyboard.press('/');
  await page.keyboard.type('Keyboard pair');
  await page.keyboard.press('Enter');
  await expect(ed.nodes).toHaveCount(8);

  // the theme toggle is a button in the top bar
  const theme = page.getByTestId('theme-toggle');
  // quick add handed focus back to the palette's block button
  await page.keyboard.press('Shift+F6');
  await expect(page.locator('.topbar :focus')).toHaveCount(1);
  await tabUntil(page, '[data-testid="theme-toggle"]', 'Tab', 40);
  await expect(theme).toHaveText('System');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('notes and frames by keyboard: + Note writes one, Enter on a note or a frame label edits it again', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.openPresetFresh('Autoencoder', 4);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabUntil(page, '.annotation-tools button:first-child');
  await page.keyboard.press('Enter');
  const note = page.getByTestId('note-note-1');
  await expect(note.getByLabel('Note text')).toBeFocused();
  await page.keyboard.type('first');
  await page.keyboard.press('Control+Enter');
  await expect(note).toContainText('first');
  // the field closed by key hands focus to the shown text, a Tab stop where Enter opens it again
  const edit = note.getByRole('button', { name: 'Edit note text: first' });
  await expect(edit).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(note.getByLabel('Note text')).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(', then more');
  await page.keyboard.press('Control+Enter');
  await expect(note).toContainText('first, then more');

  await tabUntil(page, '.annotation-tools button:last-child', 'Tab', 250);
  await page.keyboard.press('Enter');
  const frame = page.getByTestId('frame-frame-1');
  await tabUntil(page, '.annotation-frame [role="button"]', 'Shift+Tab', 250);
  await page.keyboard.press('F2');
  await expect(frame.getByLabel('Frame label')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Bottleneck');
  await page.keyboard.press('Enter');
  await expect(frame).toContainText('Bottleneck');
  await expect(frame.getByRole('button', { name: 'Edit frame label: Bottleneck' })).toBeFocused();
  const g = JSON.parse(await ed.savedGraph());
  expect(g.meta.annotations.notes[0].text).toBe('first, then more');
  expect(g.meta.annotations.frames[0].label).toBe('Bottleneck');
  // one undo takes the label back
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await expect(frame).not.toContainText('Bottleneck');
});
