// Puts the app's stores in reach of every component below it (see ./context.ts).
import type { ReactNode } from 'react';
import { StoresContext, type AppStores } from './context.js';

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}
