// Serves the renderer bundle on app://sluice/ with our CSP on every response, and locks down the
// session: no permission (camera, notifications, geolocation…) is ever granted.

import { protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppPath } from './appUrl.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, corsEnabled: true },
    },
  ]);
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
};

export function serveRenderer(rendererDir: string): void {
  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir);
    if (file === null) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { ...SECURITY_HEADERS, 'content-type': contentTypeFor(file) } });
    } catch {
      return new Response(`Not found: ${new URL(request.url).pathname}`, {
        status: 404,
        headers: SECURITY_HEADERS,
      });
    }
  });
  // The canvas may write to the clipboard (copy nodes); nothing else is ever allowed.
  const allowed = new Set(['clipboard-sanitized-write']);
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(allowed.has(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));
}
