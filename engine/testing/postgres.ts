// Test helper: starts Debian's PostgreSQL on a loopback port in a temporary data folder, as the
// `postgres` user (PostgreSQL refuses to run as root). Installs the package if it is missing and we
// may (root + apt-get). Tests skip only when PostgreSQL cannot be had, and say why.

import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestPostgres {
  host: string;
  port: number;
  user: string;
  database: string;
  connectionString: string;
  stop(): Promise<void>;
}

export type StartResult = { ok: true; pg: TestPostgres } | { ok: false; reason: string };

function findBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

async function install(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'PostgreSQL is not installed and installing it needs root';
  try {
    await run('apt-get', ['update'], { timeout: 300_000 });
    await run('apt-get', ['install', '-y', 'postgresql'], {
      timeout: 600_000,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return undefined;
  } catch (err) {
    return `apt-get install postgresql failed: ${(err as Error).message.split('\n')[0]}`;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root, as ourselves otherwise. */
async function asPostgres(bin: string, args: string[]): Promise<void> {
  if (process.getuid?.() === 0)
    await run('runuser', ['-u', 'postgres', '--', bin, ...args], { timeout: 60_000 });
  else await run(bin, args, { timeout: 60_000 });
}

async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}

export async function startTestPostgres(): Promise<StartResult> {
  let bin = findBinDir();
  if (!bin) {
    const why = await install();
    if (why) return { ok: false, reason: why };
    bin = findBinDir();
    if (!bin)
      return { ok: false, reason: 'postgresql installed but no /usr/lib/postgresql/*/bin/pg_ctl found' };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sluice-pg-'));
  const data = path.join(dir, 'data');
  const ids = await postgresIds();
  if (ids) await chown(dir, ids.uid, ids.gid);
  const port = await freePort();
  await asPostgres(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  await asPostgres(path.join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  const stop = async (): Promise<void> => {
    await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
      () => undefined,
    );
    await rm(dir, { recursive: true, force: true });
  };
  return {
    ok: true,
    pg: {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
      connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop,
    },
  };
}
