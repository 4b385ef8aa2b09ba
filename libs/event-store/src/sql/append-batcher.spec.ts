import { AppendBatcher, type AppendBatchLimits } from './append-batcher';

/** A batch runner whose calls the test finishes one by one. */
function controlledRunner() {
  const calls: { appends: readonly string[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const run = (appends: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({
        appends,
        finish: () => resolve(appends.map((append) => `${append}:done`)),
        fail: reject,
      });
    });
  return { calls, run };
}

function batcherWith(limits: Partial<AppendBatchLimits> = {}) {
  const runner = controlledRunner();
  const batcher = new AppendBatcher(runner.run, { maxInFlight: 1, maxAppends: 64, maxEvents: 1000, ...limits });
  return { ...runner, batcher };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('AppendBatcher', () => {
  it('sends an append at once, alone, while fewer than maxInFlight batches run', async () => {
    const { batcher, calls } = batcherWith({ maxInFlight: 2 });

    const first = batcher.submit('a', 1);
    const second = batcher.submit('b', 1);

    expect(calls.map((call) => call.appends)).toEqual([['a'], ['b']]);
    calls.forEach((call) => call.finish());
    expect(await Promise.all([first, second])).toEqual(['a:done', 'b:done']);
  });

  it('sends the appends that queued meanwhile as one batch when a batch ends', async () => {
    const { batcher, calls } = batcherWith();
    const outcomes = ['a', 'b', 'c', 'd'].map((append) => batcher.submit(append, 1));

    calls[0].finish();
    await settle();

    expect(calls.map((call) => call.appends)).toEqual([['a'], ['b', 'c', 'd']]);
    calls[1].finish();
    expect(await Promise.all(outcomes)).toEqual(['a:done', 'b:done', 'c:done', 'd:done']);
  });

  it('keeps each batch within the append and event limits, in arrival order', async () => {
    const { batcher, calls } = batcherWith({ maxAppends: 2, maxEvents: 5 });
    const outcomes = [
      batcher.submit('first', 1),
      batcher.submit('a', 1),
      batcher.submit('b', 1),
      batcher.submit('c', 3),
      batcher.submit('d', 3),
      batcher.submit('bulk', 50),
    ];

    for (let i = 0; i < 5; i += 1) {
      calls[i].finish();
      await settle();
    }

    expect(calls.map((call) => call.appends)).toEqual([['first'], ['a', 'b'], ['c'], ['d'], ['bulk']]);
    expect(await Promise.all(outcomes)).toHaveLength(6);
  });

  it('rejects only the appends of a batch that fails, and goes on with the next', async () => {
    const { batcher, calls } = batcherWith();
    const first = batcher.submit('a', 1);
    const queued = [batcher.submit('b', 1), batcher.submit('c', 1)];

    calls[0].fail(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await settle();
    calls[1].finish();

    expect(await Promise.all(queued)).toEqual(['b:done', 'c:done']);
  });

  it('refuses limits below one', () => {
    expect(() => new AppendBatcher(async () => [], { maxInFlight: 0, maxAppends: 1, maxEvents: 1 })).toThrow();
  });
});
