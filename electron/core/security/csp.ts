/**
 * The Content-Security-Policy of the workstation page, for both shells.
 * Scripts only from the app itself; no plugins, frames, inline scripts or
 * eval; styles may be inline because the editor positions things with style
 * attributes. `connect` lists where the page may open connections.
 */
export function contentSecurityPolicy(options: { connect: string[]; media?: string[] }): string {
  const media = ["'self'", 'data:', 'blob:', ...(options.media ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self' data:",
    `connect-src 'self' ${options.connect.join(' ')}`.trim(),
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
