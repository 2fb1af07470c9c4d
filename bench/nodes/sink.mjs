export { sink as default } from '../lib/benchNodes.mjs';
