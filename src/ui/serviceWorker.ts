/** Registers the offline service worker in production builds (dev serves modules live). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.register('/sw.js', { type: 'module' }).catch((error: unknown) => {
    console.warn('Offline mode unavailable:', error);
  });
}

/** How often an open page asks the server whether a new version was published. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Calls onUpdate when a new version has been installed and is waiting; returns an unsubscribe.
 * A new version is found when the browser checks on navigation, when the page comes back into
 * view and once an hour while it stays open; one that was already installing or waiting when the
 * page started (a reload triggers the check before the page's code runs) is caught too.
 */
export function watchForUpdates(onUpdate: () => void): () => void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return () => {};
  let stopped = false;
  let registration: ServiceWorkerRegistration | undefined;
  const notify = () => {
    // A waiting worker next to an active one means a newer version is ready.
    if (!stopped && registration?.waiting && navigator.serviceWorker.controller) onUpdate();
  };
  const follow = (worker: ServiceWorker | null) => {
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') notify();
    });
  };
  const check = () => {
    if (!stopped && document.visibilityState === 'visible') registration?.update().catch(() => undefined);
  };
  const timer = setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', check);
  void navigator.serviceWorker.getRegistration().then((found) => {
    if (!found || stopped) return;
    registration = found;
    notify();
    follow(found.installing);
    found.addEventListener('updatefound', () => follow(found.installing));
  });
  return () => {
    stopped = true;
    clearInterval(timer);
    document.removeEventListener('visibilitychange', check);
  };
}

/** Activates the waiting version and reloads the page once it controls it. */
export function applyUpdate(): void {
  void navigator.serviceWorker.getRegistration().then((registration) => {
    if (!registration?.waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    registration.waiting.postMessage('SKIP_WAITING');
  });
}
