'use client';
// A press (pointerdown) anywhere outside `ref` while `active`: how menus and the
// floating palette fold away. `capture` hears presses that a handler on the way
// (React Flow's pane) stops from bubbling.
import { useEffect, useRef, type RefObject } from 'react';

export function usePressOutside(ref: RefObject<HTMLElement | null>, active: boolean, onOutside: () => void, capture = false) {
  // the latest callback, without re-subscribing each render
  const latest = useRef(onOutside);
  latest.current = onOutside;
  useEffect(() => {
    if (!active) return;
    const target = capture ? window : document;
    const onDown = (e: Event) => {
      if (!ref.current?.contains(e.target as Node)) latest.current();
    };
    target.addEventListener('pointerdown', onDown, capture);
    return () => target.removeEventListener('pointerdown', onDown, capture);
  }, [ref, active, capture]);
}
