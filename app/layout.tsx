import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './styles/tokens.css';
import './globals.css';
import { OfflineWorker } from './components/OfflineWorker';

export const metadata: Metadata = {
  title: 'Latent Studio',
  description: 'Wire autoencoders, joint-embedding and energy-based models from nodes and train them in the browser.',
};

// No theme-color: it would be a colour literal outside app/styles/tokens.css, and it only
// tinted the toolbar of mobile browsers.
export const viewport: Viewport = { colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // data-theme picks the dark token set (the studio's look); the light set is the default
    // for pages without it, ready for a theme toggle.
    <html lang="en" data-theme="dark">
      <body>
        {children}
        <OfflineWorker />
      </body>
    </html>
  );
}
