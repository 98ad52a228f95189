'use client';
// The inspector's field for a "Your data" node: pick one of the imported datasets,
// or import one. A graph that names a dataset this device lacks says so here too.
import { refOf } from '../../../engine/data/store';
import type { DatasetRef } from '../../../engine/params';
import { useDatasets } from './data-context';

interface Props {
  id: string;
  value: DatasetRef | null;
  disabled?: boolean;
  described: string;
  onPick(ref: DatasetRef): void;
}

export function DatasetPicker({ id, value, disabled, described, onPick }: Props) {
  const { snap, ctx } = useDatasets();
  const list = snap.list ?? [];
  const missing = !!value && snap.list !== null && !list.some((d) => d.id === value.id);
  return (
    <div className="dataset-picker">
      <select
        id={id}
        value={value && !missing ? value.id : ''}
        disabled={disabled}
        aria-describedby={described}
        onChange={(e) => {
          const m = list.find((d) => d.id === e.target.value);
          if (m) onPick(refOf(m));
        }}
      >
        <option value="">{missing ? `“${value!.name}” (not on this device)` : list.length ? 'Choose a dataset…' : 'No dataset imported yet'}</option>
        {list.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
      <button type="button" className="btn" disabled={disabled} onClick={() => ctx?.openPanel(true)}>
        Import…
      </button>
      {missing && (
        <p className="field__error" role="alert">
          This graph uses “{value!.name}”, which is not imported on this device. Import the same file to train it.
        </p>
      )}
    </div>
  );
}
