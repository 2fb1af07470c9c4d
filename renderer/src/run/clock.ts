// One shared ticking clock for elapsed times: only components showing something that is still
// running subscribe, so an idle canvas never re-renders on a timer.

import { useSyncExternalStore } from 'react';

const TICK_MS = 200;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((l) => l());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const noSubscribe = () => () => undefined;
// Before the first tick (or between subscribers) the clock rounds to its tick, so repeated reads in one
// render agree, as useSyncExternalStore requires.
const getNow = () => (timer === undefined ? Math.floor(Date.now() / TICK_MS) * TICK_MS : now);
const getZero = () => 0;

/** The current time, refreshed a few times a second while `ticking`; 0 when not ticking. */
export function useNow(ticking: boolean): number {
  return useSyncExternalStore(ticking ? subscribe : noSubscribe, ticking ? getNow : getZero);
}
