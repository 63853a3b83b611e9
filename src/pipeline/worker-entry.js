// Worker-thread entry for the pipeline pool: registers the TypeScript loader
// (workers do not inherit a loader registered through the API) and exposes the task.
import { register } from 'tsx/esm/api';

register();
const { default: task } = await import('./worker-task.ts');
export default task;
