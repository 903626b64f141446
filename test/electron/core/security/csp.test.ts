import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../../electron/core/security/csp';

/** docs/product.md, Security: a strict Content-Security-Policy. A change that loosens it must fail here. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('Content-Security-Policy', () => {
  const electron = directives(contentSecurityPolicy({ connect: [] }));
  const web = directives(contentSecurityPolicy({ connect: ['ws://127.0.0.1:4817'] }));

  it('denies everything not named, and names only the app itself for scripts', () => {
    expect(electron.get('default-src')).toEqual(["'none'"]);
    expect(electron.get('script-src')).toEqual(["'self'"]);
  });

  it('never allows inline scripts, eval, plugins, frames, forms or a foreign base', () => {
    for (const csp of [electron, web]) {
      const all = [...csp.values()].flat();
      expect(all).not.toContain("'unsafe-eval'");
      expect(all).not.toContain("'wasm-unsafe-eval'");
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      expect(csp.get('base-uri')).toEqual(["'none'"]);
      expect(csp.get('form-action')).toEqual(["'none'"]);
      for (const values of csp.values()) expect(values).not.toContain('*');
    }
  });

  it('lets the page connect only to itself, plus the web shell its own WebSocket', () => {
    expect(electron.get('connect-src')).toEqual(["'self'"]);
    expect(web.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4817']);
  });

  it('takes images and media from the app, data: and blob: only (plus named media hosts)', () => {
    expect(electron.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives(contentSecurityPolicy({ connect: [], media: ['lede-media:'] })).get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'lede-media:']);
  });
});
