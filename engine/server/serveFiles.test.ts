// `sluice serve` hands out workflow files only, checks every token it is given, and names a path that
// is too long instead of failing with ENAMETOOLONG. Through the real server and WebSocket.
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { resultOf, startHarness, TOKEN, type Harness } from './testing/serveHarness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await writeFile(path.join(h.workspace, '.env'), 'AWS_SECRET_ACCESS_KEY=abc123\n');
  await writeFile(path.join(h.workspace, 'notes.txt'), 'private notes\n');
  await writeFile(
    path.join(h.workspace, 'flow.sluice.json'),
    '{"sluice":1,"name":"F","nodes":[],"edges":[]}',
  );
  await symlink(path.join(h.workspace, '.env'), path.join(h.workspace, 'env.sluice.json'));
});

afterAll(async () => {
  await h.close();
});

function errorOf(r: Awaited<ReturnType<Harness['call']>>): string {
  return 'error' in r ? r.error.message : `no error: ${JSON.stringify(r.result)}`;
}

describe('workflow:open in sluice serve', () => {
  it('opens workflow files, and no other file of the workspace', async () => {
    expect(
      resultOf<{ text: string }>(await h.call('workflow:open', { path: 'flow.sluice.json' })).text,
    ).toContain('"name":"F"');
    for (const p of ['.env', 'notes.txt', 'env.sluice.json']) {
      const r = await h.call('workflow:open', { path: p });
      expect(errorOf(r)).toBe(`Cannot open "${p}": only workflow files (*.sluice.json) are opened here`);
      expect(JSON.stringify(r)).not.toContain('abc123');
    }
  });

  it('names a path that is too long instead of failing with ENAMETOOLONG', async () => {
    const long = `${'a'.repeat(300)}.sluice.json`;
    for (const [method, params] of [
      ['workflow:open', { path: long }],
      ['workflow:save', { path: long, text: '{}' }],
    ] as const) {
      const message = errorOf(await h.call(method, params));
      expect(message).toMatch(/has a name of 312 bytes; file and folder names may have at most 255/);
      expect(message).not.toMatch(/ENAMETOOLONG/);
    }
    const deep = `${'abcdefgh/'.repeat(500)}x.sluice.json`;
    expect(errorOf(await h.call('workflow:open', { path: deep }))).toMatch(
      /is too long \(4513 bytes; at most 4096\)/,
    );
  });
});

describe('tokens', () => {
  it('checks every ?token= parameter, on HTTP and on the WebSocket upgrade', async () => {
    expect((await h.http('GET', `/?token=${TOKEN}`)).status).toBe(200);
    expect((await h.http('GET', `/?token=${TOKEN}&token=wrong`)).status).toBe(401);
    expect((await h.http('GET', `/?token=wrong&token=${TOKEN}`)).status).toBe(401);
    const host = `127.0.0.1:${h.server.port}`;
    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://${host}/api/ws?token=${TOKEN}&token=wrong`, { headers: { Host: host } });
      ws.once('open', () => {
        ws.close();
        resolve(101);
      });
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', reject);
    });
    expect(status).toBe(401);
  });
});
