// A worker for worker-pool.test.ts that exercises the pool's protocol without loading any model:
// doubles a number after `delayMs`, throws on a negative one, and kills its own thread on 999.
import { z } from 'zod';
import { serveWorkerTasks } from '../../src/face/worker-protocol.ts';

const taskSchema = z.object({
  taskId: z.number(),
  input: z.object({ value: z.number(), delayMs: z.number() }),
});

await serveWorkerTasks<{ value: number; delayMs: number }, number>(
  async () =>
    async ({ value, delayMs }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (value === 999) process.exit(3);
      if (value < 0) throw new Error(`refused ${value}`);
      return { output: value * 2 };
    },
  (value) => taskSchema.parse(value),
);
