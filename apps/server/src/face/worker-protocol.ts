// The worker side of worker-pool.ts: initialise once, say ready, then answer one task at a time.
import { parentPort } from 'node:worker_threads';

export async function serveWorkerTasks<TInput, TOutput>(
  initialise: () => Promise<(input: TInput) => Promise<{ output: TOutput; transfer?: ArrayBuffer[] }>>,
  parseInput: (value: unknown) => { taskId: number; input: TInput },
): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('serveWorkerTasks must run in a worker thread');
  let handle: (input: TInput) => Promise<{ output: TOutput; transfer?: ArrayBuffer[] }>;
  try {
    handle = await initialise();
  } catch (error) {
    port.postMessage({
      type: 'init_failed',
      message: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  port.on('message', (raw: unknown) => {
    const { taskId, input } = parseInput(raw);
    handle(input).then(
      ({ output, transfer }) => port.postMessage({ type: 'done', taskId, output }, transfer ?? []),
      (error: unknown) =>
        // Only the message crosses: never the input, which is a person's camera frame.
        port.postMessage({
          type: 'failed',
          taskId,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  });
  port.postMessage({ type: 'ready' });
}
