// Linted as renderer/src/run/fixture.ts: a bare Node built-in ('events', no `node:`).
import { EventEmitter } from 'events';

export const bus = new EventEmitter();
