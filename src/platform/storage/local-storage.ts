import fs from "node:fs/promises";
import path from "node:path";

/** Files on local disk under one root. Keys are relative paths made of safe segments only. */
export class LocalStorage {
  constructor(readonly root: string) {}

  resolve(key: string): string {
    if (!/^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/i.test(key) || key.includes("..")) {
      throw new Error(`Unsafe storage key: ${key}`);
    }
    return path.join(this.root, key);
  }

  async write(key: string, data: Buffer): Promise<void> {
    const target = this.resolve(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  }

  async read(key: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(this.resolve(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await fs.access(this.resolve(key));
      return true;
    } catch {
      return false;
    }
  }

  /** Removes a key and, when it is a folder, everything under it; a missing key is no error. */
  async removeAll(key: string): Promise<void> {
    await fs.rm(this.resolve(key), { recursive: true, force: true });
  }
}
