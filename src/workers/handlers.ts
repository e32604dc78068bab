import { CancelledError, serializeError, type ParamsOf, type Progress, type RequestType, type ResultOf, type WorkerRequest, type WorkerResponse } from './protocol.ts';

/** What a handler gets besides its params: a cancel check and a progress reporter. */
export interface HandlerContext {
  /** True once the page asked to cancel this request. */
  readonly cancelled: boolean;
  /** Throws CancelledError when the request was cancelled; call between chunks or batches. */
  throwIfCancelled(): void;
  /** Sends a progress message to the page. */
  progress(progress: Progress): void;
}

/** A handler's answer: the result and the buffers to transfer with it. */
export interface HandlerReply<R> {
  /** The result value. */
  result: R;
  /** Buffers moved (not copied) to the page. */
  transfer?: Transferable[];
}

/** One function per request type a worker serves; Node tests call these directly. */
export type RequestHandlers<K extends RequestType> = {
  [P in K]: (params: ParamsOf<P>, context: HandlerContext) => Promise<HandlerReply<ResultOf<P>>>;
};

/** Where responses go: `postMessage` inside a worker, a function in tests. */
export type PostResponse = (message: WorkerResponse, transfer?: Transferable[]) => void;

/**
 * Dispatches requests to handlers, tracks cancellation, and always answers each request with
 * exactly one of result / error / cancelled (progress may come before).
 */
export function createDispatcher<K extends RequestType>(handlers: RequestHandlers<K>, post: PostResponse): (request: WorkerRequest) => void {
  const cancelled = new Set<number>();
  return (request) => {
    if (request.type === 'cancel') {
      cancelled.add(request.id);
      return;
    }
    const { id } = request;
    const handler = (handlers as Record<string, ((params: unknown, context: HandlerContext) => Promise<HandlerReply<unknown>>) | undefined>)[request.type];
    if (!handler) {
      post({ type: 'error', id, error: { name: 'Error', message: `This worker does not handle '${request.type}'.` } });
      return;
    }
    const context: HandlerContext = {
      get cancelled() {
        return cancelled.has(id);
      },
      throwIfCancelled() {
        if (cancelled.has(id)) throw new CancelledError();
      },
      progress(progress) {
        post({ type: 'progress', id, progress });
      },
    };
    handler(request.params, context)
      .then(
        ({ result, transfer }) => post({ type: 'result', id, result }, transfer),
        (error: unknown) => {
          if (error instanceof CancelledError || cancelled.has(id)) post({ type: 'cancelled', id });
          else post({ type: 'error', id, error: serializeError(error) });
        },
      )
      .finally(() => cancelled.delete(id));
  };
}

/** Wires a dispatcher to a worker's global scope: the whole body of a `*.worker.ts` entry. */
export function serveInWorker<K extends RequestType>(handlers: RequestHandlers<K>): void {
  const scope = globalThis as unknown as {
    postMessage(message: unknown, transfer?: Transferable[]): void;
    onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  };
  const dispatch = createDispatcher(handlers, (message, transfer) => scope.postMessage(message, transfer ?? []));
  scope.onmessage = (event) => dispatch(event.data);
}
