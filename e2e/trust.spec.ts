// Workspace trust in the browser editor against the real `sluice serve` (started in a folder without
// --workspace, so it is untrusted): a received workflow opens in restricted mode — no inferred columns,
// Run refused, the canvas says why — until the user clicks "Trust this folder"; then the columns show
// and it runs. The trust is remembered in the user's config folder for the next server.

import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, startSluiceServer, stopSluiceServer, test } from './fixtures/server';

test('restricted mode shows no inferred columns and refuses Run until the folder is trusted', async ({
  page,
}) => {
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-untrusted-'));
  const config = await mkdtemp(path.join(os.tmpdir(), 'sluice-e2e-config-'));
  await writeFile(path.join(workspace, 'people.csv'), 'id,name,score\n1,ann,3.5\n2,bob,4\n');
  await writeFile(
    path.join(workspace, 'received.sluice.json'),
    JSON.stringify({
      sluice: 1,
      name: 'Received',
      nodes: [
        { id: 'people', type: 'csv.read', params: { path: 'people.csv' }, position: { x: 0, y: 0 } },
        {
          id: 'best',
          type: 'sql.query',
          params: { sql: 'SELECT name, score FROM input' },
          position: { x: 320, y: 0 },
        },
        { id: 'show', type: 'data.inspect', params: {}, position: { x: 640, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 'people', sourcePort: 'table', target: 'best', targetPort: 'input' },
        { id: 'e2', source: 'best', sourcePort: 'table', target: 'show', targetPort: 'in' },
      ],
    }),
  );
  const env = { SLUICE_CONFIG_DIR: config };
  let { child, info } = await startSluiceServer(workspace, 'trust-test-token-0123456789abcdef', [], {
    trustWorkspace: false,
    env,
  });
  try {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(info.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('file-open').click();
    await page.getByTestId('file-entry-received.sluice.json').click();
    await expect(page.getByTestId('node-people')).toBeVisible();

    const banner = page.getByTestId('trust-banner');
    await expect(banner).toContainText('Restricted mode.');
    await expect(banner).toContainText('table columns are not shown, and it will not run');
    // The host was asked and answered (restricted): the port keeps its declared type, no columns.
    await page.waitForTimeout(1200);
    const portRow = page.getByTestId('node-people').getByTestId('port-out-table');
    await portRow.hover();
    await expect(portRow.locator('.port-type')).not.toContainText('name');
    await page.getByTestId('node-people').click();
    await expect(page.getByTestId('inspector-port-out-table')).not.toContainText('columns');

    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('notice-error')).toContainText('is not trusted');
    await expect(page.getByTestId('run-status')).not.toContainText('Completed');
    await page.screenshot({ path: path.join('test-results', 'restricted-mode.png') });

    await page.getByTestId('trust-folder').click();
    await expect(banner).toBeHidden();
    await portRow.hover();
    await expect(portRow.locator('.port-type')).toContainText('name: string');
    await page.getByTestId('node-best').click();
    await expect(page.getByTestId('inspector-ports')).toContainText('score');

    await page.getByTestId('run-start').click();
    await expect(page.getByTestId('run-status')).toContainText('Completed', { timeout: 30_000 });

    const trustFile = path.join(config, 'trusted-folders.json');
    expect(JSON.parse(await readFile(trustFile, 'utf8')).trustedFolders).toHaveLength(1);
    expect(((await stat(trustFile)).mode & 0o777).toString(8)).toBe('600');

    // The next server in that folder remembers.
    await stopSluiceServer(child);
    ({ child, info } = await startSluiceServer(workspace, 'trust-test-token-0123456789abcdef', [], {
      trustWorkspace: false,
      env,
    }));
    await page.goto(info.url);
    await page.getByTestId('menu-file').click();
    await page.getByTestId('file-open').click();
    await page.getByTestId('file-entry-received.sluice.json').click();
    await expect(page.getByTestId('node-people')).toBeVisible();
    await page.getByTestId('node-people').getByTestId('port-out-table').hover();
    await expect(
      page.getByTestId('node-people').getByTestId('port-out-table').locator('.port-type'),
    ).toContainText('name: string');
    await expect(banner).toBeHidden();
  } finally {
    await stopSluiceServer(child);
    await rm(workspace, { recursive: true, force: true });
    await rm(config, { recursive: true, force: true });
  }
});
