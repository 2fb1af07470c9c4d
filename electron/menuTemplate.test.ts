import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { SimpleMenuCommand } from '../engine/hostApi/desktop.js';
import { buildMenuTemplate, type MenuOptions } from './menuTemplate.js';

function setup(platform: NodeJS.Platform, recent: string[] = []) {
  const calls: string[] = [];
  const options: MenuOptions = {
    appName: 'Sluice',
    platform,
    recent,
    devTools: false,
    actions: {
      newWindow: () => calls.push('new'),
      openDialog: () => calls.push('open'),
      openRecent: (file) => calls.push(`recent:${file}`),
      clearRecent: () => calls.push('clear'),
      send: (command: SimpleMenuCommand) => calls.push(`send:${command}`),
      about: () => calls.push('about'),
    },
  };
  return { template: buildMenuTemplate(options), calls };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function find(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const item = items(template).find((i) => i.label === label);
  if (!item) throw new Error(`No menu item "${label}"`);
  return item;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('application menu', () => {
  it('has File, Edit, View, Run, Help, with the app menu first on macOS', () => {
    expect(setup('linux').template.map((m) => m.label ?? m.role)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Run',
      'help',
    ]);
    expect(setup('darwin').template.map((m) => m.label ?? m.role)).toEqual([
      'Sluice',
      '&File',
      '&Edit',
      '&View',
      '&Run',
      'help',
    ]);
  });

  it('runs with F5 and stops with Shift+F5 by sending commands to the renderer', () => {
    const { template, calls } = setup('win32');
    const run = find(template, 'Run');
    const stop = find(template, 'Stop');
    expect(run.accelerator).toBe('F5');
    expect(stop.accelerator).toBe('Shift+F5');
    click(run);
    click(stop);
    click(find(template, 'Pause / Resume'));
    click(find(template, 'Abort'));
    expect(calls).toEqual(['send:run', 'send:stop', 'send:pause-resume', 'send:abort']);
  });

  it('uses the standard file accelerators', () => {
    const { template, calls } = setup('linux');
    expect(find(template, 'Open…').accelerator).toBe('CmdOrCtrl+O');
    expect(find(template, 'Save').accelerator).toBe('CmdOrCtrl+S');
    expect(find(template, 'Save As…').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(find(template, 'New Window').accelerator).toBe('CmdOrCtrl+N');
    click(find(template, 'Open…'));
    click(find(template, 'Save'));
    expect(calls).toEqual(['open', 'send:save']);
    expect(items(template).some((i) => i.role === 'quit')).toBe(true);
  });

  it('lists recent files and opens the one chosen', () => {
    const { template, calls } = setup('linux', ['/w/a.sluice.json', '/w/b.sluice.json']);
    click(find(template, '/w/b.sluice.json'));
    click(find(template, 'Clear Recent'));
    expect(calls).toEqual(['recent:/w/b.sluice.json', 'clear']);
    expect(find(setup('linux').template, 'No Recent Files').enabled).toBe(false);
  });

  it('leaves the keys the page handles (save, undo, delete, F) to the page, so text fields keep them', () => {
    const { template } = setup('linux');
    for (const label of ['Save', 'Save As…', 'Undo', 'Redo', 'Delete', 'Select All', 'Fit to Window']) {
      expect(find(template, label).registerAccelerator).toBe(false);
    }
    for (const label of ['Run', 'Stop', 'Open…', 'New Window']) {
      expect(find(template, label).registerAccelerator).toBeUndefined();
    }
  });

  it('gives every accelerator to one item only', () => {
    const accelerators = items(setup('linux').template)
      .map((i) => i.accelerator)
      .filter((a): a is string => typeof a === 'string');
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('offers the developer tools only in development builds', () => {
    expect(items(setup('linux').template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    const dev = buildMenuTemplate({
      ...{ appName: 'Sluice', platform: 'linux', recent: [], devTools: true },
      actions: setupActions(),
    });
    expect(items(dev).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});

function setupActions(): MenuOptions['actions'] {
  const none = () => undefined;
  return { newWindow: none, openDialog: none, openRecent: none, clearRecent: none, send: none, about: none };
}
