export function buildEngine(): Promise<void>;
export function buildElectron(): Promise<void>;
export function buildRenderer(): Promise<void>;
