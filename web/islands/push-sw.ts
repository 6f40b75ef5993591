/**
 * The push alerts' service worker, served at /push-sw.js so its scope is the whole site. It does
 * one thing: show the alert the server sent and open its article when tapped. No caching, no fetch
 * handler: the site must behave exactly as without it.
 */

/** The parts of the service worker scope this file uses (the DOM library has no worker types). */
interface PushEventLike extends Event {
  data: { json(): unknown } | null;
  waitUntil(promise: Promise<unknown>): void;
}
interface NotificationEventLike extends Event {
  notification: Notification;
  waitUntil(promise: Promise<unknown>): void;
}
interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
}
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  location: Location;
  addEventListener(type: "push", listener: (event: PushEventLike) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationEventLike) => void): void;
}

/** What the server sends (PushMessage in src/push/push-sender.ts). */
interface Alert {
  title: string;
  body: string;
  url: string;
  tag: string;
}

const scope = self as unknown as WorkerScope;

function readAlert(event: PushEventLike): Alert | null {
  try {
    const data = event.data?.json() as Partial<Alert> | undefined;
    if (!data || typeof data.title !== "string" || typeof data.url !== "string") return null;
    return { title: data.title, body: data.body ?? "", url: data.url, tag: data.tag ?? "gazette" };
  } catch {
    return null;
  }
}

scope.addEventListener("push", (event) => {
  const alert = readAlert(event);
  if (!alert) return;
  event.waitUntil(
    scope.registration.showNotification(alert.title, { body: alert.body, tag: alert.tag, data: { url: alert.url } }),
  );
});

scope.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = (event.notification.data as { url?: unknown } | null)?.url;
  // Only the site's own pages or https links the server put there; anything else opens the home page.
  const url = typeof target === "string" && /^https?:\/\//.test(target) ? target : scope.location.origin;
  event.waitUntil(
    (async () => {
      const open = await scope.clients.matchAll({ type: "window", includeUncontrolled: true });
      const tab = open.find((client) => client.url === url);
      if (tab) await tab.focus();
      else await scope.clients.openWindow(url);
    })(),
  );
});
