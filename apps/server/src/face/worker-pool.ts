// A fixed set of worker threads that each run one task at a time, fed from one bounded FIFO queue.
// Written here rather than taking piscina: the needs are small (N threads, each initialised once before
// its first task, a hard cap on waiting tasks, a replacement thread after a crash) and a pool this size
// is easier to audit than a dependency. Analysis is CPU-bound, so a thread never runs two tasks at once.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';

/** Thrown (as a rejection) when the queue is full: the caller should answer "busy, retry later". */
export class WorkerPoolBusyError extends Error {
  readonly code = 'face_analysis_busy';
  constructor(queuedTasks: number) {
    super(`face analysis is saturated (${queuedTasks} frames already waiting); retry later`);
    this.name = 'WorkerPoolBusyError';
  }
}

/** A task failed inside its thread (the thread itself carries on) or the thread stopped under it. */
export class WorkerTaskError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

export interface WorkerPoolOptions<TOutput> {
  /** The worker's module; it must answer with the protocol in worker-protocol.ts. */
  workerUrl: URL;
  threads: number;
  /** Tasks that may wait for a thread; beyond this, run() rejects with WorkerPoolBusyError. */
  maxQueuedTasks: number;
  /** Checks a thread's answer before it reaches the caller. */
  parseOutput: (value: unknown) => TOutput;
  /** When false, idle threads do not keep the process alive (a shared pool in a test process). */
  keepProcessAlive?: boolean;
}

export interface WorkerPool<TInput, TOutput> {
  /** Queues every input or none (WorkerPoolBusyError); one promise per input. */
  run(inputs: readonly TInput[]): Array<Promise<TOutput>>;
  /** Resolves once every thread has initialised; rejects if a thread cannot. */
  whenReady(): Promise<void>;
  /** Rejects waiting tasks, lets running ones finish being abandoned, and stops every thread. */
  close(): Promise<void>;
}

const workerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('init_failed'), message: z.string() }),
  z.object({ type: z.literal('done'), taskId: z.number(), output: z.unknown() }),
  z.object({ type: z.literal('failed'), taskId: z.number(), message: z.string() }),
]);

interface Task<TInput, TOutput> {
  taskId: number;
  input: TInput;
  resolve: (output: TOutput) => void;
  reject: (error: Error) => void;
}

interface Thread<TInput, TOutput> {
  worker: Worker;
  ready: boolean;
  running: Task<TInput, TOutput> | null;
}

function createDeferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve: () => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((onResolve, onReject) => {
    resolve = onResolve;
    reject = onReject;
  });
  return { promise, resolve, reject };
}

export function createWorkerPool<TInput, TOutput>(
  options: WorkerPoolOptions<TOutput>,
): WorkerPool<TInput, TOutput> {
  if (!Number.isInteger(options.threads) || options.threads < 1) throw new Error('threads must be ≥ 1');
  const queue: Array<Task<TInput, TOutput>> = [];
  const threads = new Set<Thread<TInput, TOutput>>();
  let nextTaskId = 0;
  let closed = false;
  let initFailure: Error | null = null;
  let readyCount = 0;
  const settleReady = createDeferred();
  // Nobody may be awaiting readiness; the failure still reaches callers through run().
  settleReady.promise.catch(() => {});

  function failEverything(error: Error): void {
    initFailure = error;
    settleReady.reject(error);
    for (const task of queue.splice(0)) task.reject(error);
  }

  function dispatch(): void {
    for (const thread of threads) {
      if (!thread.ready || thread.running) continue;
      const task = queue.shift();
      if (!task) return;
      thread.running = task;
      thread.worker.postMessage({ taskId: task.taskId, input: task.input });
    }
  }

  function startThread(): void {
    const thread: Thread<TInput, TOutput> = {
      worker: new Worker(options.workerUrl),
      ready: false,
      running: null,
    };
    threads.add(thread);
    if (options.keepProcessAlive === false) thread.worker.unref();
    thread.worker.on('message', (raw: unknown) => {
      const parsed = workerMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'ready') {
        thread.ready = true;
        readyCount += 1;
        if (readyCount >= options.threads) settleReady.resolve();
        dispatch();
        return;
      }
      if (message.type === 'init_failed') {
        failEverything(new Error(`face analysis thread could not start: ${message.message}`));
        void thread.worker.terminate();
        return;
      }
      const task = thread.running;
      if (!task || task.taskId !== message.taskId) return;
      thread.running = null;
      if (message.type === 'failed') task.reject(new WorkerTaskError(message.message));
      else {
        try {
          task.resolve(options.parseOutput(message.output));
        } catch (error) {
          task.reject(new WorkerTaskError(`unexpected answer from a thread: ${String(error)}`));
        }
      }
      dispatch();
    });
    // An 'error' event is followed by 'exit'; the exit handler does the bookkeeping.
    thread.worker.on('error', () => {});
    thread.worker.on('exit', (exitCode) => {
      threads.delete(thread);
      if (thread.ready) readyCount -= 1;
      thread.running?.reject(new WorkerTaskError(`face analysis thread stopped (exit code ${exitCode})`));
      thread.running = null;
      if (closed || initFailure) return;
      // A thread that dies before it is ready would die again: that is a start failure, not a crash.
      if (!thread.ready) {
        failEverything(new Error(`face analysis thread exited while starting (exit code ${exitCode})`));
        return;
      }
      startThread();
    });
  }

  for (let index = 0; index < options.threads; index++) startThread();

  return {
    run(inputs) {
      if (closed) return inputs.map(() => Promise.reject(new Error('face analysis is closed')));
      const failure = initFailure;
      if (failure) return inputs.map(() => Promise.reject(failure));
      if (queue.length + inputs.length > options.maxQueuedTasks) {
        const busy = new WorkerPoolBusyError(queue.length);
        return inputs.map(() => Promise.reject(busy));
      }
      const promises = inputs.map(
        (input) =>
          new Promise<TOutput>((resolve, reject) => {
            queue.push({ taskId: nextTaskId++, input, resolve, reject });
          }),
      );
      dispatch();
      return promises;
    },
    whenReady() {
      return settleReady.promise;
    },
    async close() {
      if (closed) return;
      closed = true;
      const error = new Error('face analysis is closed');
      for (const task of queue.splice(0)) task.reject(error);
      settleReady.reject(error);
      await Promise.all([...threads].map((thread) => thread.worker.terminate()));
    },
  };
}
