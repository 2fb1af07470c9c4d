// The HTTP server of `sluice serve`: the built editor, the WebSocket host API (`/api/ws`) and the REST
// API (`/api/v1/…`), all behind the checks of auth.ts and with the headers of securityHeaders.ts.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HostService } from '../host/hostService.js';
import { authorize, type AuthConfig, tokenCookie } from './auth.js';
import { getRequestListener } from '@hono/node-server';
import { errorBody } from './rest/apiError.js';
import { createRestApp, REST_BASE } from './rest/restApp.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { sendJson, sendText, serveStatic } from './staticFiles.js';
import { WsApi } from './wsApi.js';

export interface ServerOptions {
  service: HostService;
  token: string;
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Accept any Host header (the user chose `--host`: we cannot know the names it is reached by). */
  allowAnyHost?: boolean;
}

export interface SluiceServer {
  readonly port: number;
  /** `http://host:port` as a browser reaches it. */
  readonly origin: string;
  /** The origin with `/?token=…`: what the user opens. */
  readonly url: string;
  close(): Promise<void>;
}

export const WS_PATH = '/api/ws';

export async function startServer(options: ServerOptions): Promise<SluiceServer> {
  const bindHost = options.host ?? '127.0.0.1';
  const config: AuthConfig = {
    token: options.token,
    port: options.port,
    allowAnyHost: options.allowAnyHost ?? false,
  };
  const ws = new WsApi(options.service);
  const rest = getRequestListener(createRestApp(options.service).fetch);
  const server: Server = createServer((req, res) => {
    void onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendText(res, 500, `Internal error: ${(err as Error).message}`);
      else res.destroy();
    });
  });

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    setSecurityHeaders(res, req.headers.host ?? `127.0.0.1:${config.port}`);
    const auth = authorize(req, url, config);
    const isRest = url.pathname === REST_BASE || url.pathname.startsWith(`${REST_BASE}/`);
    if (!auth.ok) {
      if (!isRest) return sendText(res, auth.status, auth.message);
      return sendJson(
        res,
        auth.status,
        errorBody(auth.status === 401 ? 'unauthorized' : 'forbidden', auth.message),
      );
    }
    if (auth.viaQuery) res.setHeader('Set-Cookie', tokenCookie(config));

    if (isRest) return rest(req, res);
    if (url.pathname === WS_PATH) return sendText(res, 426, 'This path takes a WebSocket connection');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return sendText(res, 405, `Method ${req.method} not allowed`);
    return serveStatic(options.staticDir, url.pathname, res, req.method === 'HEAD');
  }

  // Scripts keep connections open between calls (fetch does): an idle connection closed by the server
  // just as a client reuses it fails that request (ECONNRESET), so idle ones are kept longer than
  // Node's 5 s default; headersTimeout must stay above it.
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const auth = authorize(req, url, config);
    if (url.pathname !== WS_PATH) return refuseUpgrade(socket, 404, 'Not found');
    if (!auth.ok) return refuseUpgrade(socket, auth.status, auth.message);
    ws.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  config.port = port;
  const shownHost = bindHost.includes(':')
    ? `[${bindHost}]`
    : bindHost === '0.0.0.0'
      ? '127.0.0.1'
      : bindHost;
  const origin = `http://${shownHost}:${port}`;

  return {
    port,
    origin,
    url: `${origin}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        ws.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}
