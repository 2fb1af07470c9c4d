// Linted as engine/host/fixture.ts: the engine imports Electron.
import { app } from 'electron';

export const version = () => app.getVersion();
