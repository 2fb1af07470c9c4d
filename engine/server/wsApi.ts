// The host API over WebSocket (`/api/ws`): HostRequest in, HostResponse out, and event batches pushed
// as HostEventMessage. Each connection is its own host session: it receives the events of the runs it
// started and of those it subscribed to (`run:subscribe`), never another client's. The upgrade is
// authorized by the HTTP server before it gets here.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { HostEventMessage, HostResponse } from '../hostApi/api.js';
import { toWireError } from '../hostApi/errors.js';
import { parseHostRequest } from '../hostApi/validate.js';
import type { HostService, HostSession } from '../host/hostService.js';

/** A client that stops reading gets no more event batches until it catches up (its socket buffers). */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export class WsApi {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });

  constructor(private readonly service: HostService) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  close(): void {
    for (const client of this.wss.clients) client.close(1001, 'sluice serve is stopping');
    this.wss.close();
  }

  private onConnection(socket: WebSocket): void {
    const session = this.service.openSession((runId, events) => {
      if (socket.readyState !== WebSocket.OPEN || socket.bufferedAmount >= MAX_BUFFERED_BYTES) return;
      const message: HostEventMessage = { event: 'run-events', runId, events };
      socket.send(JSON.stringify(message));
    });
    socket.on('close', () => session.close());
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.send(
          JSON.stringify({ id: -1, error: { message: 'Binary messages are not part of the host API' } }),
        );
        return;
      }
      void this.onMessage(socket, session, data.toString());
    });
  }

  private async onMessage(socket: WebSocket, session: HostSession, text: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      this.reply(socket, {
        id: -1,
        error: { message: `A host request must be JSON: ${(err as Error).message}` },
      });
      return;
    }
    const request = parseHostRequest(raw);
    if ('error' in request) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      this.reply(socket, { id, error: { message: request.error } });
      return;
    }
    try {
      const result = await session.call(request.method, request.params);
      // In the turn the call resolved: a run it started sends its first events only after this.
      this.reply(socket, { id: request.id, result });
    } catch (err) {
      this.reply(socket, { id: request.id, error: toWireError(err) });
    }
  }

  private reply(socket: WebSocket, response: HostResponse): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(response));
  }
}
