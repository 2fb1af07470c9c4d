// Where a node may take a secret from. A received workflow names variables and servers, so it must not
// be able to pick any variable of the user's environment (AWS_SECRET_ACCESS_KEY as a "password" to its
// author's server): only names starting with SLUICE_, or names the user listed in their own
// connections file (outside every workflow). Connections files are refused while group or others can
// read them, as ssh refuses a readable key.

import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** Environment variables with this prefix may always be named by a workflow. */
export const SECRET_ENV_PREFIX = 'SLUICE_';
/** Key of the user's connections file listing further variables workflows may name. */
export const ALLOW_ENV_KEY = '$allowEnv';

/** The user's connections file: `SLUICE_CONNECTIONS_FILE`, else ~/.sluice/connections.json. */
export function userConnectionsFile(): string {
  return process.env['SLUICE_CONNECTIONS_FILE'] || path.join(os.homedir(), '.sluice', 'connections.json');
}

/**
 * A connections file's JSON, after checking that only its owner can read it. Errors name the node and
 * the file, and give the `chmod` to run.
 */
export async function readConnectionsFile(nodeId: string, file: string): Promise<Record<string, unknown>> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (err) {
    throw new Error(`Node "${nodeId}": cannot read connections file ${file}: ${(err as Error).message}`);
  }
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `Node "${nodeId}": connections file ${file} can be read by other users (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); it may hold passwords, so it is not used until you run: chmod 600 ${file}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`Node "${nodeId}": cannot read connections file ${file}: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Node "${nodeId}": connections file ${file} must hold a JSON object of connections`);
  }
  return parsed as Record<string, unknown>;
}

/** The variables the user's own connections file allows beyond SLUICE_* (none when it does not exist). */
export async function userAllowedEnv(nodeId: string): Promise<Set<string>> {
  const file = userConnectionsFile();
  try {
    await stat(file);
  } catch {
    return new Set();
  }
  const listed = (await readConnectionsFile(nodeId, file))[ALLOW_ENV_KEY];
  return new Set(Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string') : []);
}

/**
 * The value of the variable `name` that `field` of a node names, once allowed and set; undefined when
 * no variable is named. Checked before anything connects.
 */
export async function secretFromEnv(
  nodeId: string,
  field: string,
  name: string,
): Promise<string | undefined> {
  if (!name) return undefined;
  if (!name.startsWith(SECRET_ENV_PREFIX) && !(await userAllowedEnv(nodeId)).has(name)) {
    throw new Error(
      `Node "${nodeId}", ${field}: a workflow may not read the environment variable ${name}; use a name starting with ${SECRET_ENV_PREFIX}, or list it under "${ALLOW_ENV_KEY}" in your connections file ${userConnectionsFile()}`,
    );
  }
  const value = process.env[name];
  if (value === undefined) {
    throw new Error(`Node "${nodeId}", ${field}: the environment variable ${name} is not set`);
  }
  return value;
}
