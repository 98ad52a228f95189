'use client';
// One form field for one ParamDef: the control, its default and range, and
// the one-line explanation. A value is applied only when the schema accepts
// it; while typing, the text stays with the schema's message under it, so a
// half-typed number never reaches the graph (or the autosave). Leaving the
// field with a value that is still refused reverts it to the value in use and
// says so: what the field shows is always what training will use.
import { useId, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { NumberParam, ParamDef } from '../../engine/params';
import { describeRange, formatParam, readParam } from '../lib/param-input';
import type { DatasetRef } from '../../engine/params';
import { DatasetPicker } from './data/DatasetPicker';
import './ParamField.css';

export interface NodeChoice {
  id: string;
  label: string;
  category: string;
}

interface ParamFieldProps {
  def: ParamDef;
  /** Other nodes of the graph, for parameters that refer to nodes by id. */
  nodeChoices?: readonly NodeChoice[];
  value: unknown;
  disabled?: boolean;
  /** null when the value may be applied, else why not. */
  check(value: unknown): string | null;
  onCommit(value: unknown): void;
}

type SliderScale = { kind: 'linear'; min: number; max: number; step: number } | { kind: 'log'; min: number; max: number };

/** A slider only where dragging is a sensible way to choose: bounded ranges, log for wide positive ones. */
function sliderScale(d: NumberParam): SliderScale | null {
  if (d.log || (d.min > 0 && d.max / d.min >= 100)) return d.min > 0 ? { kind: 'log', min: Math.log10(d.min), max: Math.log10(d.max) } : null;
  const step = d.step ?? (d.int ? 1 : (d.max - d.min) / 100);
  if ((d.max - d.min) / step > 10_000) return null;
  return { kind: 'linear', min: d.min, max: d.max, step };
}

/** Two significant digits: a log slider should land on 250, not 247.3. */
function nice(v: number, d: NumberParam): number {
  const p = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 1);
  let r = Math.round(v / p) * p;
  r = Number(r.toPrecision(2));
  if (d.int) r = Math.round(r);
  return Math.min(d.max, Math.max(d.min, r));
}

