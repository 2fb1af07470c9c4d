// HostClient over a WebSocket to `sluice serve` (`/api/ws`): requests carry ids, answers settle them,
// run event batches go to listeners. The connection comes back by itself after a drop (server
// restart, laptop sleep); requests made meanwhile wait for it for a while, then fail with a message.

import type {
  HostClient,
  HostEventMessage,
  HostMethod,
  HostParams,
  HostResponse,
  HostResult,
} from '../../../engine/hostApi/api.js';
import { HostError } from '../../../engine/hostApi/errors.js';
import type { RunEvent } from '../../../engine/model/run.js';

/** The part of the browser's WebSocket this client uses (the `ws` package's class fits too, for tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface WebSocketHostOptions {
  /** Opens a socket; the browser's WebSocket by default. */
  connect?: WebSocketFactory;
  /** Waits between reconnection attempts, in ms; the last one repeats. */
  reconnectDelaysMs?: number[];
  /** How long a request waits for a connection before failing. */
  connectTimeoutMs?: number;
}

export interface WebSocketHost extends HostClient {
  /** Connection state changes (for a "reconnecting…" banner). Returns unsubscribe. */
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
  /** Closes the socket for good; pending requests fail. */
  close(): void;
}

const OPEN = 1;

interface Pending {
  method: HostMethod;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

export function createWebSocketHost(
  url: string,
  token: string,
  options: WebSocketHostOptions = {},
): WebSocketHost {
  const connect = options.connect ?? ((u: string) => new WebSocket(u) as unknown as WebSocketLike);
  const delays = options.reconnectDelaysMs ?? [250, 500, 1000, 2000, 5000];
  const connectTimeout = options.connectTimeoutMs ?? 15_000;
  const socketUrl = withToken(url, token);

  const pending = new Map<number, Pending>();
  /** Requests written while no socket was open: sent on the next open. */
  const queue: Array<{ id: number; text: string; timer: ReturnType<typeof setTimeout> }> = [];
  const eventListeners = new Set<(runId: string, events: RunEvent[]) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let socket: WebSocketLike | undefined;
  let nextId = 1;
  let attempt = 0;
  let closedForGood = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (state: ConnectionState) => stateListeners.forEach((l) => l(state));

  function open(): void {
    setState('connecting');
    const ws = connect(socketUrl);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setState('open');
      for (const q of queue.splice(0)) {
        clearTimeout(q.timer);
        ws.send(q.text);
      }
    };
    ws.onmessage = (ev) => onMessage(ev.data);
    ws.onerror = () => {
      // onclose follows and does the work.
    };
    ws.onclose = () => {
      if (socket === ws) socket = undefined;
      // Answers to requests already sent on this socket will never come.
      for (const [id, p] of pending) {
        if (queue.some((q) => q.id === id)) continue;
        pending.delete(id);
        p.reject(new HostError(`The connection to sluice serve was lost before it answered "${p.method}"`));
      }
      setState('closed');
      if (closedForGood) return;
      const delay = delays[Math.min(attempt, delays.length - 1)] ?? 1000;
      attempt++;
      reconnectTimer = setTimeout(open, delay);
    };
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: HostResponse | HostEventMessage;
    try {
      message = JSON.parse(data) as HostResponse | HostEventMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      if (message.event === 'run-events') eventListeners.forEach((l) => l(message.runId, message.events));
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    if ('error' in message) p.reject(new HostError(message.error.message, message.error.problems));
    else p.resolve(message.result);
  }

  open();

  return {
    kind: 'server',
    call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
      if (closedForGood) return Promise.reject(new HostError('The connection to sluice serve is closed'));
      const id = nextId++;
      const text = JSON.stringify({ id, method, params });
      return new Promise<HostResult<M>>((resolve, reject) => {
        pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
        if (socket?.readyState === OPEN) {
          socket.send(text);
          return;
        }
        const timer = setTimeout(() => {
          const at = queue.findIndex((q) => q.id === id);
          if (at >= 0) queue.splice(at, 1);
          pending.delete(id);
          reject(
            new HostError(
              `Cannot reach sluice serve at ${url} (is it running, and was this page opened with the URL it printed?)`,
            ),
          );
        }, connectTimeout);
        queue.push({ id, text, timer });
      });
    },
    onRunEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedForGood = true;
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      for (const q of queue.splice(0)) clearTimeout(q.timer);
      socket?.close(1000, 'closed by the editor');
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new HostError(`The connection to sluice serve was closed before it answered "${p.method}"`));
      }
    },
  };
}

function withToken(url: string, token: string): string {
  if (token === '') return url; // the HttpOnly cookie set on the first page load carries it
  return `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
