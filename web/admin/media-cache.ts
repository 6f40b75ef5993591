/**
 * Media rows by id, for showing images that an article refers to only by `mediaId`. Filled by the
 * library and uploads; an unknown id is looked up by paging through the library (newest first).
 */
import { useEffect, useState } from "preact/hooks";
import { api, query } from "./api.js";
import type { Media, Page } from "./types.js";

const known = new Map<number, Media>();
let pending: Promise<void> | null = null;
let nextCursor: number | null | undefined;
const MAX_PAGES = 20;

export function rememberMedia(items: Media[]): void {
  for (const item of items) known.set(item.id, item);
}

/** The picture shown in the editor: the 800 px variant, or the URL the API gave. */
export function previewUrl(media: Media): string {
  return media.fileKey ? `/media/${media.fileKey}/800.jpg` : media.url;
}

async function loadMore(): Promise<void> {
  if (nextCursor === null) return;
  const page = await api.get<Page<Media, number>>(`/media${query({ limit: 100, cursor: nextCursor })}`);
  rememberMedia(page.items);
  nextCursor = page.nextCursor;
}

export async function findMedia(id: number): Promise<Media | undefined> {
  for (let pages = 0; !known.has(id) && nextCursor !== null && pages < MAX_PAGES; pages++) {
    pending ??= loadMore().finally(() => {
      pending = null;
    });
    await pending;
  }
  return known.get(id);
}

/** The media row of an id, once known (undefined while loading or when it does not exist). */
export function useMedia(id: number | null | undefined): { media: Media | undefined; missing: boolean } {
  const [media, setMedia] = useState<Media | undefined>(id ? known.get(id) : undefined);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    let live = true;
    setMissing(false);
    if (!id) {
      setMedia(undefined);
      return;
    }
    setMedia(known.get(id));
    findMedia(id).then(
      (found) => {
        if (!live) return;
        setMedia(found);
        setMissing(!found);
      },
      () => {
        if (live) setMissing(true);
      },
    );
    return () => {
      live = false;
    };
  }, [id]);
  return { media, missing };
}
