// Checks of the desktop-only bridge messages (the renderer is untrusted) and the file name proposed in
// the save dialog. Pure apart from node:path.

import path from 'node:path';
import { z } from 'zod';
import type { SaveDialogParams } from '../engine/hostApi/desktop.js';
import { WORKFLOW_EXTENSION } from '../engine/model/workflow.js';

/** A workflow file far larger than this is not something the editor produced. */
export const MAX_WORKFLOW_TEXT = 64 * 1024 * 1024;

const saveDialogSchema = z
  .object({
    text: z.string({ error: 'text must be a string' }).max(MAX_WORKFLOW_TEXT, 'text is larger than 64 MiB'),
    suggestedName: z.string().max(255).optional(),
  })
  .strict();

export function parseSaveDialogParams(raw: unknown): SaveDialogParams | { error: string } {
  const parsed = saveDialogSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'params';
  return { error: `Invalid params for "dialog:save": ${where}: ${issue?.message ?? 'bad value'}` };
}

export function parseDirtyFlag(raw: unknown): boolean | undefined {
  return typeof raw === 'boolean' ? raw : undefined;
}

/** A safe file name (no folders, no characters Windows refuses) ending in `.sluice.json`. */
export function workflowFileName(suggested: string | undefined): string {
  const base = path.basename((suggested ?? '').replace(/\\/g, '/'));
  const stem = base
    .replace(new RegExp(`${WORKFLOW_EXTENSION.replace(/\./g, '\\.')}$`, 'i'), '')
    .replace(/\.json$/i, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, '')
    .trim()
    .replace(/^\.+/, '');
  return `${stem === '' ? 'Untitled' : stem}${WORKFLOW_EXTENSION}`;
}

/** What the save dialog returned, with the extension added when the user typed a bare name. */
export function withWorkflowExtension(file: string): string {
  return file.toLowerCase().endsWith(WORKFLOW_EXTENSION)
    ? file
    : `${file.replace(/\.json$/i, '')}${WORKFLOW_EXTENSION}`;
}
