// Argument parsing for `sluice run|validate|nodes`: pure, so it is tested without processes.

import type { ParamOverride } from '../model/paramOverrides.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type { ParamOverride };

/** `NODE.KEY=VALUE`; VALUE is JSON when it parses as JSON (`5`, `true`, `"x"`, `[1]`), else a string. */
export function parseParamOverride(text: string): ParamOverride {
  const eq = text.indexOf('=');
  const dot = text.indexOf('.');
  if (eq < 0 || dot < 1 || dot > eq - 2) {
    throw new UsageError(`--param expects NODE.KEY=VALUE, got "${text}"`);
  }
  const raw = text.slice(eq + 1);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    // Not JSON: the text itself.
  }
  return { nodeId: text.slice(0, dot), key: text.slice(dot + 1, eq), value };
}

export interface CommandArgs {
  positional: string[];
  flags: Set<string>;
  params: ParamOverride[];
  options: Map<string, string>;
}

/** Splits argv into positionals, boolean flags, `--param` overrides and valued options. */
export function parseCommandArgs(argv: string[], spec: { flags: string[]; options: string[] }): CommandArgs {
  const out: CommandArgs = { positional: [], flags: new Set(), params: [], options: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${name} needs a value`);
      return next;
    };
    if (name === '--param' || name === '-p') out.params.push(parseParamOverride(value()));
    else if (spec.flags.includes(name)) out.flags.add(name);
    else if (spec.options.includes(name)) out.options.set(name, value());
    else if (name.startsWith('-') && name !== '-') throw new UsageError(`unknown option ${name}`);
    else out.positional.push(arg);
  }
  return out;
}
