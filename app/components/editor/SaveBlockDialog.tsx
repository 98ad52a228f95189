'use client';
// Save the selected nodes as a block: a name and a description, then it is
// listed under "My blocks" in the palette and in quick add.
import { useId, useState, type FormEvent } from 'react';
import { Modal } from './Modal';

interface SaveBlockProps {
  open: boolean;
  count: number;
  onSave(name: string, description: string): Promise<string | null>;
  onClose(): void;
}

export function SaveBlockDialog({ open, count, onSave, onClose }: SaveBlockProps) {
  return (
    <Modal open={open} title="Save as block" onClose={onClose} className="save-block" testId="save-block">
      <SaveBlockForm count={count} onSave={onSave} onClose={onClose} />
    </Modal>
  );
}

function SaveBlockForm({ count, onSave, onClose }: Omit<SaveBlockProps, 'open'>) {
  const id = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(await onSave(name, description));
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="save-block__form">
      <p className="modal__text">
        {count} node{count === 1 ? '' : 's'} and the wires between them. Wires to nodes outside the selection are not kept.
      </p>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoFocus required aria-describedby={problem ? `${id}-problem` : undefined} />
      <label htmlFor={`${id}-desc`}>Description</label>
      <textarea id={`${id}-desc`} className="input" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} maxLength={2000} />
      {problem && (
        <p id={`${id}-problem`} className="modal__problem" role="alert">
          {problem}
        </p>
      )}
      <div className="modal__actions">
        <button type="button" className="btn btn--ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="btn btn--primary">
          Save block
        </button>
      </div>
    </form>
  );
}
