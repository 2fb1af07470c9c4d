// docs/nodes.md documents every built-in node type, each of its parameters and an example.
// Regenerate it with `npm run docs:nodes` after adding or changing a node type.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinNodes } from '../registry.js';

describe('docs/nodes.md', () => {
  it('has a section with every parameter and an example for each built-in node type', async () => {
    const text = await readFile(path.resolve('docs/nodes.md'), 'utf8');
    const sections = text.split(/^### /m).slice(1);
    for (const def of builtinNodes()) {
      const section = sections.find((s) => s.startsWith(`\`${def.type}\``));
      expect(section, `no section for ${def.type}`).toBeDefined();
      for (const p of def.params)
        expect(section, `${def.type}: parameter ${p.key}`).toContain(`\`${p.key}\``);
      expect(section, `${def.type}: example`).toContain('**Example**');
    }
  });
});
