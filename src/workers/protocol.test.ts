import { describe, expect, it } from 'vitest';
import { WorkerClient } from './client.ts';
import { createDispatcher, type RequestHandlers } from './handlers.ts';
import { inProcessPort } from './inProcess.ts';
import { CancelledError, type WorkerResponse } from './protocol.ts';

const handlers: RequestHandlers<'ping'> = {
  async ping({ text }, context) {
    context.progress({ stage: 'echo', done: 1, total: 2 });
    await new Promise((r) => setTimeout(r, 5));
    context.throwIfCancelled();
    if (text === 'boom') throw Object.assign(new TypeError('exploded'), { code: 'E_BOOM' });
    return { result: { text } };
  },
};

describe('worker protocol', () => {
  it('resolves results and forwards progress', async () => {
    const client = new WorkerClient(inProcessPort(handlers));
    const seen: number[] = [];
    const result = await client.request('ping', { text: 'hi' }, { onProgress: (p) => seen.push(p.done) });
    expect(result).toEqual({ text: 'hi' });
    expect(seen).toEqual([1]);
  });

  it('rebuilds errors with name, message and code', async () => {
    const client = new WorkerClient(inProcessPort(handlers));
    const error = (await client.request('ping', { text: 'boom' }).then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(error.name).toBe('TypeError');
    expect(error.message).toBe('exploded');
    expect(error.code).toBe('E_BOOM');
  });

  it('answers a cancelled request with cancelled', async () => {
    const client = new WorkerClient(inProcessPort(handlers));
    const controller = new AbortController();
    const pending = client.request('ping', { text: 'slow' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it('answers every request exactly once', async () => {
    const responses: WorkerResponse[] = [];
    const dispatch = createDispatcher(handlers, (m) => responses.push(m));
    dispatch({ type: 'ping', id: 7, params: { text: 'a' } });
    dispatch({ type: 'unknown' as 'ping', id: 8, params: { text: 'b' } });
    await new Promise((r) => setTimeout(r, 20));
    const finals = responses.filter((r) => r.type !== 'progress');
    expect(finals.map((r) => [r.id, r.type]).sort()).toEqual([[7, 'result'], [8, 'error']]);
  });
});
