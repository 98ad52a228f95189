'use client';
// A view setting (smoothing, log axis, hidden panels…) that survives a reload.
// Read after mount, not during render: the page is prerendered, and reading
// localStorage while hydrating would make the first client render differ.
import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'latent-studio:';

export function usePersisted<T>(key: string, initial: T, valid: (v: unknown) => v is T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    try {
      const raw = window.localStorage.getItem(PREFIX + key);
      if (raw === null) return;
      const v: unknown = JSON.parse(raw);
      if (valid(v)) setValue(v);
    } catch {
      // unreadable or unavailable storage: keep the default
    }
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
