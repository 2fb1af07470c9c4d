// Serves the built renderer (dist/renderer). Paths are decoded and kept inside the folder; unknown
// paths without an extension get index.html (the editor is a single page).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor } from './rendererContent.js';

export async function serveStatic(
  root: string,
  pathname: string,
  res: ServerResponse,
  headOnly: boolean,
): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendText(res, 400, 'Bad request: malformed path');
  }
  if (decoded.includes('\0')) return sendText(res, 400, 'Bad request: malformed path');
  const relative = path.normalize(decoded).replace(/^([/\\])+/, '');
  let file = path.join(root, relative === '' || relative === '.' ? 'index.html' : relative);
  if (path.relative(root, file).startsWith('..')) return sendText(res, 404, 'Not found');

  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = path.join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info && path.extname(file) === '') {
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile() && relative === 'favicon.ico') {
    // Browsers ask for it whatever the page says; no icon is no error.
    res.statusCode = 204;
    res.end();
    return;
  }
  if (!info?.isFile()) {
    const built = await stat(path.join(root, 'index.html')).catch(() => undefined);
    if (!built)
      return sendText(
        res,
        503,
        `The editor is not built (${root} has no index.html): run \`npm run build:renderer\``,
      );
    return sendText(res, 404, `Not found: ${pathname}`);
  }

  const ext = path.extname(file).toLowerCase();
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(file));
  res.setHeader('Content-Length', info.size);
  // Vite names assets by content hash; index.html must always be fresh.
  res.setHeader('Cache-Control', ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable');
  if (headOnly) {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text + '\n');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}
