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

  await page.getByRole('button', { name: '+ Note' }).click();
  const note = page.getByTestId('note-note-1');
  await note.getByLabel('Note text').fill('The decoder only sees the 32-d code');
  await note.getByLabel('Note text').press('Control+Enter');
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
