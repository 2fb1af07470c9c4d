// The renderer is loaded from `app://sluice/…` (a privileged custom scheme served from dist/renderer)
// rather than file://, so it has a real origin, every response carries our Content-Security-Policy,
// and a URL can never reach a file outside the renderer folder.

import path from 'node:path';
import { contentSecurityPolicy, contentTypeFor } from '../engine/server/rendererContent.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sluice';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();
export { contentTypeFor };

export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The file under `rootDir` that an app:// URL names, or null when the URL is not ours or escapes the
 * folder (`..`, encoded separators, absolute paths). `/` serves index.html.
 */
export function resolveAppPath(url: string, rootDir: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, relative);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

/** Links the renderer may hand to the OS browser: https only, never file:, javascript:, custom schemes. */
export function externalUrlToOpen(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
