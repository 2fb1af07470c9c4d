// The host API over WebSocket (`/api/ws`): HostRequest in, HostResponse out, and every run's event
// batches pushed as HostEventMessage. The upgrade is authorized by the HTTP server before it gets here.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { HostEventMessage, HostResponse } from '../hostApi/api.js';
import { toWireError } from '../hostApi/errors.js';
import { parseHostRequest } from '../hostApi/validate.js';
import type { HostService } from '../host/hostService.js';

/** A client that stops reading gets no more event batches until it catches up (its socket buffers). */
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

export class WsApi {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  private readonly unsubscribe: () => void;

  constructor(private readonly service: HostService) {
    this.wss.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribe = service.onRunEvents((runId, events) => {
      const message: HostEventMessage = { event: 'run-events', runId, events };
      const text = JSON.stringify(message);
      for (const client of this.wss.clients) {
        if (client.readyState === WebSocket.OPEN && client.bufferedAmount < MAX_BUFFERED_BYTES)
          client.send(text);
      }
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  close(): void {
    this.unsubscribe();
    for (const client of this.wss.clients) client.close(1001, 'sluice serve is stopping');
    this.wss.close();
  }

  private onConnection(socket: WebSocket): void {
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.send(
          JSON.stringify({ id: -1, error: { message: 'Binary messages are not part of the host API' } }),
        );
        return;
      }
      void this.onMessage(socket, data.toString());
    });
  }

  private async onMessage(socket: WebSocket, text: string): Promise<void> {
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
      const result = await this.service.call(request.method, request.params);
      this.reply(socket, { id: request.id, result });
    } catch (err) {
      this.reply(socket, { id: request.id, error: toWireError(err) });
    }
  }

  private reply(socket: WebSocket, response: HostResponse): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(response));
  }
}
