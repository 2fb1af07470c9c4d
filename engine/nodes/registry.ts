// The node types a host knows: built-ins (core + data) and user node modules loaded from a folder.
// Workers find built-ins by type id (builtinNode) and user types by module path.

import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nodeTypeMap, type NodeTypeInfo } from '../model/nodeTypeInfo.js';
import { nodeTypeInfo } from '../sdk/index.js';
import type { NodeDefinition } from '../sdk/index.js';
import { compileUserModule, isTsNodeModule } from './compileUserModule.js';
import { coreNodes } from './core/index.js';
import { dataNodes } from './data/index.js';

/** Node types known to a host: built-ins plus those loaded from a user folder. */
export interface NodeRegistry {
  get(type: string): RegisteredNode | undefined;
  /** JSON descriptions, sorted by category then title. */
  list(): NodeTypeInfo[];
}

export interface RegisteredNode {
  definition: NodeDefinition<never>;
  /** Absolute path of the module a worker imports to get this definition; undefined for built-ins. */
  modulePath?: string;
}

let builtins: Map<string, NodeDefinition<never>> | undefined;

function builtinMap(): Map<string, NodeDefinition<never>> {
  builtins ??= nodeTypeMap([...coreNodes, ...dataNodes]);
  return builtins;
}

export function builtinNodes(): NodeDefinition<never>[] {
  return [...builtinMap().values()];
}

export function builtinNode(type: string): NodeDefinition<never> | undefined {
  return builtinMap().get(type);
}

export interface RegistryOptions {
  /**
   * Folder of user node modules (`*.js`, `*.mjs`, `*.ts`, `*.mts`, each default-exporting a
   * defineNode result). TypeScript ones are compiled first (compileUserModule.ts).
   */
  userNodesDir?: string;
}

/** A user module that could not be loaded: reported, not fatal (the other types still load). */
export interface RegistryLoadError {
  file: string;
  message: string;
}

export interface LoadedRegistry extends NodeRegistry {
  readonly loadErrors: RegistryLoadError[];
}

function isDefinition(v: unknown): v is NodeDefinition<never> {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<NodeDefinition<never>>;
  return (
    typeof d.type === 'string' &&
    typeof d.run === 'function' &&
    Array.isArray(d.inputs) &&
    Array.isArray(d.outputs) &&
    Array.isArray(d.params)
  );
}

async function loadUserNodes(
  dir: string,
  into: Map<string, RegisteredNode>,
  errors: RegistryLoadError[],
): Promise<void> {
  let files: string[];
  try {
    files = (await readdir(dir))
      .filter((f) => f.endsWith('.js') || f.endsWith('.mjs') || isTsNodeModule(f))
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const file of files) {
    const sourcePath = path.resolve(dir, file);
    try {
      // Workers import the compiled copy of a TypeScript module.
      const modulePath = isTsNodeModule(file) ? await compileUserModule(sourcePath) : sourcePath;
      const mod = (await import(pathToFileURL(modulePath).href)) as { default?: unknown };
      if (!isDefinition(mod.default))
        throw new Error('it does not default-export a node definition (defineNode({…}))');
      const def = mod.default;
      if (into.has(def.type)) throw new Error(`node type "${def.type}" is already defined`);
      into.set(def.type, { definition: def, modulePath });
    } catch (err) {
      errors.push({
        file: sourcePath,
        message: `User node module ${sourcePath}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
}

export async function createRegistry(options: RegistryOptions = {}): Promise<LoadedRegistry> {
  const nodes = new Map<string, RegisteredNode>(builtinNodes().map((d) => [d.type, { definition: d }]));
  const loadErrors: RegistryLoadError[] = [];
  if (options.userNodesDir) await loadUserNodes(options.userNodesDir, nodes, loadErrors);
  const infos = [...nodes.values()]
    .map((n) => nodeTypeInfo(n.definition))
    .sort((a, b) => a.category.localeCompare(b.category) || a.title.localeCompare(b.title));
  return {
    loadErrors,
    get: (type) => nodes.get(type),
    list: (): NodeTypeInfo[] => infos,
  };
}
