'use client';
// Editing a recorded run in place in the Runs drawer: its name (click to
// rename, Enter or blur keeps, Escape cancels) and its tags (add, remove).
import { useEffect, useRef, useState } from 'react';
import type { RunSummary } from '../../lib/runs/summary';

export function NameField({ run, onRename }: { run: RunSummary; onRename(name: string): void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(run.name);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);
  if (!editing) {
    return (
      <button
        type="button"
        className="runs-row__name"
        title="Rename"
        onClick={() => {
          setValue(run.name);
          setEditing(true);
        }}
      >
        {run.name || 'Untitled run'}
      </button>
    );
  }
  const commit = () => {
    setEditing(false);
    if (value.trim() !== run.name) onRename(value);
  };
  return (
    <input
      ref={input}
      className="runs-row__name-input"
      value={value}
      maxLength={200}
      aria-label="Run name"
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') {
          e.stopPropagation();
          setEditing(false);
        }
      }}
    />
  );
}

export function Tags({ run, onSetTags }: { run: RunSummary; onSetTags(tags: string[]): void }) {
  const [adding, setAdding] = useState(false);
  const [value, setValue] = useState('');
  const add = () => {
    const t = value.trim();
    setValue('');
    setAdding(false);
    if (t && !run.tags.includes(t)) onSetTags([...run.tags, t]);
  };
  return (
    <div className="runs-tags">
      {run.tags.map((t) => (
        <span key={t} className="runs-tag">
          {t}
          <button type="button" aria-label={`Remove tag ${t}`} onClick={() => onSetTags(run.tags.filter((x) => x !== t))}>
            ×
          </button>
        </span>
      ))}
      {adding ? (
        <input
          autoFocus
          className="input-sm runs-tag-input"
          value={value}
          maxLength={40}
          aria-label="New tag"
          placeholder="tag"
          onChange={(e) => setValue(e.target.value)}
          onBlur={add}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add();
            if (e.key === 'Escape') {
              e.stopPropagation();
              setValue('');
              setAdding(false);
            }
          }}
        />
      ) : (
        <button type="button" className="runs-tag-add" onClick={() => setAdding(true)} aria-label={`Add a tag to ${run.name}`}>
          + tag
        </button>
      )}
    </div>
  );
}
