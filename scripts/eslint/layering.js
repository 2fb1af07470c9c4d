// A local ESLint rule, `layering/imports`: each layer lists what it MAY import (an allow-list), and
// every other import fails. It sees every way a module can be loaded: static imports, `export … from`,
// dynamic `import()`, `require()`, `import x = require()` and `typeof import()` in types. Relative
// specifiers are resolved against the linted file's path (no file system access), so a fixture linted
// with `lintText(code, { filePath })` is judged as if it lived there.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every Node built-in, bare and `node:`-prefixed (`fs`, `node:fs`, `fs/promises`, …). */
export const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

export function isNodeBuiltin(spec) {
  // `node:test`, `node:sqlite` and the like exist only with the prefix and are not all listed.
  return nodeBuiltins.has(spec) || spec.startsWith('node:');
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** `engine/model/` matches `engine/model` and everything under it; `a/b.ts` matches that file only. */
function pathAllowed(repoPath, prefixes) {
  return prefixes.some((p) =>
    p.endsWith('/') ? repoPath === p.slice(0, -1) || repoPath.startsWith(p) : repoPath === p,
  );
}

/** The repository path a relative specifier names, `.js` written for a `.ts` source as TS does. */
function resolveLocal(fromFile, spec) {
  const abs = spec.startsWith('/') ? spec : path.resolve(path.dirname(fromFile), spec);
  return path.relative(repoRoot, abs).split(path.sep).join('/');
}

function literalSpec(node) {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

function describeAllowed(o) {
  const parts = [];
  if (o.nodeBuiltins) parts.push('Node built-ins');
  if (o.packages?.length) parts.push(`packages ${o.packages.join(', ')}`);
  if (o.paths?.length) parts.push(o.paths.join(', '));
  if (o.typeOnlyPaths?.length) parts.push(`types only from ${o.typeOnlyPaths.join(', ')}`);
  return parts.length ? parts.join('; ') : 'nothing';
}

const stringList = { type: 'array', items: { type: 'string' } };

const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer may import only what its allow-list names (eslint.config.js: layers).' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          nodeBuiltins: { type: 'boolean' },
          packages: stringList,
          paths: stringList,
          typeOnlyPaths: stringList,
          computedImports: { type: 'boolean' },
        },
        required: ['layer'],
        additionalProperties: false,
      },
    ],
    messages: {
      builtin:
        "{{layer}} may not import '{{spec}}': it is a Node built-in. {{layer}} may import: {{allowed}} (eslint.config.js: layers).",
      package:
        "{{layer}} may not import the package '{{spec}}'. {{layer}} may import: {{allowed}} (eslint.config.js: layers).",
      path: "{{layer}} may not import '{{spec}}' ({{target}}). {{layer}} may import: {{allowed}} (eslint.config.js: layers).",
      typeOnly:
        "{{layer}} may import '{{spec}}' ({{target}}) with `import type` only: a value import would bundle it into {{layer}}.",
      computed:
        '{{layer}} may not load a module by a computed name: the layering cannot check it (eslint.config.js: layers).',
    },
  },
  create(context) {
    const o = context.options[0];
    const allowed = describeAllowed(o);
    const filename = context.filename;

    function check(node, spec, typeOnly) {
      const data = { layer: o.layer, spec, allowed };
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = resolveLocal(filename, spec);
        if (pathAllowed(target, o.paths ?? [])) return;
        if (pathAllowed(target, o.typeOnlyPaths ?? [])) {
          if (typeOnly) return;
          context.report({ node, messageId: 'typeOnly', data: { ...data, target } });
          return;
        }
        context.report({ node, messageId: 'path', data: { ...data, target } });
        return;
      }
      if (isNodeBuiltin(spec)) {
        if (!o.nodeBuiltins) context.report({ node, messageId: 'builtin', data });
        return;
      }
      if (!(o.packages ?? []).includes(packageName(spec)))
        context.report({ node, messageId: 'package', data });
    }

    function checkLoad(node, arg) {
      const spec = literalSpec(arg);
      if (spec !== undefined) check(node, spec, false);
      else if (!o.computedImports) context.report({ node, messageId: 'computed', data: { layer: o.layer } });
    }

    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        checkLoad(node, node.source);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require')
          checkLoad(node, node.arguments[0]);
      },
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          const spec = literalSpec(node.moduleReference.expression);
          if (spec !== undefined) check(node, spec, node.importKind === 'type');
        }
      },
      TSImportType(node) {
        const arg = node.argument;
        const spec = arg?.type === 'TSLiteralType' ? literalSpec(arg.literal) : undefined;
        if (spec !== undefined) check(node, spec, true);
      },
    };
  },
};

export default { meta: { name: 'layering' }, rules: { imports: importsRule } };
