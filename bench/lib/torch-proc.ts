// A long-lived PyTorch process (bench/step_torch.py) answering timing requests, so
// the studio, the hand-written tfjs step and PyTorch are measured in turns in
// one run, each under the same load.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';

export interface TorchRequest {
  dir: string;
  aug: boolean;
  threads: number;
  steps: number;
  warm?: number;
}

export class TorchProcess {
  private proc: ChildProcessWithoutNullStreams;
  private lines: AsyncIterator<string>;

  /** `reference`: load Debian's reference BLAS even where the system points at OpenBLAS (for a before/after). */
  constructor(blas: 'system' | 'reference' = 'system', python = '/usr/bin/python3') {
    const lib = '/usr/lib/x86_64-linux-gnu';
    const env = blas === 'reference' ? { ...process.env, LD_LIBRARY_PATH: `${lib}/blas:${lib}/lapack` } : process.env;
    this.proc = spawn('nice', ['-n', '10', python, path.join(import.meta.dirname, '..', 'step_torch.py')], { stdio: ['pipe', 'pipe', 'pipe'], env });
    this.proc.stderr.on('data', (d) => process.stderr.write(`[torch] ${d}`));
    this.lines = createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }

  /** The BLAS the PyTorch process loaded, as it reported with its last answer. */
  blas = '';

  /** Wall and CPU ms per step. */
  async time(r: TorchRequest): Promise<{ ms: number; cpuMs: number }> {
    this.proc.stdin.write(`${JSON.stringify(r)}\n`);
    const next = await this.lines.next();
    if (next.done) throw new Error('the PyTorch process ended (is python3-torch installed? /usr/bin/python3 -c "import torch")');
    const a = JSON.parse(next.value) as { ms: number; cpu_ms: number; blas: string };
    this.blas = a.blas;
    return { ms: a.ms, cpuMs: a.cpu_ms };
  }

  close(): void {
    this.proc.stdin.end();
  }
}
