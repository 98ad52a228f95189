// PyTorch export of the Memory queue (memory-queue.ts): MoCo's FIFO of keys, fed
// from every rank under torchrun (as the official dequeue_and_enqueue gathers keys).
import { features, kwargs, type TorchPart } from '../../engine/export/types';

const QUEUE = String.raw`
class MemoryQueue(nn.Module):
    """The last K normalised keys [K, D]; new keys enter at the front after the step."""

    def __init__(self, size, dim):
        super().__init__()
        self.size = size
        self.register_buffer("queue", F.normalize(torch.randn(size, dim), dim=1))

    def forward(self, keys, after):
        k = l2_normalize(keys.flatten(1)).detach()  # [N, D]
        after(lambda: self.enqueue(k))
        return self.queue.clone()

    @torch.no_grad()
    def enqueue(self, k):
        k = gather(k)  # the keys of every rank
        n = min(k.shape[0], self.size)
        self.queue.copy_(torch.cat([k[:n], self.queue[: self.size - n]], 0))
`;

export const memoryQueueTorch: TorchPart = {
  code: [{ file: 'model', key: 'MemoryQueue', source: QUEUE }],
  module: ({ params, inputTypes }) => `MemoryQueue(${kwargs({ size: params.size, dim: features(inputTypes.keys) })})`,
  forward: ({ py, inputs, out }) => [`${out.queue} = self.${py}(${inputs.keys}, self.after)`],
  weights: () => [{ studio: 'queue', torch: 'queue', layout: 'same' }],
};
