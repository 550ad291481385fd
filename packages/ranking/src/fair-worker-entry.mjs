// Worker threads do not inherit the parent's module hooks: register tsx, then load the worker
// and hand piscina its task functions.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./fair-worker.ts');
export default worker.default;
export const ready = worker.ready;
