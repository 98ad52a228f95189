'use client';
// A message that must stay until read: an import that failed with the
// schema's reasons, or an autosave that could not be restored.
import './Banner.css';

export interface BannerInfo {
  title: string;
  lines: string[];
  tone: 'error' | 'warning';
}

export function Banner({ banner, onClose }: { banner: BannerInfo | null; onClose(): void }) {
  if (!banner) return null;
  return (
    <div className={`banner banner--${banner.tone}`} role="alert" data-testid="banner">
      <div className="banner__body">
        <strong>{banner.title}</strong>
        {banner.lines.length > 0 && (
          <ul>
            {banner.lines.slice(0, 12).map((l, i) => (
              <li key={i}>{l}</li>
            ))}
            {banner.lines.length > 12 && <li>… and {banner.lines.length - 12} more</li>}
          </ul>
        )}
      </div>
      <button type="button" className="banner__close" aria-label="Dismiss message" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
