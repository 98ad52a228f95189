// The graph-level training settings described as ParamDefs, so the inspector
// renders them with the same field component, range text and docs as node
// params. The ranges mirror TrainSettingsSchema / GraphMetaSchema in
// engine/graph.ts, which stay the final word (see checkTrain).
import { GraphMetaSchema, TrainSettingsSchema, type TrainSettings } from '../../engine/graph';
import { bool, choice, int, num, type ParamDef } from '../../engine/params';
import { checkParam } from './param-input';

export type SettingKey = keyof TrainSettings | 'seed';

export const TRAIN_FIELDS: readonly { key: SettingKey; def: ParamDef }[] = [
  { key: 'optimizer', def: choice({ label: 'Optimizer', options: ['adam', 'sgd'] as const, default: 'adam', doc: 'Adam adapts a step size per weight; plain SGD uses one learning rate for all.' }) },
  { key: 'learningRate', def: num({ label: 'Learning rate', default: 1e-3, min: 1e-6, max: 10, step: 1e-4, log: true, doc: 'Size of each optimizer step; too large diverges, too small crawls.' }) },
  { key: 'beta1', def: num({ label: 'Adam β1', default: 0.9, min: 0, max: 0.9999, step: 0.01, doc: "Adam's first-moment decay (momentum); GANs train better with 0.5." }) },
  { key: 'steps', def: int({ label: 'Steps', default: 500, min: 1, max: 1_000_000, doc: 'Optimizer steps in one run.' }) },
  { key: 'logEvery', def: int({ label: 'Log every', default: 5, min: 1, max: 10_000, doc: 'Loss points are read back from the device every this many steps (reading stalls the GPU a little).' }) },
  { key: 'imageEvery', def: int({ label: 'Images every', default: 50, min: 1, max: 100_000, doc: 'Images, collapse monitors, node statistics and the energy landscape are refreshed every this many steps.' }) },
  { key: 'latentEvery', def: int({ label: 'Latent every', default: 50, min: 1, max: 100_000, doc: 'The 2-D latent-space projection of the held-out digits is refreshed every this many steps.' }) },
  { key: 'evalEvery', def: int({ label: 'Eval every', default: 0, min: 0, max: 1_000_000, doc: 'A quick held-out evaluation (kNN accuracy, held-out loss) every this many steps; 0 = none during the run.' }) },
  { key: 'evalAtEnd', def: bool({ label: 'Eval at end', default: true, doc: 'A full evaluation when the run ends, with the 10-label linear probe (the slow part).' }) },
  { key: 'seed', def: int({ label: 'Seed', default: 42, min: 0, max: 2 ** 31 - 1, doc: 'Fixes weight initialisation, batches and noise, so a run can be repeated exactly.' }) },
];

/** Checks one setting against both the field's range and the graph schema itself. */
export function checkSetting(key: SettingKey, def: ParamDef, value: unknown, current: TrainSettings): string | null {
  const own = checkParam(key, def, value);
  if (own) return own;
  if (key === 'seed') {
    const r = GraphMetaSchema.shape.seed.safeParse(value);
    return r.success ? null : `${def.label}: ${r.error.issues[0]?.message ?? 'invalid'}`;
  }
  const r = TrainSettingsSchema.safeParse({ ...current, [key]: value });
  if (r.success) return null;
  const issue = r.error.issues.find((i) => i.path[0] === key) ?? r.error.issues[0];
  return `${def.label}: ${issue?.message ?? 'invalid'}`;
}
