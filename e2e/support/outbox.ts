import path from "node:path";
import Database from "better-sqlite3";
import type { TestServer } from "./server.js";

/** The newest one-time link mailed to `to`, read from the server's dev outbox (the `mail_outbox` table). */
export function mailedLink(server: TestServer, to: string): string {
  const db = new Database(path.join(server.dataDir, "gazette.db"), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT text FROM mail_outbox WHERE "to" = ? ORDER BY id DESC LIMIT 1').get(to) as
      | { text: string }
      | undefined;
    const link = row?.text.match(/https?:\/\/\S+#token=\S+/)?.[0];
    if (!link) throw new Error(`No link mailed to ${to}`);
    return link;
  } finally {
    db.close();
  }
}
