/**
 * The one macrotask yield: long work in a worker (or in Node) awaits it between chunks, batches
 * or epochs so that queued messages — a `cancel` above all — are read before it goes on.
 */

/** Resolves on a fresh macrotask; through a MessageChannel, which (unlike setTimeout(0)) is not clamped to 4 ms when nested. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
