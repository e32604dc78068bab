import { CancelledError, deserializeError, type ParamsOf, type Progress, type RequestType, type ResultOf, type WorkerRequest, type WorkerResponse } from './protocol.ts';

/** The part of a Worker the client needs; a Worker, or an in-process stand-in in tests. */
export interface MessagePortLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  terminate?(): void;
}

/** Options of one request: progress subscriber, abort signal, buffers to transfer. */
export interface RequestOptions {
  /** Called with each progress message. */
  onProgress?: (progress: Progress) => void;
  /** Aborting sends `cancel` to the worker; the promise rejects with CancelledError. */
  signal?: AbortSignal;
  /** Buffers moved (not copied) to the worker. */
  transfer?: Transferable[];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: Progress) => void;
}

/** Sends typed requests to a worker and resolves each with its typed result. */
export class WorkerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly port: MessagePortLike) {
    port.addEventListener('message', (event) => this.receive(event.data));
  }

  /** Sends a request of type K; resolves with its result, rejects with the worker's error. */
  request<K extends RequestType>(type: K, params: ParamsOf<K>, options: RequestOptions = {}): Promise<ResultOf<K>> {
    const id = this.nextId++;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new CancelledError());
        return;
      }
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress: options.onProgress });
      options.signal?.addEventListener('abort', () => this.port.postMessage({ type: 'cancel', id }), { once: true });
      this.port.postMessage({ type, id, params } as WorkerRequest, options.transfer ?? []);
    });
  }

  /** Stops the worker; pending requests reject as cancelled. */
  terminate(): void {
    this.port.terminate?.();
    for (const pending of this.pending.values()) pending.reject(new CancelledError('The worker was stopped.'));
    this.pending.clear();
  }

  private receive(message: WorkerResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.progress);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.result);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(deserializeError(message.error));
        return;
      case 'cancelled':
        this.pending.delete(message.id);
        pending.reject(new CancelledError());
        return;
      default: {
        const unreachable: never = message;
        throw new Error(`Unknown worker message ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
