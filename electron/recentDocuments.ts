// The recent documents list of File › Open Recent, kept in `<userData>/recent.json`. The OS list
// (app.addRecentDocument) exists only on macOS and Windows; this one also serves Linux.

import { z } from 'zod';
import { readTextIfExists, writeFileAtomic } from '../engine/files/atomicFile.js';

export const MAX_RECENT = 10;

export function addRecent(list: readonly string[], file: string, max = MAX_RECENT): string[] {
  return [file, ...list.filter((f) => f !== file)].slice(0, max);
}

export function parseRecent(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const parsed = z.array(z.string().min(1)).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export async function readRecent(file: string): Promise<string[]> {
  return parseRecent(await readTextIfExists(file));
}

export async function writeRecent(file: string, list: readonly string[]): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(list, null, 2)}\n`, { createFolder: true });
}
