// Every node type, by its stable type string. The palette, the validator and
// the compiler all read this one list; nodes/registry.test.ts checks each entry.
import type { ParamDefs } from '../engine/params';
import type { NodeSpec } from '../engine/spec';
import { gaussianNoise } from './augment/gaussian-noise';
import { mnist } from './data/mnist';
import { reconstruction } from './loss/reconstruction';
import { decoder } from './network/decoder';
import { encoder } from './network/encoder';

export const NODE_SPECS = [mnist, gaussianNoise, encoder, decoder, reconstruction] as const satisfies readonly NodeSpec<ParamDefs>[];

export type AnyNodeSpec = NodeSpec<ParamDefs>;

const byType = new Map<string, AnyNodeSpec>(NODE_SPECS.map((s) => [s.type, s as unknown as AnyNodeSpec]));

export function getSpec(type: string): AnyNodeSpec | undefined {
  return byType.get(type);
}

export function allSpecs(): AnyNodeSpec[] {
  return [...byType.values()];
}
