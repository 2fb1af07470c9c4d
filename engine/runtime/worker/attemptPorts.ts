// The ports one attempt of a node sees. Each read and send carries the attempt's number (`epoch`);
// once the attempt has ended (failed, timed out, stopped) the hubs refuse it, so nothing a finished
// attempt does later reaches a channel or takes a value meant for its retry.

import type { BatchOptions, InputPort, OutputPort } from '../../sdk/index.js';
import type { InputHub, InputPortImpl } from './inputs.js';
import type { OutputHub, OutputPortImpl } from './outputs.js';

const DONE: IteratorResult<never, undefined> = { done: true, value: undefined };

function inputView(port: InputPortImpl, epoch: number): InputPort {
  return {
    name: port.name,
    get connected() {
      return port.connected;
    },
    next: () => port.next(epoch),
    all: () => port.all(epoch),
    batches: (options: BatchOptions = {}) => port.batches(options, epoch),
    [Symbol.asyncIterator]: () => ({ next: () => port.next(epoch), return: () => Promise.resolve(DONE) }),
  };
}

function outputView(port: OutputPortImpl, hub: OutputHub, epoch: number): OutputPort {
  return {
    name: port.name,
    get connected() {
      return port.connected;
    },
    send: (value: unknown) => port.send(value, epoch),
    sendMany: (values: readonly unknown[]) => port.sendMany(values, epoch),
    close: () => (epoch === hub.epoch ? port.close() : Promise.reject(hub.fence)),
  };
}

export function attemptInputs(hub: InputHub): Record<string, InputPort> {
  const epoch = hub.epoch;
  return Object.fromEntries([...hub.ports].map(([name, port]) => [name, inputView(port, epoch)]));
}

export function attemptOutputs(hub: OutputHub): Record<string, OutputPort> {
  const epoch = hub.epoch;
  return Object.fromEntries([...hub.ports].map(([name, port]) => [name, outputView(port, hub, epoch)]));
}
