// Entry used when the package runs from its TypeScript sources; see
// writer-thread.dev.mjs. The built package's pool loads read-task.js.
import { register } from 'tsx/esm/api';

register();
const task = await import('./read-task.ts');

export default task.default;
