// Graph fuzzer (README: "Fuzzing"): npm run fuzz -- [--cases N] [--seed S] [--no-compile] [--budget MS] [--json]
// Prints the tally; exit 1 when any case broke an invariant.
import * as tf from '@tensorflow/tfjs';
import { runFuzz } from './fuzz/check';
import { fuzzCase } from './fuzz/mutations';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) {
    process.stderr.write(`${name} needs a non-negative number\n`);
    process.exit(2);
  }
  return v;
};
const cases = opt('--cases', 10_000);
const seed = opt('--seed', 1);
const budgetMs = opt('--budget', 2_000);
const compileAccepted = !args.includes('--no-compile');
tf.env().set('PROD', true);
await tf.setBackend('cpu');

const s = await runFuzz((i) => fuzzCase(seed, i), cases, {
  compile: compileAccepted,
  budgetMs,
  onProgress: (n) => process.stderr.write(`  ${n} / ${cases}\n`),
});
if (args.includes('--json')) console.log(JSON.stringify({ seed, ...s }));
else {
  console.log(`fuzz seed ${seed}: ${s.cases} cases in ${(s.wallMs / 1000).toFixed(1)} s (${compileAccepted ? 'accepted graphs compiled' : 'no compile'})`);
  console.log(`  refused as files ${s.outcomes['invalid-file']}, refused with issues ${s.outcomes.issues}, accepted with a slow-step warning ${s.outcomes.slow}, accepted ${s.outcomes.accepted}`);
  console.log(`  slowest case ${s.maxCaseMs.toFixed(1)} ms (${s.maxCaseKind}); uncaught exceptions ${s.exceptions}; tensor delta ${s.tensorDelta}`);
  console.log(`  cases breaking an invariant: ${s.failures.length}`);
  for (const f of s.failures.slice(0, 30)) console.log(`  #${f.index} ${f.kind}: ${f.failures.join(' | ')}`);
}
process.exit(s.failures.length ? 1 : 0);
