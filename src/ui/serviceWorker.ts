/** Registers the offline service worker in production builds (dev serves modules live). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.register('/sw.js', { type: 'module' }).catch((error: unknown) => {
    console.warn('Offline mode unavailable:', error);
  });
}

/** Calls onUpdate when a new version has been installed and is waiting; returns an unsubscribe. */
export function watchForUpdates(onUpdate: () => void): () => void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return () => {};
  let stopped = false;
  void navigator.serviceWorker.getRegistration().then((registration) => {
    if (!registration || stopped) return;
    // A waiting worker next to an active one means a newer version is ready.
    if (registration.waiting && navigator.serviceWorker.controller) onUpdate();
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed' && navigator.serviceWorker.controller && !stopped) onUpdate();
      });
    });
  });
  return () => {
    stopped = true;
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
