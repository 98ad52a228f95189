// The train CLI's exit codes and failure lines (README: "Exit codes"): a graph
// that cannot be loaded — missing, empty, invalid — is exit 1 with an issue and
// a failed summary; exit 2 is only for the command line itself.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { presetGraph } from '../engine/presets';

const root = path.resolve(import.meta.dirname, '..');
const train = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/train.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  return { code: r.status, lines, stderr: r.stderr };
};

test('missing, empty and out-of-range graph files all exit 1 with an issue in words; usage errors exit 2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'train-cli-'));
  writeFileSync(path.join(dir, 'empty.json'), '');
  const g = presetGraph('ae')!;
  g.meta.train.learningRate = 1e6 as never;
  writeFileSync(path.join(dir, 'lr.json'), JSON.stringify(g));

  const missing = train(path.join(dir, 'nope.json'), '--json');
  const empty = train(path.join(dir, 'empty.json'), '--json');
  const lr = train(path.join(dir, 'lr.json'), '--json');
  for (const [name, r] of Object.entries({ missing, empty, lr })) {
    assert.equal(r.code, 1, name);
    assert.deepEqual(r.lines.map((l) => l.type), ['issues', 'summary'], name);
    assert.equal(r.lines[1].state, 'failed', name);
    assert.equal(r.lines[0].issues[0].code, 'invalid-file', name);
  }
  assert.match(missing.lines[0].issues[0].message, /cannot read .*nope\.json: no such file/);
  assert.match(empty.lines[0].issues[0].message, /the file is empty/);
  assert.match(lr.lines[0].issues[0].message, /the learning rate \(meta\.train\.learningRate\) must be at most 10 \(got 1000000\)/);

  assert.equal(train('--bogus').code, 2);
  assert.equal(train('--preset', 'no-such-preset').code, 2);
});
