// One host call from a window, as main handles it: check the params (the renderer is untrusted), check
// file access, forward to the HostService, and answer with data (BridgeResult) so the error message
// and a refused run's problems reach the renderer intact. No Electron here: tested in plain Node.

import type { HostMethod } from '../engine/hostApi/api.js';
import type { BridgeResult } from './contract/ipc.js';
import { toWireError } from '../engine/hostApi/errors.js';
import { parseHostParams } from '../engine/hostApi/validate.js';
import { checkFileAccess, type FileGrants } from './fileAccess.js';

export interface HostCallTarget {
  call(method: HostMethod, params: unknown): Promise<unknown>;
}

export async function callHost(
  service: HostCallTarget,
  method: HostMethod,
  rawParams: unknown,
  grants: FileGrants,
): Promise<BridgeResult<unknown>> {
  const checked = parseHostParams(method, rawParams);
  if ('error' in checked) return { ok: false, error: { message: checked.error } };
  const refused = checkFileAccess(method, checked.params, grants);
  if (refused !== null) return { ok: false, error: { message: refused } };
  try {
    const value = await service.call(method, checked.params);
    // A file the user opened may be saved back in place.
    if (method === 'workflow:open' || method === 'workflow:save') {
      const file = (value as { path?: unknown }).path;
      if (typeof file === 'string' && !file.startsWith('example:')) grants.grant(file);
    }
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}
