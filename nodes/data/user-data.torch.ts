// PyTorch export of the "Your data" node (user-data.ts): the prepared dataset is
// exported with the project (data/dataset.npz); images are scaled like the node's
// pixel range, vectors pass as they are.
import type { TorchPart } from '../../engine/export/types';
import { imageBatch } from './image.torch';

export const userDataTorch: TorchPart = {
  forward: (a) =>
    (a.params.dataset as { kind?: string } | null)?.kind === 'vector'
      ? [`${a.out.x} = batch["x"].float()  # [B, F]`, ...(a.out.labels ? [`${a.out.labels} = batch["labels"]`] : [])]
      : imageBatch({ ...a, out: { ...a.out, image: a.out.x } }),
};
