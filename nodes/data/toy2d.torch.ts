// PyTorch export of the Toy 2-D node (toy2d.ts): the drawn points are exported with the project.
import type { TorchPart } from '../../engine/export/types';

export const toy2dTorch: TorchPart = {
  forward: ({ out }) => [`${out.points} = batch["x"].float()  # [B, 2]`, ...(out.labels ? [`${out.labels} = batch["labels"]`] : [])],
};
