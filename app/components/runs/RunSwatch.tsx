// The coloured square that marks a run wherever the compare view names it.
export function RunSwatch({ color }: { color: string }) {
  return <span className="cmp__swatch" style={{ background: color }} />;
}
