export { source as default } from '../lib/benchNodes.mjs';
