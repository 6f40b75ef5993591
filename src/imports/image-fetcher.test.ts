import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { directoryImageFetcher, uploadsPathOf } from "./image-fetcher.js";

describe("images from a local copy of the uploads folder", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gazette-uploads-"));
    fs.mkdirSync(path.join(dir, "2021", "03"), { recursive: true });
    fs.writeFileSync(path.join(dir, "2021", "03", "photo.jpg"), "jpeg bytes");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("finds the path under WordPress's and Ghost's upload folders", () => {
    expect(uploadsPathOf("https://old.example/wp-content/uploads/2021/03/photo.jpg")).toBe("2021/03/photo.jpg");
    expect(uploadsPathOf("https://blog.example/content/images/2021/03/%D1%84%D0%BE%D1%82%D0%BE.jpg")).toBe(
      "2021/03/фото.jpg",
    );
    expect(uploadsPathOf("https://cdn.example/other/photo.jpg")).toBeUndefined();
    expect(uploadsPathOf("2021/03/photo.jpg")).toBe("2021/03/photo.jpg");
  });

  it("reads a matched file and never one outside the folder", async () => {
    const read = directoryImageFetcher(dir, uploadsPathOf);
    expect((await read("https://old.example/wp-content/uploads/2021/03/photo.jpg")).toString()).toBe("jpeg bytes");
    await expect(read("../../etc/passwd")).rejects.toThrowError(/outside the media folder/);
    await expect(read("2021/03/gone.jpg")).rejects.toThrowError(/not in the media folder/);
  });
});
