// Linted as electron/preload.ts: the sandboxed preload imports a Node built-in.
import { readFileSync } from 'node:fs';
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('read', (path: string) => readFileSync(path, 'utf8'));
