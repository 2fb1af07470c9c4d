// `sluice serve [--port N] [--host H] [--token T] [--workspace DIR] [--open]`: the editor in a browser,
// the host API over WebSocket and the REST API, for one workspace folder. Loopback only by default,
// and every request needs the token printed in the URL (see engine/server/auth.ts for why).

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { serveToken } from './serveToken.js';
import { startServer } from '../server/httpServer.js';
import { createHostService } from '../host/hostService.js';

/** Repository (or package) root: two folders up from engine/cli/ and from dist/engine/. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDist = path.join(root, 'dist', 'renderer');

const USAGE = `Usage: sluice serve [--port N] [--host H] [--token T] [--workspace DIR] [--open]
  --port N         port to listen on (default 7777; 0 picks a free one)
  --host H         interface to bind (default 127.0.0.1; anything else exposes the server to your network)
  --token T        the access token (default: the one in ~/.config/sluice/serve-token, for scripts;
                   else 32 random bytes, new at each start)
  --workspace DIR  folder of workflows the editor may open and save, trusted (default: the current
                   folder, in restricted mode until you trust it in the editor)
  --open           open the editor in the default browser
  --no-build       serve dist/renderer as it is (by default it is rebuilt when its sources are newer)
User node modules are loaded from $SLUICE_NODES_DIR when it is set.`;

interface ServeArgs {
  port: number;
  host: string | undefined;
  token: string;
  workspace: string;
  /** `--workspace DIR` was given: the user chose DIR, so it is trusted. */
  trustWorkspace: boolean;
  open: boolean;
  build: boolean;
}

function parseServeArgs(argv: string[]): ServeArgs | { error: string } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        workspace: { type: 'string' },
        open: { type: 'boolean' },
        'no-build': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return { error: (err as Error).message };
  }
  if (values.help) return 'help';
  const port = values.port === undefined ? 7777 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return { error: `--port must be an integer from 0 to 65535, not "${values.port}"` };
  const token = serveToken(values.token);
  if ('error' in token) return token;
  const workspace = path.resolve(values.workspace ?? process.cwd());
  if (!existsSync(workspace) || !statSync(workspace).isDirectory())
    return { error: `--workspace ${workspace} is not a folder` };
  return {
    port,
    host: values.host,
    token: token.token,
    workspace,
    trustWorkspace: values.workspace !== undefined,
    open: values.open ?? false,
    build: !values['no-build'],
  };
}

export async function serve(argv: string[]): Promise<number> {
  const args = parseServeArgs(argv);
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ('error' in args) {
    console.error(`sluice serve: ${args.error}\n${USAGE}`);
    return 2;
  }

  if (args.build) await ensureRendererBuilt();
  // User node modules, as for `sluice run` (docs/node-authoring.md).
  const userNodesDir = process.env.SLUICE_NODES_DIR;
  const service = await createHostService({
    workspace: args.workspace,
    confine: true,
    trustWorkspace: args.trustWorkspace,
    ...(userNodesDir ? { userNodesDir: path.resolve(userNodesDir) } : {}),
  });
  let server;
  try {
    server = await startServer({
      service,
      token: args.token,
      port: args.port,
      staticDir: rendererDist,
      ...(args.host !== undefined ? { host: args.host, allowAnyHost: !isLoopback(args.host) } : {}),
    });
  } catch (err) {
    await service.close();
    console.error(
      `sluice serve: cannot listen on ${args.host ?? '127.0.0.1'}:${args.port}: ${(err as Error).message}`,
    );
    return 1;
  }

  if (args.host !== undefined && !isLoopback(args.host)) {
    console.warn(
      `sluice serve: listening on ${args.host}: anyone on your network with the token can run code on this machine`,
    );
  }
  console.log(`Sluice is serving ${server.url}`);
  console.log(`Workspace: ${args.workspace}`);
  if (args.open) openBrowser(server.url);

  const stopped = server;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`sluice serve: ${signal}, stopping runs and closing`);
      void Promise.allSettled([stopped.close(), service.close()]).then(() => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        resolve(0);
      });
    };
    const onInt = () => stop('SIGINT');
    const onTerm = () => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Builds dist/renderer when it is missing or older than the renderer's sources. */
async function ensureRendererBuilt(): Promise<void> {
  const index = path.join(rendererDist, 'index.html');
  const sources = ['renderer', 'engine/model', 'engine/types', 'engine/check', 'engine/host'].map((d) =>
    path.join(root, d),
  );
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built > 0 && Math.max(...sources.map(newestMtime)) <= built) return;
  if (!existsSync(path.join(root, 'scripts', 'build.mjs')) || !existsSync(path.join(root, 'renderer'))) {
    if (built === 0)
      console.warn(
        'sluice serve: the editor is not built and its sources are not here; serving the API only',
      );
    return;
  }
  console.log(`sluice serve: ${built === 0 ? 'building' : 'rebuilding'} the editor (dist/renderer)…`);
  try {
    // Not a static import: the build tools (vite) are needed only here.
    const buildScript = pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href;
    const { buildRenderer } = (await import(buildScript)) as { buildRenderer: () => Promise<void> };
    await buildRenderer();
  } catch (err) {
    console.warn(`sluice serve: building the editor failed: ${(err as Error).message}`);
    if (existsSync(index)) console.warn('sluice serve: serving the previous build');
  }
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.warn(`sluice serve: could not open a browser; open ${url} yourself`));
    child.unref();
  } catch {
    console.warn(`sluice serve: could not open a browser; open ${url} yourself`);
  }
}
