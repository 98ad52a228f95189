import assert from 'node:assert/strict';
import { test } from 'node:test';
import { int, intList, num } from '../../engine/params';
import { checkParam, describeRange, fmt, readParam } from './param-input';
import { TRAIN_FIELDS, checkSetting } from './train-settings';
import { TrainSettingsSchema } from '../../engine/graph';

const batch = int({ label: 'Batch size', default: 256, min: 2, max: 2048, doc: '' });
const widths = intList({ label: 'Hidden widths', default: [256], min: 1, max: 4096, minItems: 0, maxItems: 6, doc: '' });

test('typed text is read, then checked by the schema', () => {
  assert.deepEqual(readParam(batch, '16'), { ok: true, value: 16 });
  assert.equal(readParam(batch, '').ok, false);
  assert.equal(checkParam('batchSize', batch, 1), 'Batch size must be at least 2');
  assert.equal(checkParam('batchSize', batch, 2.5), 'Batch size must be a whole number');
  assert.equal(checkParam('batchSize', batch, 64), null);
  assert.deepEqual(readParam(widths, '512, 128'), { ok: true, value: [512, 128] });
  assert.deepEqual(readParam(widths, ''), { ok: true, value: [] });
  assert.deepEqual(readParam(widths, '512, x'), { ok: false, error: 'Hidden widths: "x" is not a number' });
  assert.match(checkParam('hidden', widths, [0]) ?? '', /at least 1/);
});

test('ranges read well', () => {
  assert.equal(describeRange(batch), 'default 256 · 2 – 2048');
  assert.equal(fmt(1e-4), '1e-4');
  assert.equal(fmt(2 ** 31 - 1), '2,147,483,647');
  assert.equal(describeRange(num({ label: 'lr', default: 1e-3, min: 1e-6, max: 10, log: true, doc: '' })), 'default 0.001 · 1e-6 – 10 (log)');
});

test('training settings agree with the graph schema', () => {
  const current = TrainSettingsSchema.parse({});
  for (const { key, def } of TRAIN_FIELDS) {
    assert.equal(checkSetting(key, def, def.default, current), null, `${key} default`);
    if (def.kind === 'number') {
      assert.equal(checkSetting(key, def, def.min, current), null, `${key} min`);
      assert.equal(checkSetting(key, def, def.max, current), null, `${key} max`);
      assert.notEqual(checkSetting(key, def, def.max * 2 + 1, current), null, `${key} above max`);
    }
  }
});
