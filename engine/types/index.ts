// The port type system: one pure module used by the engine, the CLI's `validate` and the canvas.

export * from './ast.js';
export { parseType, tryParseType, TypeSyntaxError } from './parse.js';
export { formatType, formatFieldName } from './format.js';
export { isAssignable, type Assignability } from './assign.js';
export { TypeBindings, type BindingSource, type BindResult } from './unify.js';
