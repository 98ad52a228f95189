// Light, dark or the system's choice. The choice is stored in localStorage and
// applied as data-theme on <html> (no attribute: tokens.css follows
// prefers-color-scheme). An inline script in app/layout.tsx applies the stored
// choice before the first paint (THEME_BOOT), so a reload never flashes the
// other theme. Painting code redraws on THEME_EVENT (useThemeKey).

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'latent-studio.theme';
/** Fired on window after the page's theme changed (a toggle, or the OS switching while on 'system'). */
export const THEME_EVENT = 'latent-studio:theme';

export function isThemeChoice(v: unknown): v is ThemeChoice {
  return v === 'system' || v === 'light' || v === 'dark';
}

/** Runs in <head> before anything paints; kept tiny and self-contained (it is inlined as text). */
export const THEME_BOOT = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='light'||t==='dark')document.documentElement.setAttribute('data-theme',t)}catch(e){}`;

export function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return isThemeChoice(v) ? v : 'system';
  } catch {
    return 'system';
  }
}

/** The theme the page shows now. */
export function currentTheme(): Theme {
  if (typeof document === 'undefined') return 'dark';
  const set = document.documentElement.getAttribute('data-theme');
  if (set === 'light' || set === 'dark') return set;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // private mode: the choice lasts for this page only
  }
  window.dispatchEvent(new Event(THEME_EVENT));
}

/** The next choice of the toggle: system → light → dark → system. */
export function nextChoice(c: ThemeChoice): ThemeChoice {
  return c === 'system' ? 'light' : c === 'light' ? 'dark' : 'system';
}
