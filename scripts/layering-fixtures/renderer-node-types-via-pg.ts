// Checked as renderer/src/run/fixture.ts: a package whose types reference Node's (@types/pg has
// `/// <reference types="node" />`) would make process.cwd() type-check in a page. The import fails
// lint; the boundary check (scripts/typeBoundaries.mjs) fails on @types/node in the program.
import type { PoolConfig } from 'pg';

export const config: PoolConfig = {};
export const here = process.cwd();
