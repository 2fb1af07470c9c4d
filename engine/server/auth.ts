// Who may talk to `sluice serve`. Loopback is no security boundary: any web page in the user's
// browser can send requests to 127.0.0.1 (cross-site requests) or reach it under a name it controls
// (DNS rebinding), and a workflow runs code. So every request needs the token, the Host header must
// name this server, and an Origin, when sent, must be this server's own.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface AuthConfig {
  token: string;
  port: number;
  /** Extra host names accepted in the Host header (the `--host` given); loopback names always are. */
  allowAnyHost: boolean;
}

export type AuthResult = { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403; message: string };

export function generateToken(): string {
  return randomBytes(32).toString('hex');
}

export function cookieName(port: number): string {
  // Cookies ignore ports: two servers on one machine must not overwrite each other's.
  return `sluice_token_${port}`;
}

/** Constant-time comparison; hashing first makes the lengths equal. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `host:port` of the Host header, checked against loopback names and our port. */
export function hostAllowed(hostHeader: string | undefined, config: AuthConfig): boolean {
  if (!hostHeader) return false;
  if (config.allowAnyHost) return true;
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(?::(\d+))?$/.exec(hostHeader.trim().toLowerCase());
  if (!match) return false;
  const [, name = '', port] = match;
  const loopback = LOOPBACK_NAMES.has(name) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
  return loopback && port === String(config.port);
}

/** An Origin header, when present, must be `http://` + the (already checked) Host of the request. */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  return origin.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      out.set(key, decodeURIComponent(value));
    } catch {
      out.set(key, value);
    }
  }
  return out;
}

/** The token of a request: `?token=`, `Authorization: Bearer`, or our cookie. */
function presentedTokens(
  req: IncomingMessage,
  url: URL,
  config: AuthConfig,
): Array<{ token: string; viaQuery: boolean }> {
  const out: Array<{ token: string; viaQuery: boolean }> = [];
  // Every `?token=` counts: a good first one must not carry a second, unchecked one along.
  for (const query of url.searchParams.getAll('token')) out.push({ token: query, viaQuery: true });
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+/i.test(auth))
    out.push({ token: auth.replace(/^Bearer\s+/i, '').trim(), viaQuery: false });
  const cookie = parseCookies(req.headers.cookie).get(cookieName(config.port));
  if (cookie !== undefined) out.push({ token: cookie, viaQuery: false });
  return out;
}

export function authorize(req: IncomingMessage, url: URL, config: AuthConfig): AuthResult {
  const host = req.headers.host;
  if (!hostAllowed(host, config)) {
    return {
      ok: false,
      status: 403,
      message: `Forbidden: Host header ${JSON.stringify(host ?? '')} does not name this server`,
    };
  }
  const origin = req.headers.origin;
  if (!originAllowed(origin, host)) {
    return { ok: false, status: 403, message: `Forbidden: requests from origin ${origin} are not allowed` };
  }
  const presented = presentedTokens(req, url, config);
  if (presented.length === 0) {
    return {
      ok: false,
      status: 401,
      message: 'Unauthorized: open the URL that `sluice serve` printed (it carries the token)',
    };
  }
  // Every presented token must be right: a wrong query token is refused even with a good cookie.
  for (const p of presented) {
    if (!tokensEqual(p.token, config.token))
      return { ok: false, status: 401, message: 'Unauthorized: wrong token' };
  }
  return { ok: true, viaQuery: presented.some((p) => p.viaQuery) };
}

export function tokenCookie(config: AuthConfig): string {
  return `${cookieName(config.port)}=${encodeURIComponent(config.token)}; HttpOnly; SameSite=Strict; Path=/`;
}
