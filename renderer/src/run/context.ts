// The app's RunSession, handed to the run UI (toolbar slot, status bar, panels) through React context.
import { createContext, useContext } from 'react';
import type { RunSession } from './runSession.js';

export const RunSessionContext = createContext<RunSession | null>(null);

export function useRunSession(): RunSession {
  const session = useContext(RunSessionContext);
  if (!session) throw new Error('The run UI is rendered outside <RunSessionContext.Provider>');
  return session;
}
