import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { createWorkerPool, WorkerPoolBusyError, WorkerTaskError } from './worker-pool.ts';

const testWorkerUrl = new URL('../../test/support/pool-test-worker.ts', import.meta.url);

function createTestPool(threads: number, maxQueuedTasks = 100) {
  return createWorkerPool<{ value: number; delayMs: number }, number>({
    workerUrl: testWorkerUrl,
    threads,
    maxQueuedTasks,
    parseOutput: (value) => z.number().parse(value),
  });
}

test('answers in the order asked, whichever thread finishes first', async () => {
  const pool = createTestPool(2);
  try {
    // The first task is the slowest, so the second thread finishes later tasks before it.
    const inputs = [40, 1, 1, 1, 1].map((delayMs, index) => ({ value: index, delayMs }));
    assert.deepEqual(await Promise.all(pool.run(inputs)), [0, 2, 4, 6, 8]);
  } finally {
    await pool.close();
  }
});

test('a task that throws fails alone; the thread carries on', async () => {
  const pool = createTestPool(1);
  try {
    const results = await Promise.allSettled(
      pool.run([
        { value: 1, delayMs: 0 },
        { value: -1, delayMs: 0 },
        { value: 2, delayMs: 0 },
      ]),
    );
    assert.deepEqual(results[0], { status: 'fulfilled', value: 2 });
    assert.equal(results[1]?.status, 'rejected');
    assert.ok(results[1]?.status === 'rejected' && results[1].reason instanceof WorkerTaskError);
    assert.match(String(results[1].reason), /refused -1/);
    assert.deepEqual(results[2], { status: 'fulfilled', value: 4 });
  } finally {
    await pool.close();
  }
});

test('a thread that dies fails its task and is replaced', async () => {
  const pool = createTestPool(1);
  try {
    const [crashed, after] = await Promise.allSettled(
      pool.run([
        { value: 999, delayMs: 0 },
        { value: 5, delayMs: 0 },
      ]),
    );
    assert.equal(crashed?.status, 'rejected');
    assert.match(
      String(crashed?.status === 'rejected' ? crashed.reason : ''),
      /thread stopped \(exit code 3\)/,
    );
    assert.deepEqual(after, { status: 'fulfilled', value: 10 });
    assert.deepEqual(await Promise.all(pool.run([{ value: 6, delayMs: 0 }])), [12]);
  } finally {
    await pool.close();
  }
});

test('refuses a batch that would overfill the queue, without queueing any of it', async () => {
  const pool = createTestPool(1, 3);
  try {
    await pool.whenReady();
    const first = pool.run([
      { value: 1, delayMs: 50 },
      { value: 2, delayMs: 0 },
      { value: 3, delayMs: 0 },
    ]);
    // One is running and two wait: room for one more, not two.
    const refused = await Promise.allSettled(
      pool.run([
        { value: 4, delayMs: 0 },
        { value: 5, delayMs: 0 },
      ]),
    );
    for (const result of refused) {
      assert.ok(result.status === 'rejected' && result.reason instanceof WorkerPoolBusyError);
      assert.equal(result.reason.code, 'face_analysis_busy');
    }
    assert.deepEqual(await Promise.all(first), [2, 4, 6]);
    assert.deepEqual(await Promise.all(pool.run([{ value: 7, delayMs: 0 }])), [14]);
  } finally {
    await pool.close();
  }
});

test('a thread that cannot initialise makes the pool fail clearly, not hang', async () => {
  const pool = createWorkerPool<number, number>({
    workerUrl: new URL('../../test/support/pool-failing-worker.ts', import.meta.url),
    threads: 1,
    maxQueuedTasks: 10,
    parseOutput: (value) => z.number().parse(value),
  });
  try {
    const pending = pool.run([1]);
    await assert.rejects(pool.whenReady(), /could not start: models missing/);
    await assert.rejects(Promise.all(pending), /could not start: models missing/);
    await assert.rejects(Promise.all(pool.run([2])), /could not start/);
  } finally {
    await pool.close();
  }
});

test('close rejects waiting tasks and later calls', async () => {
  const pool = createTestPool(1);
  const pending = pool.run([
    { value: 1, delayMs: 30 },
    { value: 2, delayMs: 0 },
  ]);
  const settled = Promise.allSettled(pending);
  await pool.close();
  const results = await settled;
  assert.ok(results.every((result) => result.status === 'rejected'));
  await assert.rejects(Promise.all(pool.run([{ value: 3, delayMs: 0 }])), /closed/);
});
