import { createDispatcher, type RequestHandlers } from './handlers.ts';
import type { RequestType, WorkerRequest, WorkerResponse } from './protocol.ts';
import type { MessagePortLike } from './client.ts';

/**
 * A MessagePortLike that runs handlers in this thread, asynchronously like a real worker.
 * Lets one test suite drive the same code through the client (here) and directly (handlers).
 */
export function inProcessPort<K extends RequestType>(handlers: RequestHandlers<K>): MessagePortLike {
  const listeners: ((event: MessageEvent<WorkerResponse>) => void)[] = [];
  const dispatch = createDispatcher(handlers, (message) => {
    setTimeout(() => listeners.forEach((listener) => listener({ data: message } as MessageEvent<WorkerResponse>)), 0);
  });
  return {
    postMessage(message: WorkerRequest) {
      setTimeout(() => dispatch(message), 0);
    },
    addEventListener(_type, listener) {
      listeners.push(listener);
    },
  };
}
