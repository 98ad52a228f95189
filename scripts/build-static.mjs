#!/usr/bin/env node
// `npm run build:static`: the studio as a folder of static files (out/) that any static
// server can host (`npx serve out`, nginx, a USB stick), for classrooms without the dev
// server. Next exports the app (LATENT_STATIC=1 switches next.config.mjs to
// `output: 'export'`). An export still builds in .next, so `npm start`'s build is moved
// aside to .next-server for the export and put back after it (do not run this while
// `npm start` serves from the same folder); then
// the Workbox runtime is copied in and out/sw.js is written with a precache manifest of
// every file (path + content hash), so one visit makes the studio work offline.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { nextBin, root } from './lib/build-check.mjs';

const out = join(root, 'out');
const WORKBOX = ['workbox-sw/build/workbox-sw.js', ...['core', 'routing', 'strategies', 'precaching'].map((m) => `workbox-${m}/build/workbox-${m}.prod.js`)];

function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

await run(process.execPath, ['scripts/build-mnist.mjs']);
rmSync(out, { recursive: true, force: true });
const dotNext = join(root, '.next');
const kept = join(root, '.next-server');
if (existsSync(kept)) throw new Error('.next-server exists: an earlier build:static was cut off; move it back to .next (or delete it) first');
const hadBuild = existsSync(dotNext);
if (hadBuild) renameSync(dotNext, kept);
try {
  await run(process.execPath, [nextBin, 'build'], { LATENT_STATIC: '1' });
} finally {
  rmSync(dotNext, { recursive: true, force: true });
  if (hadBuild) renameSync(kept, dotNext);
}
if (!existsSync(join(out, 'index.html'))) throw new Error('next build wrote no out/index.html');

mkdirSync(join(out, 'workbox'), { recursive: true });
for (const f of WORKBOX) copyFileSync(join(root, 'node_modules', f), join(out, 'workbox', f.split('/').pop()));

const manifest = files(out)
  .map((p) => relative(out, p).split(sep).join('/'))
  .filter((p) => p !== 'sw.js' && !p.startsWith('workbox/') && !p.endsWith('.map'))
  .sort()
  .map((p) => ({ url: `/${p}`, revision: createHash('sha256').update(readFileSync(join(out, p))).digest('hex').slice(0, 16) }));
const sw = readFileSync(join(root, 'scripts', 'static', 'sw.js'), 'utf8').replace('self.__WB_MANIFEST', JSON.stringify(manifest));
writeFileSync(join(out, 'sw.js'), sw);
const mb = manifest.reduce((a, m) => a + statSync(join(out, m.url.slice(1))).size, 0) / 1e6;
console.log(`build:static: out/ holds ${manifest.length} files (${mb.toFixed(1)} MB precached). Host it with: npx serve out`);
