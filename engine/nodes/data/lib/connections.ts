// Database connection settings. Passwords never live in the workflow file: a parameter names an
// environment variable, or a connection in a connections file kept outside the workflow.

import os from 'node:os';
import path from 'node:path';
import type { ParamSpec } from '../../../sdk/index.js';
import { ALLOW_ENV_KEY, readConnectionsFile, secretFromEnv, userConnectionsFile } from './secrets.js';

export interface ConnectionParams {
  connection: string;
  connectionsFile: string;
  host: string;
  port: number;
  database: string;
  user: string;
  passwordEnv: string;
}

export interface PgConfig {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
}

/** Parameter specs shared by the PostgreSQL nodes. */
export const connectionParamSpecs: Array<{ key: string } & ParamSpec> = [
  {
    key: 'connection',
    kind: 'string',
    default: '',
    label: 'Named connection',
    description: 'A connection of the connections file; overrides the fields below.',
  },
  {
    key: 'connectionsFile',
    kind: 'path',
    mode: 'open',
    default: '',
    label: 'Connections file',
    description:
      'JSON { "name": { host, port, database, user, password | passwordEnv } }; default ~/.sluice/connections.json. Keep it outside the workflow folder, readable by you alone (chmod 600).',
  },
  { key: 'host', kind: 'string', default: '127.0.0.1', label: 'Host' },
  { key: 'port', kind: 'number', integer: true, default: 5432, label: 'Port' },
  { key: 'database', kind: 'string', default: 'postgres', label: 'Database' },
  { key: 'user', kind: 'string', default: 'postgres', label: 'User' },
  {
    key: 'passwordEnv',
    kind: 'string',
    default: '',
    label: 'Password variable',
    description:
      'Name of the environment variable holding the password: SLUICE_… or a name listed under "$allowEnv" in your connections file.',
  },
];

/** Resolves the settings for one node; errors name the node, the file and the connection. */
export async function resolvePgConfig(
  nodeId: string,
  p: ConnectionParams,
  resolvePath: (p: string) => string,
): Promise<PgConfig> {
  if (p.connection) {
    const file = !p.connectionsFile
      ? userConnectionsFile()
      : p.connectionsFile.startsWith('~/')
        ? path.join(os.homedir(), p.connectionsFile.slice(2))
        : resolvePath(p.connectionsFile);
    const all = (await readConnectionsFile(nodeId, file)) as Record<
      string,
      (Partial<PgConfig> & { passwordEnv?: string }) | undefined
    >;
    const c = p.connection === ALLOW_ENV_KEY ? undefined : all[p.connection];
    if (!c || typeof c !== 'object')
      throw new Error(`Node "${nodeId}": connection "${p.connection}" is not in ${file}`);
    return {
      host: c.host ?? '127.0.0.1',
      port: Number(c.port ?? 5432),
      database: c.database ?? 'postgres',
      user: c.user ?? 'postgres',
      password:
        c.password ??
        (await secretFromEnv(nodeId, `connection "${p.connection}" passwordEnv`, c.passwordEnv ?? '')),
    };
  }
  return {
    host: p.host || '127.0.0.1',
    port: Number(p.port || 5432),
    database: p.database || 'postgres',
    user: p.user || 'postgres',
    password: await secretFromEnv(nodeId, 'passwordEnv', p.passwordEnv),
  };
}

/** A connection error rewritten to name the server (`host:port`). */
export function describePgError(nodeId: string, cfg: PgConfig, err: unknown): Error {
  const e = err as { code?: string; message?: string; position?: string };
  const at = `${cfg.host}:${cfg.port}`;
  if (e.code === 'ECONNREFUSED')
    return new Error(`Node "${nodeId}": PostgreSQL at ${at} refused the connection`, { cause: err });
  if (e.code === 'ENOTFOUND' || e.code === 'ETIMEDOUT' || e.code === 'EHOSTUNREACH') {
    return new Error(`Node "${nodeId}": cannot reach PostgreSQL at ${at} (${e.code})`, { cause: err });
  }
  const pos = e.position ? ` (at character ${e.position})` : '';
  return new Error(`Node "${nodeId}": PostgreSQL ${at}: ${e.message ?? String(err)}${pos}`, { cause: err });
}
