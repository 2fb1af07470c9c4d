// The access token of `sluice serve`: `--token T`, else a fixed one the user keeps in their config
// folder for scripts (`<config>/serve-token`, e.g. ~/.config/sluice/serve-token), else a new random
// one at each start. A token file others can read is refused: it would let them run code here.

import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { userConfigDir } from '../host/workspaceTrust.js';
import { generateToken } from '../server/auth.js';

export const TOKEN_FILE = 'serve-token';
export const MIN_TOKEN_LENGTH = 16;

export function serveToken(given: string | undefined): { token: string; from: string } | { error: string } {
  if (given !== undefined) {
    if (given.length < MIN_TOKEN_LENGTH)
      return { error: `--token must be at least ${MIN_TOKEN_LENGTH} characters long` };
    return { token: given, from: '--token' };
  }
  const file = path.join(userConfigDir(), TOKEN_FILE);
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return { token: generateToken(), from: 'new' };
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0)
    return {
      error: `${file} can be read by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it first`,
    };
  const token = readFileSync(file, 'utf8').trim();
  if (token.length < MIN_TOKEN_LENGTH)
    return { error: `${file} must hold a token of at least ${MIN_TOKEN_LENGTH} characters` };
  return { token, from: file };
}
