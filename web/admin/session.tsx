/** Who is signed in, the CSRF token of their session, and the site's editions. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Edition, SignedIn, Staff } from "./types.js";

export interface SessionValue {
  staff: Staff;
  editions: Edition[];
  /** Replaces the signed-in state (after sign-in, setup or a profile change). */
  signedIn: (value: SignedIn) => void;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside a signed-in screen");
  return value;
}

/** The editions, rendered into the page by the server (`data-editions` on #app). */
export function readEditions(root: HTMLElement): Edition[] {
  try {
    const list = JSON.parse(root.dataset.editions ?? "[]") as unknown;
    return Array.isArray(list) ? (list as Edition[]) : [];
  } catch {
    return [];
  }
}

export function editionName(editions: Edition[], code: string): string {
  return editions.find((e) => e.code === code)?.name ?? code;
}

export function editionLanguage(editions: Edition[], code: string): string | undefined {
  return editions.find((e) => e.code === code)?.language;
}
