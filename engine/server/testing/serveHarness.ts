// A real `sluice serve` (host service + HTTP/WebSocket server on a loopback port) in a temp folder, and
// a WebSocket client that calls the host API as the editor does. For the attack tests.

import { request as httpRequest } from 'node:http';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { HostResponse } from '../../hostApi/api.js';
import { createHostService, type HostService, type HostServiceOptions } from '../../host/hostService.js';
import { startServer, type SluiceServer } from '../httpServer.js';

export const TOKEN = 'c'.repeat(64);

export interface Harness {
  /** Temp folder holding everything (workspace, outside, static). */
  base: string;
  workspace: string;
  outside: string;
  service: HostService;
  server: SluiceServer;
  /** A host call over the WebSocket; resolves with the result or `{ error }`. */
  call(method: string, params: unknown): Promise<HostResponse>;
  http(method: string, urlPath: string, headers?: Record<string, string>): Promise<HttpReply>;
  close(): Promise<void>;
}

export interface HttpReply {
  status: number;
  body: string;
}

export async function startHarness(options: Partial<HostServiceOptions> = {}): Promise<Harness> {
  const base = await realpath(await mkdtemp(path.join(os.tmpdir(), 'sluice-attack-')));
  const workspace = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  const staticDir = path.join(base, 'static');
  await mkdir(workspace);
  await mkdir(outside);
  await mkdir(staticDir);
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const service = await createHostService({ workspace, confine: true, ...options });
  const server = await startServer({ service, token: TOKEN, port: 0, staticDir });
  const host = `127.0.0.1:${server.port}`;
  const ws = new WebSocket(`ws://${host}/api/ws?token=${TOKEN}`, { headers: { Host: host } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<number, (r: HostResponse) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as HostResponse | { event: string };
    if ('id' in msg) waiting.get(msg.id)?.(msg);
  });
  let nextId = 1;
  return {
    base,
    workspace,
    outside,
    service,
    server,
    call(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    http(method, urlPath, headers = {}) {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: server.port,
            method,
            path: urlPath,
            headers: { Host: host, ...headers },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    },
    async close() {
      ws.close();
      await server.close();
      await service.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** The result of a host call, or a thrown error with the host's message. */
export function resultOf<T>(response: HostResponse): T {
  if ('error' in response) throw new Error(response.error.message);
  return response.result as T;
}
