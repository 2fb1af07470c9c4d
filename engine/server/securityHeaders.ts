// Headers on every response of `sluice serve`: the renderer's CSP (rendererContent.ts) with the
// WebSocket to us, and no sniffing, framing or referrers.

import type { ServerResponse } from 'node:http';
import { contentSecurityPolicy } from './rendererContent.js';

export function setSecurityHeaders(res: ServerResponse, host: string): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://${host}`]));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // The first URL carries the token: never send it to another site.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
