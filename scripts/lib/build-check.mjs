// Shared by scripts/start.mjs and scripts/e2e.mjs: is the production build in .next
// current, and if not, build it with `npm run build` (mnist asset + next build).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Inputs of `next build`: a change to any of them makes .next stale. */
const SOURCE_DIRS = ['app', 'engine', 'nodes', 'workers'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'next.config.mjs', 'tsconfig.json'];
const SKIP_DIRS = new Set(['node_modules', '.next', '.git']);

function newestMtime(dir) {
  let newest = 0;
  let file = '';
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(ent.name)) continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) {
      const sub = newestMtime(p);
      if (sub.mtime > newest) ({ mtime: newest, file } = sub);
    } else if (ent.isFile() && !/\.test\.tsx?$/.test(ent.name)) {
      const m = statSync(p).mtimeMs;
      if (m > newest) [newest, file] = [m, p];
    }
  }
  // A deleted file changes its directory's mtime.
  const d = statSync(dir).mtimeMs;
  if (d > newest) [newest, file] = [d, dir];
  return { mtime: newest, file };
}

/**
 * Returns null when the build marked by `marker` (.next/BUILD_ID; out/sw.js for the static
 * build) is newer than every source, else the reason to rebuild.
 */
export function buildStaleReason(marker = '.next/BUILD_ID') {
  const idFile = join(root, marker);
  if (!existsSync(idFile)) return `no production build (${marker} missing)`;
  const built = statSync(idFile).mtimeMs;
  for (const d of SOURCE_DIRS) {
    const abs = join(root, d);
    if (!existsSync(abs)) continue;
    const { mtime, file } = newestMtime(abs);
    if (mtime > built) return `${file.slice(root.length + 1)} is newer than ${marker}`;
  }
  for (const f of SOURCE_FILES) {
    const abs = join(root, f);
    if (existsSync(abs) && statSync(abs).mtimeMs > built) return `${f} is newer than ${marker}`;
  }
  return null;
}

/** Runs a command with inherited stdio; resolves with its exit code; forwards SIGINT/SIGTERM. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
    });
  });
}

const npmCmd = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Builds when stale; always refreshes the (fast, idempotent) data assets. Returns an exit code. */
export async function ensureBuild({ log = console.log } = {}) {
  const reason = buildStaleReason();
  if (reason) {
    log(`build: ${reason}; running npm run build`);
    const t0 = Date.now();
    const code = await run(npmCmd, ['run', 'build']);
    if (code !== 0) return code;
    log(`build: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return 0;
  }
  log('build: .next is up to date');
  // public/ is served live by next start: make sure the data assets exist.
  return run(process.execPath, [join(root, 'scripts', 'build-mnist.mjs')]);
}

/** The `next` CLI entry, run with the current node. */
export const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
