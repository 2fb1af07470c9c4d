// Smoke test of `sluice serve` in a real browser: the editor loads with the token, the host API
// answers over the WebSocket, and the WebSocket refuses a missing or wrong token and a foreign Origin.
import WebSocket from 'ws';
import { expect, test } from './fixtures/server';

/** Status of a WebSocket upgrade attempt made from Node (so headers like Origin can be forged). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (err) => reject(err));
  });
}

test('the editor loads with the token and talks to the host over the WebSocket', async ({ page, sluice }) => {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${new URL(res.url()).pathname}`);
  });
  const response = await page.goto(sluice.url);
  expect(response?.status()).toBe(200);
  await expect(page.locator('#root')).not.toBeEmpty();
  // The editor takes the token out of the address bar (bookmarks, screenshots, history).
  await expect(page).not.toHaveURL(/token=/);

  // Same-origin WebSocket from the page, authenticated by the HttpOnly cookie the first load set.
  const nodeTypes = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api/ws`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'nodes:list', params: {} }));
        ws.onmessage = (ev) => {
          const msg = JSON.parse(String(ev.data)) as { id?: number; result?: unknown[] };
          if (msg.id === 1) resolve(msg.result?.length ?? -1);
        };
        ws.onerror = () => reject(new Error('WebSocket refused'));
      }),
  );
  expect(nodeTypes).toBeGreaterThan(0);
  // The cookie is HttpOnly: page scripts cannot read the token.
  expect(await page.evaluate(() => document.cookie)).not.toContain(sluice.token);
  // After a reload without the token, the cookie still lets the editor in.
  expect((await page.reload())?.status()).toBe(200);
  await expect(page.locator('#root')).not.toBeEmpty();
  expect(problems).toEqual([]);
});

test('plain HTTP without the token is refused', async ({ request, sluice }) => {
  const res = await request.get(`${sluice.origin}/`);
  expect(res.status()).toBe(401);
  expect(await res.text()).toContain('token');
});

test('the WebSocket refuses a missing or wrong token and a foreign Origin', async ({ sluice }) => {
  const ws = `${sluice.origin.replace('http:', 'ws:')}/api/ws`;
  expect(await upgradeStatus(ws)).toBe(401);
  expect(await upgradeStatus(`${ws}?token=${'0'.repeat(64)}`)).toBe(401);
  expect(await upgradeStatus(`${ws}?token=${sluice.token}`, { Origin: 'http://evil.example' })).toBe(403);
  expect(await upgradeStatus(`${ws}?token=${sluice.token}`, { Origin: sluice.origin })).toBe(101);
});
