import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { THEME_BOOT } from './lib/theme-mode';
import './styles/tokens.css';
import './globals.css';
import { OfflineWorker } from './components/OfflineWorker';

export const metadata: Metadata = {
  title: 'Latent Studio',
  description: 'Wire autoencoders, joint-embedding and energy-based models from nodes and train them in the browser.',
};

// No theme-color: it would be a colour literal outside app/styles/tokens.css, and it only
// tinted the toolbar of mobile browsers.
export const viewport: Viewport = { colorScheme: 'light dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // No data-theme by default: tokens.css follows the OS. The inline script applies a stored
    // Light/Dark choice before the first paint, so a reload never flashes the other theme;
    // React must not complain that the attribute it did not render is there.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT }} />
      </head>
      <body>
        {children}
        <OfflineWorker />
      </body>
    </html>
  );
}
