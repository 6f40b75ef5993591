/**
 * Media rows by id, for showing images that an article refers to only by `mediaId`. Filled by the
 * library and uploads; an unknown id is asked for once (GET /media/{id}).
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError, api } from "./api.js";
import type { Media } from "./types.js";

const known = new Map<number, Media>();
const asked = new Map<number, Promise<Media | undefined>>();

export function rememberMedia(items: Media[]): void {
  for (const item of items) known.set(item.id, item);
}

/** The picture shown in the editor: the 800 px variant, or the URL the API gave. */
export function previewUrl(media: Media): string {
  return media.fileKey ? `/media/${media.fileKey}/800.jpg` : media.url;
}

export async function findMedia(id: number): Promise<Media | undefined> {
  const cached = known.get(id);
  if (cached) return cached;
  let pending = asked.get(id);
  if (!pending) {
    pending = api.get<Media>(`/media/${id}`).then(
      (media) => {
        rememberMedia([media]);
        return media;
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 404) return undefined;
        throw error;
      },
    );
    // A failed look-up may be asked again (the network may be back); a known answer is kept.
    pending.finally(() => asked.delete(id)).catch(() => undefined);
    asked.set(id, pending);
  }
  return pending;
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

/** After a delete: the image is gone, so views asking for it learn so. */
export function forgetMedia(id: number): void {
  known.delete(id);
}
