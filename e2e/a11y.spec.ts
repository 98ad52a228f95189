// Keyboard and screen-reader basics: a skip link takes Tab straight to the
// canvas, a node is added, selected and moved without the mouse, and axe finds
// no serious or critical violation in the studio, the Runs drawer or the compare view,
// in the light theme and in the dark one (and at 1024×768, with the palette folded).
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { seriousViolations } from './pages/axe';
import { EditorPage } from './pages/editor';
import { RunsPage } from './pages/runs';

test.use({ viewport: { width: 1440, height: 900 } });


test('Tab reaches the canvas through the skip link; add, select and move a node by keyboard alone', async ({ page }) => {
  const ed = new EditorPage(page);
  // a fresh page (the autosave brings the graph back): the first Tab stop is the skip link
  await ed.openPresetFresh('Autoencoder', 4);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to canvas' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  // focus is on a node: its outline shows, Enter selects it
  const focused = page.locator('.react-flow__node:focus');
  await expect(focused).toHaveCount(1);
  const outline = await focused.evaluate((e) => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth);
  expect(outline).not.toMatch(/^none|0px/);
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);
  const id = (await focused.getAttribute('data-id'))!;
  const before = (await ed.node(id).boundingBox())!;
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await ed.node(id).boundingBox())!.y).toBeGreaterThan(before.y + 5);

  // quick add from the keyboard: `/`, type, Enter
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await page.getByTestId('quick-add').getByRole('combobox').fill('projector');
  await page.keyboard.press('Enter');
  await expect(ed.nodes).toHaveCount(5);
  // the shortcut sheet lists the keys
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /shortcuts/i })).toContainText('Arrow keys');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe (${scheme}): no serious or critical violations in the studio, the Runs drawer and the compare view`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const ed = new EditorPage(page);
    const runs = new RunsPage(page);
    await ed.goto();
    await ed.openPreset('BYOL');
    await expect(ed.nodes).toHaveCount(9);
    await expect(ed.canvas).toHaveClass(new RegExp(`\\b${scheme}\\b`));
    await ed.select('encoder');
    expect(await seriousViolations(page)).toEqual([]);

    // two runs from a file, so the drawer has rows and the compare view has something to show
    const v1 = JSON.parse(await readFile('app/lib/runs/fixtures/run-v1.json', 'utf8'));
    const two = { ...v1, id: 'r-2025-old-2', name: 'Autoencoder, second try' };
    await runs.open();
    await runs.importInput.setInputFiles({ name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(v1)) });
    await expect(runs.rows).toHaveCount(1);
    await runs.importInput.setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(two)) });
    await expect(runs.rows).toHaveCount(2);
    expect(await seriousViolations(page, '[data-testid="runs-panel"]')).toEqual([]);

    await runs.panel.getByRole('button', { name: 'Select all' }).click();
    await runs.panel.getByRole('button', { name: 'Compare 2' }).click();
    await expect(runs.compareRows).toHaveCount(2);
    expect(await seriousViolations(page, '[data-testid="compare-view"]')).toEqual([]);
    // both runs were evaluated once, at step 20: the accuracy axis spans their 20 steps, not 0–40
    const acc = page.getByTestId('compare-accuracy').locator('.cmp-chart__plot');
    await expect(acc).toHaveAttribute('data-x-range', '0|20');
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe (${scheme}) at 1024×768: the palette folded to its rail, opened over the canvas, and the File menu`, async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.emulateMedia({ colorScheme: scheme });
    const ed = new EditorPage(page);
    await ed.goto();
    await ed.openPreset('SimCLR');
    await expect(ed.paletteToggle).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await ed.openPalette();
    expect(await seriousViolations(page, '.studio__palette')).toEqual([]);
    await page.getByRole('button', { name: 'File', exact: true }).click();
    await expect(page.getByRole('menu', { name: 'File' }).getByRole('menuitem')).toHaveCount(3);
    expect(await seriousViolations(page, '.topbar')).toEqual([]);
  });
}

test('C connects the two selected nodes, left feeding right; a pair that cannot be wired says why', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  await expect(ed.edges).toHaveCount(4);
  await ed.clickEdge({ node: 'encoder', port: 'out' }, { node: 'decoder', port: 'in' });
  await page.keyboard.press('Delete');
  await expect(ed.edges).toHaveCount(3);
  await ed.select('decoder');
  await ed.node('encoder').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await page.keyboard.press('c');
  await expect(ed.edges).toHaveCount(4);
  const g = JSON.parse(await ed.savedGraph());
  expect(g.edges.some((e: { from: { node: string; port: string }; to: { node: string; port: string } }) => e.from.node === 'encoder' && e.from.port === 'out' && e.to.node === 'decoder' && e.to.port === 'in')).toBe(true);

  await ed.clearSelection();
  await ed.select('decoder');
  await ed.node('data').locator('.flow-node__header').click({ modifiers: ['Shift'] });
  await page.keyboard.press('c');
  await expect(ed.toast).toContainText('cannot feed');
  await expect(ed.edges).toHaveCount(4);
});
