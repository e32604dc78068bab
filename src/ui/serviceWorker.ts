/** Registers the offline service worker in production builds (dev serves modules live). */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
    console.warn('Offline mode unavailable:', error);
  });
}
