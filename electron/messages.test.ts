// The messages a window may send: every host method has its own bridge function and channel, the
// desktop channels do not collide with them, and desktop params are checked.

import { describe, expect, it } from 'vitest';
import { DESKTOP_CHANNELS, HOST_BRIDGE_FUNCTIONS } from './contract/ipc.js';
import { MENU_COMMANDS } from '../engine/hostApi/desktop.js';
import { HOST_METHODS } from '../engine/hostApi/validate.js';
import { closeAnswer, unsavedChangesPrompt } from './closePrompt.js';
import {
  parseDirtyFlag,
  parseSaveDialogParams,
  withWorkflowExtension,
  workflowFileName,
} from './dialogParams.js';
import { exitReport } from './exitReport.js';
import { addRecent, MAX_RECENT, parseRecent } from './recentDocuments.js';

describe('bridge channels', () => {
  it('exposes one function per host method, each on a domain:verb channel', () => {
    expect(Object.keys(HOST_BRIDGE_FUNCTIONS).sort()).toEqual([...HOST_METHODS].sort());
    const names = Object.values(HOST_BRIDGE_FUNCTIONS);
    expect(new Set(names).size).toBe(names.length);
    for (const channel of [...HOST_METHODS, ...Object.values(DESKTOP_CHANNELS)]) {
      expect(channel).toMatch(/^[a-z]+:[a-z-]+$/);
    }
    const all = [...HOST_METHODS, ...Object.values(DESKTOP_CHANNELS)];
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(MENU_COMMANDS).size).toBe(MENU_COMMANDS.length);
  });
});

describe('desktop message checks', () => {
  it('accepts a save dialog request and refuses anything else', () => {
    expect(parseSaveDialogParams({ text: '{}', suggestedName: 'Orders' })).toEqual({
      text: '{}',
      suggestedName: 'Orders',
    });
    expect(parseSaveDialogParams({ text: 5 })).toEqual({
      error: 'Invalid params for "dialog:save": text: text must be a string',
    });
    expect('error' in (parseSaveDialogParams({ text: '', path: '/etc/x' }) as object)).toBe(true);
    expect('error' in (parseSaveDialogParams(null) as object)).toBe(true);
    expect(parseDirtyFlag(true)).toBe(true);
    expect(parseDirtyFlag('yes')).toBeUndefined();
  });

  it('proposes a plain workflow file name, whatever name the renderer suggests', () => {
    expect(workflowFileName('Clean orders')).toBe('Clean orders.sluice.json');
    expect(workflowFileName('../../.bashrc')).toBe('bashrc.sluice.json');
    expect(workflowFileName('C:\\Windows\\evil?.sluice.json')).toBe('evil.sluice.json');
    expect(workflowFileName(undefined)).toBe('Untitled.sluice.json');
    expect(withWorkflowExtension('/w/flow')).toBe('/w/flow.sluice.json');
    expect(withWorkflowExtension('/w/flow.json')).toBe('/w/flow.sluice.json');
    expect(withWorkflowExtension('/w/flow.Sluice.JSON')).toBe('/w/flow.Sluice.JSON');
  });
});

describe('closing with unsaved work', () => {
  it('offers Save, Don’t Save and Cancel; Escape cancels', () => {
    const prompt = unsavedChangesPrompt('orders.sluice.json');
    expect(prompt.message).toContain('orders.sluice.json');
    expect(prompt.buttons.map((_, i) => closeAnswer(i))).toEqual(['save', 'discard', 'cancel']);
    expect(closeAnswer(prompt.cancelId)).toBe('cancel');
    expect(closeAnswer(7)).toBe('cancel');
  });
});

describe('utility process exit', () => {
  it('reports a kill as a signal, like child_process', () => {
    expect(exitReport(15, 'SIGTERM')).toEqual({ code: null, signal: 'SIGTERM' });
    expect(exitReport(0, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(exitReport(1, undefined)).toEqual({ code: 1, signal: null });
  });
});

describe('recent documents', () => {
  it('keeps the newest first, without duplicates, up to the limit', () => {
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = addRecent(list, `/w/${i}.sluice.json`);
    list = addRecent(list, '/w/5.sluice.json');
    expect(list[0]).toBe('/w/5.sluice.json');
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(MAX_RECENT);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent(JSON.stringify(['/a.sluice.json', 3]))).toEqual([]);
  });
});
