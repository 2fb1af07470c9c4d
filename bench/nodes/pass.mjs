export { pass as default } from '../lib/benchNodes.mjs';
