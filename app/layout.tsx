import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Latent Studio',
  description: 'Wire autoencoders, joint-embedding and energy-based models from nodes and train them in the browser.',
};

export const viewport: Viewport = { themeColor: '#0b0f17', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
