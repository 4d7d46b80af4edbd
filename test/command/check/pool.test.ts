import { DEFAULT_QUERIES_IN_FLIGHT, QueryPool } from '../../../src/command/check/pool';

// The bound on queries in flight: never more running than the limit, the waiting ones in the order they came,
// a place given back whether a task resolves or rejects.

/** A task that runs until `finish()` is called, recording when it starts. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return { task: () => { log.push(`start ${name}`); return done; }, finish: () => finish(), fail: (e: Error) => fail(e) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('at most `limit` tasks run at once; the others start in order as places free up', async () => {
  const pool = new QueryPool(2);
  const log: string[] = [];
  const gates = ['a', 'b', 'c', 'd'].map((n) => gate(log, n));
  const results = gates.map((g) => pool.run(g.task));
  const first = results[0].then(() => 'resolved', (e: Error) => `rejected: ${e.message}`);
  await settle();
  expect(log).toEqual(['start a', 'start b']);
  gates[1].finish();
  await settle();
  expect(log).toEqual(['start a', 'start b', 'start c']);
  gates[0].fail(new Error('lost'));
  await settle();
  expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
  gates[2].finish();
  gates[3].finish();
  expect(await first).toBe('rejected: lost');
  expect(await Promise.all(results.slice(1))).toEqual(['b', 'c', 'd']);
});

test('a place is given back after a rejection, so the pool never shrinks', async () => {
  const pool = new QueryPool(1);
  await expect(pool.run(() => Promise.reject(new Error('x')))).rejects.toThrow(new Error('x'));
  expect(await pool.run(async () => 'next')).toBe('next');
});

test('the default limit is small', () => {
  expect(new QueryPool().limit).toBe(DEFAULT_QUERIES_IN_FLIGHT);
  expect(DEFAULT_QUERIES_IN_FLIGHT).toBe(8);
});

test.each([0, -1, 1.5, NaN])('a limit of %p is refused', (limit) => {
  expect(() => new QueryPool(limit)).toThrow(new Error(`a query pool needs a limit of at least 1, got ${limit}`));
});
