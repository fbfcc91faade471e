// A worker for worker-pool.test.ts whose initialisation fails (as a missing model file would).
import { serveWorkerTasks } from '../../src/face/worker-protocol.ts';

await serveWorkerTasks<number, number>(
  async () => {
    throw new Error('models missing');
  },
  () => ({ taskId: 0, input: 0 }),
);
