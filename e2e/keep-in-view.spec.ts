// Keyboard work stays in view, as in tldraw or Figma: a node or a note moved by
// the arrow keys past the pane's edge brings the view along, and Tab onto a node
// outside the pane pans it in; the pans are as small as they can be (the item
// stops about 24 px inside the edge) and never change the zoom.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EditorPage } from './pages/editor';

test.use({ viewport: { width: 1440, height: 900 } });

const pane = (page: Page) => page.locator('.studio__canvas .react-flow').first();
const zoom = (page: Page) => page.locator('.react-flow__viewport').first().evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on the page');
  return b;
}

/** How far `item` lies inside the pane on each side (negative: past that edge). */
async function inset(page: Page, item: Locator) {
  const p = await box(pane(page));
  const b = await box(item);
  return { left: b.x - p.x, top: b.y - p.y, right: p.x + p.width - (b.x + b.width), bottom: p.y + p.height - (b.y + b.height) };
}

/** Whether `item` lies wholly inside the pane, once the pan under way (160 ms) has ended. */
async function inside(page: Page, item: Locator) {
  const a = await inset(page, item);
  await page.waitForTimeout(250);
  const b = await inset(page, item);
  return a.left === b.left && a.top === b.top && Math.min(b.left, b.top, b.right, b.bottom) >= 0;
}

/** The id of the node drawn furthest right. */
const rightmost = (page: Page) =>
  page.evaluate(() => {
    const nodes = [...document.querySelectorAll<HTMLElement>('.studio__canvas .react-flow__node')];
    nodes.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
    return nodes[0].dataset.id!;
  });

async function tabUntil(page: Page, selector: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => !!document.activeElement?.matches(sel), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('a node moved with the arrow keys past the right edge brings the view along, at the same zoom', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.openPresetFresh('Autoencoder', 4);
  const id = await rightmost(page);
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  // a fresh page: the first Tab stop is the skip link to the canvas
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await tabUntil(page, `[data-id="${id}"]`);
  await page.keyboard.press('Enter');
  await expect(node).toHaveClass(/selected/);
  const z0 = await zoom(page);
  const x0 = (JSON.parse(await ed.savedGraph()).nodes as { id: string; position: { x: number } }[]).find((n) => n.id === id)!.position.x;
  // Shift moves 20 flow units a press: enough presses to go a third of the pane past the edge
  const presses = Math.ceil(((await inset(page, node)).right + (await box(pane(page))).width / 3) / (20 * z0));
  for (let i = 0; i < presses; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (JSON.parse(await ed.savedGraph()).nodes as { id: string; position: { x: number } }[]).find((n) => n.id === id)!.position.x).toBe(x0 + 20 * presses);
  await expect.poll(() => inside(page, node)).toBe(true);
  // the view followed just enough: the node rests by the right edge, the margin kept
  const rest = await inset(page, node);
  expect(rest.right).toBeGreaterThanOrEqual(18);
  expect(rest.right).toBeLessThanOrEqual(32);
  expect(await zoom(page)).toBeCloseTo(z0, 5);
  await expect(node).toBeFocused();
});

test('a note moved with the arrow keys past the right edge stays in view', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  const note = await ed.addNote('follow me');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(note).toBeFocused();
  const z0 = await zoom(page);
  const presses = Math.ceil(((await inset(page, note)).right + (await box(pane(page))).width / 3) / (20 * z0));
  for (let i = 0; i < presses; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(() => inside(page, note)).toBe(true);
  const rest = await inset(page, note);
  expect(rest.right).toBeGreaterThanOrEqual(18);
  expect(rest.right).toBeLessThanOrEqual(32);
  expect(await zoom(page)).toBeCloseTo(z0, 5);
  // and back down past the bottom edge
  const down = Math.ceil(((await inset(page, note)).bottom + 200) / (20 * z0));
  for (let i = 0; i < down; i++) await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(() => inside(page, note)).toBe(true);
  await expect(note).toBeFocused();
});

test('Tab onto a node outside the pane pans it into view; a click on a node never pans', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.openPresetFresh('Autoencoder', 4);
  const id = await rightmost(page);
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const p = await box(pane(page));
  // drag the empty top-left corner of the canvas to the right: the rightmost node leaves the pane
  const shift = Math.ceil((await inset(page, node)).right + (await box(node)).width + 100);
  await page.mouse.move(p.x + 8, p.y + 8);
  await page.mouse.down();
  await page.mouse.move(p.x + 8 + shift, p.y + 8, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await inset(page, node)).right).toBeLessThan(-(await box(node)).width);
  const z0 = await zoom(page);

  await tabUntil(page, `[data-id="${id}"]`);
  await expect(node).toBeFocused();
  await expect.poll(() => inside(page, node)).toBe(true);
  const rest = await inset(page, node);
  expect(rest.right).toBeLessThanOrEqual(32);
  expect(await zoom(page)).toBeCloseTo(z0, 5);

  // a node half past the edge, clicked, stays where it is
  const before = await box(node);
  await page.mouse.move(p.x + 8, p.y + 8);
  await page.mouse.down();
  await page.mouse.move(p.x + 8 + rest.right + before.width / 2, p.y + 8, { steps: 4 });
  await page.mouse.up();
  const half = await box(node);
  await page.mouse.click(half.x + 10, half.y + 10);
  await page.waitForTimeout(400);
  expect((await box(node)).x).toBeCloseTo(half.x, 0);
});

test('a node that quick add places past the right edge (a wire dropped near it) comes into view whole', async ({ page }) => {
  const ed = new EditorPage(page);
  await ed.goto();
  await ed.openPreset('Autoencoder');
  await expect(ed.edges).toHaveCount(4);
  const z0 = await zoom(page);
  const from = await box(ed.handle({ node: 'encoder', port: 'out' }, 'source'));
  const p = await box(pane(page));
  // the new node starts at the drop point and reaches right: dropped 40 px from the edge, most of it is past it
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(p.x + p.width - 60, p.y + 90, { steps: 6 });
  await page.mouse.move(p.x + p.width - 40, p.y + 90, { steps: 3 });
  await page.mouse.up();
  const dialog = page.getByTestId('quick-add');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox').fill('projectr');
  await page.keyboard.press('Enter');
  await expect(ed.nodes).toHaveCount(5);
  const added = page.locator('.react-flow__node[data-id="projector-1"]');
  await expect.poll(() => inside(page, added)).toBe(true);
  expect((await inset(page, added)).right).toBeLessThanOrEqual(32);
  expect(await zoom(page)).toBeCloseTo(z0, 5);
});
