'use client';
// The page's theme for code that paints: canvases and charts read colors from
// the tokens when they draw, so a component redraws when this value changes.
import { useEffect, useState } from 'react';
import { THEME_EVENT, currentTheme, type Theme } from './theme-mode';

export function useTheme(): Theme {
  const [theme, setTheme] = useState<Theme>(() => currentTheme());
  useEffect(() => {
    const update = () => setTheme(currentTheme());
    const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
    window.addEventListener(THEME_EVENT, update);
    media?.addEventListener('change', update);
    update();
    return () => {
      window.removeEventListener(THEME_EVENT, update);
      media?.removeEventListener('change', update);
    };
  }, []);
  return theme;
}
