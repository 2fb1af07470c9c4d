// The renderer's one way to reach its host: the Electron preload bridge when the page runs in the
// app, else a WebSocket to the `sluice serve` that served the page.

import type { HostClient } from '../../../engine/hostApi/api.js';
import { createPreloadHost, findPreloadBridge } from './preloadClient.js';
import { createWebSocketHost } from './wsClient.js';

export { createWebSocketHost } from './wsClient.js';
export type { ConnectionState, WebSocketHost } from './wsClient.js';

let client: HostClient | undefined;

export function getHostClient(): HostClient {
  if (client) return client;
  const bridge = findPreloadBridge();
  if (bridge) {
    client = createPreloadHost(bridge);
    return client;
  }
  const wsUrl = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;
  client = createWebSocketHost(wsUrl, takeTokenFromAddressBar());
  return client;
}

/**
 * The token the server printed in the URL (`?token=…`), removed from the address bar so it does not
 * end up in bookmarks, screenshots or the history. After a reload the server's HttpOnly cookie
 * (set on the first load) authenticates instead, so an empty token is fine then.
 */
function takeTokenFromAddressBar(): string {
  const url = new URL(location.href);
  const token = url.searchParams.get('token') ?? '';
  if (token !== '') {
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return token;
}
