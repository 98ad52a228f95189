// Canvas annotations: a sticky note and a labelled frame are created, written,
// moved, resized, undone and deleted on the canvas; they are saved in the graph
// and a share link carries them into a fresh browser.
import { expect, test } from '@playwright/test';
import { StudioPage } from './pages/studio';

test.use({ viewport: { width: 1440, height: 900 } });

type Saved = { meta: { annotations: { notes: { id: string; text: string; x: number; y: number }[]; frames: { id: string; label: string; x: number; y: number; width: number; height: number }[] } } };

async function drag(page: import('@playwright/test').Page, from: import('@playwright/test').Locator, dx: number, dy: number) {
  const b = (await from.boundingBox())!;
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2);
  await page.mouse.move(x + dx, y + dy);
  await page.mouse.up();
}

test('sticky notes and frames: create, write, move, resize, undo, delete; saved in the graph and carried by a share link', async ({ page, browser }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('Autoencoder');
  const saved = async () => {
    await studio.waitSaved();
    return ((await studio.getRecord('autosave')) as Saved).meta.annotations;
  };

  const note = await studio.addNote('The decoder only sees the 32-d code');
  await expect(note).toContainText('The decoder only sees the 32-d code');

  await page.getByRole('button', { name: '+ Frame' }).click();
  const frame = page.getByTestId('frame-frame-1');
  await frame.getByText('Group').dblclick();
  await frame.getByLabel('Frame label').fill('Bottleneck');
  await frame.getByLabel('Frame label').press('Enter');
  await expect(frame).toContainText('Bottleneck');

  let a = await saved();
  expect(a.notes).toMatchObject([{ id: 'note-1', text: 'The decoder only sees the 32-d code' }]);
  expect(a.frames).toMatchObject([{ id: 'frame-1', label: 'Bottleneck', width: 320, height: 200 }]);
  const before = { note: a.notes[0], frame: a.frames[0] };

  // move the note by its bar, resize the frame by its corner (the zoom is at most 1, so flow moves ≥ screen moves)
  // (down past the frame's corner, so the note does not cover the resize handle)
  await drag(page, note.getByLabel('Move note'), 120, 160);
  await drag(page, frame.getByLabel('Resize frame'), 80, 40);
  a = await saved();
  expect(a.notes[0].x - before.note.x).toBeGreaterThanOrEqual(120);
  expect(a.notes[0].y - before.note.y).toBeGreaterThanOrEqual(160);
  expect(a.frames[0].width - before.frame.width).toBeGreaterThanOrEqual(80);
  expect(a.frames[0].x).toBe(before.frame.x);

  // each gesture is one undo entry
  await studio.clearSelection();
  await page.keyboard.press('Control+z');
  a = await saved();
  expect(a.frames[0].width).toBe(before.frame.width);
  expect(a.notes[0].x).not.toBe(before.note.x);

  // a share link carries them to a student's fresh browser
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByTestId('share-dialog');
  const url = await dialog.getByTestId('share-url').inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const student = new StudioPage(await context.newPage());
  await student.page.goto(url);
  await expect(student.page.getByTestId('note-note-1')).toContainText('The decoder only sees the 32-d code');
  await expect(student.page.getByTestId('frame-frame-1')).toContainText('Bottleneck');
  await context.close();

  await note.getByRole('button', { name: 'Delete note' }).click();
  await expect(note).toHaveCount(0);
  a = await saved();
  expect(a.notes).toEqual([]);
  expect(a.frames).toHaveLength(1);
});

test('a note and a frame move with the arrow keys (Shift: 4× further), one undo entry per burst; the frame moves alone, as when dragged; Delete removes the focused one', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.goto();
  await studio.openPreset('Autoencoder');
  const record = async () => {
    await studio.waitSaved();
    return (await studio.getRecord('autosave')) as Saved & { nodes: { id: string; position: { x: number; y: number } }[] };
  };
  const live = page.locator('[id^="react-flow__aria-live"]');

  const note = await studio.addNote('moved by keys');
  // the note itself is a Tab stop (before its delete button and its text), named by its text
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(note).toBeFocused();
  await expect(page.getByRole('group', { name: 'moved by keys' })).toBeFocused();
  const n0 = (await record()).meta.annotations.notes[0];
  const box0 = (await note.boundingBox())!;
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await record()).meta.annotations.notes[0]).toMatchObject({ x: n0.x + 15, y: n0.y + 20 });
  expect((await note.boundingBox())!.x).toBeGreaterThan(box0.x);
  await expect(live).toHaveText(`Moved note down. New position, x: ${n0.x + 15}, y: ${n0.y + 20}`);
  await expect(note).toBeFocused();
  // the whole burst is one entry
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await record()).meta.annotations.notes[0]).toMatchObject({ x: n0.x, y: n0.y });

  await page.getByRole('button', { name: '+ Frame' }).click();
  const frame = page.getByTestId('frame-frame-1');
  await frame.getByRole('button', { name: 'Edit frame label: Group' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(frame).toBeFocused();
  const r0 = await record();
  const f0 = r0.meta.annotations.frames[0];
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(async () => (await record()).meta.annotations.frames[0].x).toBe(f0.x - 40);
  // a pause longer than 0.7 s ends the burst: the next press is an entry of its own
  await page.waitForTimeout(900);
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await record()).meta.annotations.frames[0].y).toBe(f0.y - 5);
  const r1 = await record();
  // nodes over the frame stay put, as when the frame is dragged by its label; so does the note
  expect(r1.nodes).toEqual(r0.nodes);
  expect(r1.meta.annotations.notes).toEqual(r0.meta.annotations.notes);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await record()).meta.annotations.frames[0]).toMatchObject({ x: f0.x - 40, y: f0.y });
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await record()).meta.annotations.frames[0]).toMatchObject({ x: f0.x, y: f0.y });

  // Delete on a focused frame or note removes it, not the selected node, and focus moves on
  await studio.select('encoder');
  await frame.getByRole('button', { name: 'Edit frame label: Group' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(frame).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(frame).toHaveCount(0);
  await expect(note).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(note).toHaveCount(0);
  await expect(page.locator('.react-flow__node:focus')).toHaveCount(1);
  await expect(studio.nodes).toHaveCount(4);
  await expect(page.locator('.react-flow__node.selected')).toHaveAttribute('data-id', 'encoder');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(note).toBeVisible();
  await expect(frame).toBeVisible();
});
