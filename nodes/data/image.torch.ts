// Shared by the image dataset nodes' export parts: data.py yields raw pixels
// (uint8, NHWC) and labels; the node scales them to its pixel range.
import type { EmitArgs } from '../../engine/export/types';

export function imageBatch({ out, params }: EmitArgs): string[] {
  const [lo, hi] = params.range === '-1..1' ? [-1, 1] : [0, 1];
  const lines = [`${out.image} = batch["x"].float() * ${(hi - lo) / 255} + ${lo}  # [B, H, W, C] in ${params.range}`];
  if (out.labels) lines.push(`${out.labels} = batch["labels"]`);
  if (out.factors) lines.push(`${out.factors} = batch["factors"]`);
  return lines;
}
