// Shared by the loss nodes' export parts: a loss node assigns its value to
// terms[id] (and sub-terms to terms["id/name"]) from a function in losses.py
// (whose header, engine/export/project.ts, holds l2_normalize and split_views).
import { kwargs, type EmitArgs, type TorchPart } from '../../engine/export/types';


export interface LossCall {
  /** Python function in losses.py and its source. */
  fn: string;
  source: string;
  /** Call arguments after the inputs. */
  args?(p: Record<string, unknown>, a: EmitArgs): Record<string, unknown>;
  /** Input ports in call order; `global` ports are gathered from every rank first (the official code's global batch). */
  ports: Array<{ id: string; global?: boolean }>;
  /** Sub-terms the function returns after the loss, as (loss, {name: value}). */
  terms?: boolean;
}

/** A loss node's part: terms[id] = losses.fn(*inputs, **args). */
export function lossPart(c: LossCall): TorchPart {
  return {
    code: [{ file: 'losses', key: c.fn, source: c.source }],
    forward: (a: EmitArgs) => {
      const { id, inputs, inputTypes, params } = a;
      const args = c.ports.map(({ id: port, global }) => (global ? `gather_views(${inputs[port]}, ${inputTypes[port].views ?? 1})` : inputs[port]));
      const extra = c.args ? kwargs(c.args(params, a)) : '';
      const call = `losses.${c.fn}(${[...args, ...(extra ? [extra] : [])].join(', ')})`;
      if (!c.terms) return [`terms[${JSON.stringify(id)}] = ${call}`];
      return [`terms[${JSON.stringify(id)}], sub = ${call}`, `terms.update({${JSON.stringify(`${id}/`)} + k: v for k, v in sub.items()})`];
    },
  };
}
