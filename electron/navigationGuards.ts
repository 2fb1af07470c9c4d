// Applies to every web contents the app creates: no navigation away from the app, no new windows,
// no <webview>. An https link opens in the user's browser; any other URL is dropped.

import { app, shell } from 'electron';
import { externalUrlToOpen, isAppUrl } from './appUrl.js';

export function installNavigationGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppUrl(url)) return; // reloading our own page
      event.preventDefault();
      const external = externalUrlToOpen(url);
      if (external !== null) void shell.openExternal(external);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalUrlToOpen(url);
      if (external !== null) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
}
