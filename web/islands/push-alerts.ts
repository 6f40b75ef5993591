/**
 * The "Get breaking news alerts" switch in the footer. It stays hidden where the browser cannot
 * take push alerts, and asks for permission only when the reader presses it (never on page load).
 * The server keeps the subscription (endpoint and keys) and nothing else about the reader.
 */

const WORKER_URL = "/push-sw.js";

interface Labels {
  subscribe: string;
  unsubscribe: string;
  on: string;
  blocked: string;
  failed: string;
}

function labelsOf(box: HTMLElement): Labels {
  const data = box.dataset;
  return {
    subscribe: data.labelSubscribe ?? "",
    unsubscribe: data.labelUnsubscribe ?? "",
    on: data.labelOn ?? "",
    blocked: data.labelBlocked ?? "",
    failed: data.labelFailed ?? "",
  };
}

function keyBytes(base64url: string): ArrayBuffer {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes.buffer;
}

async function send(method: "POST" | "DELETE", body: unknown): Promise<boolean> {
  const response = await fetch("/push/subscriptions", {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.ok;
}

async function subscribe(edition: string): Promise<"on" | "blocked" | "failed"> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return "blocked";
  const registration = await navigator.serviceWorker.register(WORKER_URL);
  await navigator.serviceWorker.ready;
  const keyResponse = await fetch("/push/key", { headers: { accept: "application/json" } });
  if (!keyResponse.ok) return "failed";
  const { publicKey } = (await keyResponse.json()) as { publicKey: string };
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  const json = subscription.toJSON();
  const ok = await send("POST", { edition, endpoint: json.endpoint, keys: json.keys });
  return ok ? "on" : "failed";
}

async function unsubscribe(edition: string): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration(WORKER_URL);
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  await send("DELETE", { edition, endpoint: subscription.endpoint });
  await subscription.unsubscribe();
}

async function isSubscribed(): Promise<boolean> {
  const registration = await navigator.serviceWorker.getRegistration(WORKER_URL);
  return Boolean(await registration?.pushManager.getSubscription());
}

/** Shows the switch and keeps its label in step with this browser's subscription. */
export async function setUpPushAlerts(box: HTMLElement): Promise<void> {
  const edition = box.dataset.pushAlerts;
  const button = box.querySelector<HTMLButtonElement>(".push-alerts__button");
  const status = box.querySelector<HTMLElement>(".push-alerts__status");
  if (!edition || !button || !status) return;
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return;
  const labels = labelsOf(box);
  let on = Notification.permission === "granted" && (await isSubscribed());
  const show = (message = ""): void => {
    button.textContent = on ? labels.unsubscribe : labels.subscribe;
    status.textContent = message;
  };
  show(on ? labels.on : "");
  box.hidden = false;
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if (on) {
        await unsubscribe(edition);
        on = false;
        show();
      } else {
        const outcome = await subscribe(edition);
        on = outcome === "on";
        show(labels[outcome]);
      }
    } catch {
      show(labels.failed);
    } finally {
      button.disabled = false;
    }
  });
}
