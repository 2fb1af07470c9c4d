// Linted as electron/contract/fixture.ts: the IPC contract (pure) imports the engine's host side.
import type { HostService } from '../../engine/host/hostService.js';

export type Service = HostService;
