// http.request: GET or POST with JSON. Without an input it makes one request; with one, a request per
// value (sent as the JSON body of a POST, or as `{{field}}` substitutions in the URL).
import { defineNode } from '../../../sdk/index.js';

interface HttpParams {
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body: unknown;
  timeoutMs: number;
}

/** Replaces `{{field}}` in the URL with URL-encoded fields of `value`. */
export function expandUrl(url: string, value: unknown): string {
  return url.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, field: string) => {
    const v = field
      .split('.')
      .reduce<unknown>(
        (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
        value,
      );
    return encodeURIComponent(v === undefined || v === null ? '' : String(v));
  });
}

export default defineNode<HttpParams>({
  type: 'http.request',
  title: 'HTTP request',
  category: 'Sources',
  description:
    'Calls an HTTP endpoint and outputs the parsed JSON response body (text if it is not JSON). A non-2xx status fails the node.',
  inputs: [{ name: 'in', type: 'any', optional: true, description: 'Each value triggers one request.' }],
  outputs: [{ name: 'body', type: 'json' }],
  params: [
    {
      key: 'url',
      kind: 'string',
      required: true,
      label: 'URL',
      placeholder: 'https://api.example.com/items/{{id}}',
    },
    {
      key: 'method',
      kind: 'choice',
      options: ['GET', 'POST', 'PUT', 'DELETE'],
      default: 'GET',
      label: 'Method',
    },
    { key: 'headers', kind: 'json', default: {}, label: 'Headers' },
    {
      key: 'body',
      kind: 'json',
      label: 'Body',
      description: 'JSON body when there is no input value to send.',
    },
    { key: 'timeoutMs', kind: 'number', integer: true, min: 1, default: 30000, label: 'Timeout (ms)' },
  ],
  async run(ctx) {
    const { method = 'GET', headers = {}, timeoutMs = 30000 } = ctx.params;
    const out = ctx.outputs['body']!;
    const request = async (value: unknown, hasValue: boolean): Promise<void> => {
      const url = expandUrl(ctx.params.url, value);
      const payload = hasValue && method !== 'GET' ? value : ctx.params.body;
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]);
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          signal,
          headers: {
            accept: 'application/json',
            ...(payload !== undefined && method !== 'GET' ? { 'content-type': 'application/json' } : {}),
            ...headers,
          },
          ...(payload !== undefined && method !== 'GET' ? { body: JSON.stringify(payload) } : {}),
        });
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        throw new Error(
          `Node "${ctx.nodeId}": ${method} ${url} failed: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
          { cause: err },
        );
      }
      const text = await res.text();
      if (!res.ok)
        throw new Error(
          `Node "${ctx.nodeId}": ${method} ${url} answered ${res.status} ${res.statusText}: ${text.slice(0, 200)}`,
        );
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON: pass the text on.
      }
      await out.send(body);
    };
    const input = ctx.inputs['in'];
    if (!input || input.connected === 0) return request(undefined, false);
    for await (const value of input) await request(value, true);
  },
});
