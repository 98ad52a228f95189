'use client';
// A view setting (smoothing, log axis, hidden panels…) that survives a reload.
// Read after mount, not during render: the page is prerendered, and reading
// localStorage while hydrating would make the first client render differ.
import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'latent-studio:';
const CHANGED = 'latent-studio:persisted';

/** Write a setting from outside its component (a share link's views); mounted readers pick it up. */
export function writePersisted(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage blocked: the readers keep their value
  }
  window.dispatchEvent(new CustomEvent(CHANGED, { detail: key }));
}

export function readPersisted(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

export function usePersisted<T>(key: string, initial: T, valid: (v: unknown) => v is T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const read = () => {
      const v = readPersisted(key);
      if (v !== undefined && valid(v)) setValue(v);
    };
    read();
    const onChanged = (e: Event) => (e as CustomEvent<string>).detail === key && read();
    window.addEventListener(CHANGED, onChanged);
    return () => window.removeEventListener(CHANGED, onChanged);
    // `valid` is a type guard defined next to the call; only the key identifies the setting
  }, [key]);
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        window.localStorage.setItem(PREFIX + key, JSON.stringify(v));
      } catch {
        // storage full or blocked: the setting still applies for this visit
      }
    },
    [key],
  );
  return [value, set];
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const oneOf =
  <T extends string>(...options: T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (options as string[]).includes(v);
