// PyTorch export of the Latent grid (latent-grid.ts): the grid's codes, repeated per sample view-major.
import type { TorchPart } from '../../engine/export/types';

const GRID = String.raw`
def latent_grid(rows, dim, points, rng):
    """[G*rows, dim]: the cell centres of a points^dim grid over [-rng, rng]^dim (first
    coordinate slowest), code g for every row, then code g + 1."""
    axis = -rng + 2 * rng * (torch.arange(points, dtype=torch.float32) + 0.5) / points
    codes = torch.cartesian_prod(*([axis] * dim)).reshape(-1, dim)  # [G, dim]
    return codes[:, None, :].expand(-1, rows, -1).reshape(-1, dim)
`;

export const latentGridTorch: TorchPart = {
  code: [{ file: 'model', key: 'latent_grid', source: GRID }],
  forward: ({ inputs, out, params }) => [`${out.out} = latent_grid(${inputs.like}.shape[0], ${params.dim}, ${params.points}, ${params.range})`],
};
