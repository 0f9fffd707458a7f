// Entry used when the package runs from its TypeScript sources (tests,
// `npm run` scripts under tsx). Loader hooks given to the main thread with
// `--import tsx` do not reach worker threads on Node 20, so the thread
// registers them itself. The built package starts writer-thread.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