export function ParamField({ def, nodeChoices = [], value, disabled, check, onCommit }: ParamFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reverted, setReverted] = useState<string | null>(null);

  const apply = (v: unknown) => {
    const why = check(v);
    setError(why);
    if (!why) onCommit(v);
    return !why;
  };

  const onText = (e: ChangeEvent<HTMLInputElement>) => {
    const text = e.target.value;
    setDraft(text);
    setReverted(null);
    const r = readParam(def, text);
    if (!r.ok) setError(r.error);
    else apply(r.value);
  };

  const onBlur = () => {
    if (error && draft !== null) setReverted(`“${draft}” was not applied (${error.replace(/\.$/, '')}); back to ${formatParam(def, value) || 'the previous value'}.`);
    setDraft(null);
    setError(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setDraft(null);
      setError(null);
    }
  };

  const errorId = `${id}-error`;
  const docId = `${id}-doc`;
  const described = [docId, error ? errorId : ''].filter(Boolean).join(' ');
  const isDefault = JSON.stringify(value) === JSON.stringify(def.default);

  let control: ReactNode;
  switch (def.kind) {
    case 'number': {
      const scale = sliderScale(def);
      const v = typeof value === 'number' ? value : def.default;
      control = (
        <>
          <input
            id={id}
            type="number"
            inputMode="decimal"
            className="field__number"
            min={def.min}
            max={def.max}
            step={def.step ?? (def.int ? 1 : 'any')}
            value={draft ?? formatParam(def, value)}
            onChange={onText}
            onBlur={onBlur}
            onKeyDown={onKeyDown}
            disabled={disabled}
            aria-invalid={!!error}
            aria-describedby={described}
          />
          {scale && (
            <input
              type="range"
              className="field__slider"
              aria-label={`${def.label} (slider)`}
              min={scale.min}
              max={scale.max}
              step={scale.kind === 'log' ? 0.01 : scale.step}
              value={scale.kind === 'log' ? Math.log10(Math.max(v, def.min)) : v}
              disabled={disabled}
              onChange={(e) => {
                const s = Number(e.target.value);
                const next = scale.kind === 'log' ? nice(Math.pow(10, s), def) : def.int ? Math.round(s) : Number(s.toPrecision(6));
                setDraft(null);
                apply(next);
              }}
            />
          )}
        </>
      );
      break;
    }
    case 'choice':
      control = (
        <select id={id} value={String(value ?? def.default)} disabled={disabled} onChange={(e) => apply(e.target.value)} aria-describedby={described}>
          {def.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      control = <input id={id} type="checkbox" checked={Boolean(value ?? def.default)} disabled={disabled} onChange={(e) => apply(e.target.checked)} aria-describedby={described} />;
      break;
    case 'nodes': {
      const picked = Array.isArray(value) ? (value as string[]) : def.default;
      const allowed = nodeChoices.filter((c) => def.categories.includes(c.category) && !picked.includes(c.id));
      const labelOf = (nid: string) => nodeChoices.find((c) => c.id === nid)?.label;
      control = (
        <div className="nodes-picker">
          {picked.length > 0 && (
            <ol className="nodes-picker__list">
              {picked.map((nid, i) => (
                <li key={nid} className={labelOf(nid) ? '' : 'is-missing'}>
                  <span>
                    {labelOf(nid) ?? 'missing node'} <code>{nid}</code>
                  </span>
                  {!disabled && i > 0 && (
                    <button type="button" className="icon-btn" aria-label={`Move ${nid} earlier`} onClick={() => apply([...picked.slice(0, i - 1), nid, picked[i - 1], ...picked.slice(i + 1)])}>
                      ↑
                    </button>
                  )}
                  {!disabled && (
                    <button type="button" className="icon-btn" aria-label={`Remove ${nid}`} onClick={() => apply(picked.filter((x) => x !== nid))}>
                      ×
                    </button>
                  )}
                </li>
              ))}
            </ol>
          )}
          <select
            id={id}
            value=""
            disabled={disabled || allowed.length === 0 || picked.length >= def.maxItems}
            onChange={(e) => e.target.value && apply([...picked, e.target.value])}
            aria-describedby={described}
          >
            <option value="">{allowed.length ? 'Add a node…' : `No ${def.categories.join(' / ')} node to add`}</option>
            {allowed.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label} ({c.id})
              </option>
            ))}
          </select>
        </div>
      );
      break;
    }
    case 'dataset':
      control = <DatasetPicker id={id} value={value as DatasetRef | null} disabled={disabled} described={described} onPick={apply} />;
      break;
    case 'intList':
      control = (
        <input
          id={id}
          type="text"
          className="field__text"
          placeholder="e.g. 512, 128"
          value={draft ?? formatParam(def, value)}
          onChange={onText}
          onBlur={onBlur}
          onKeyDown={onKeyDown}
          disabled={disabled}
          aria-invalid={!!error}
          aria-describedby={described}
          spellCheck={false}
        />
      );
      break;
  }

  return (
    <div className={`field field--${def.kind}${error ? ' has-error' : ''}`}>
      <div className="field__head">
        <label htmlFor={id}>{def.label}</label>
        <span className="field__range">{describeRange(def)}</span>
        {!isDefault && !disabled && (
          <button
            type="button"
            className="field__reset"
            title={`Reset to ${formatParam(def, def.default) || 'default'}`}
            aria-label={`Reset ${def.label}`}
            onClick={() => {
              setDraft(null);
              apply(Array.isArray(def.default) ? [...def.default] : def.default);
            }}
          >
            ↺
          </button>
        )}
      </div>
      <div className="field__control">{control}</div>
      <p id={docId} className="field__doc">
        {def.doc}
      </p>
      {error && (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      )}
      {reverted && !error && (
        <p className="field__error" role="status" data-testid="field-reverted">
          {reverted}
        </p>
      )}
    </div>
  );
}
