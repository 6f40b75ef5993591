import type { GalleryNode } from "../../newsroom/body.types.js";
import { variantWidthsFor } from "../../newsroom/media.service.js";
import type { MediaRow } from "../../platform/db/schema.js";
import { translate } from "../../platform/i18n/messages.js";
import { urls } from "../urls.js";
import { Picture } from "./Picture.js";

/** A gallery's photos that still exist in the media library, with the story's overrides applied. */
export function galleryPhotos(
  node: GalleryNode,
  media: ReadonlyMap<number, MediaRow>,
): { row: MediaRow; caption: string | null; credit: string | null; alt: string }[] {
  return node.attrs.photos.flatMap((photo) => {
    const row = media.get(photo.mediaId);
    if (!row) return [];
    return [
      { row, caption: photo.caption ?? row.caption, credit: photo.credit ?? row.credit, alt: photo.alt ?? row.alt },
    ];
  });
}

/** A photo's caption and credit under it, or nothing when it has neither. */
export function PhotoCaption({
  caption,
  credit,
}: {
  caption: string | null | undefined;
  credit: string | null | undefined;
}) {
  return caption || credit ? (
    <figcaption>
      {caption}
      {credit ? <span class="credit"> {credit}</span> : null}
    </figcaption>
  ) : null;
}

/**
 * A gallery as a list of responsive photos, each a link to its largest variant: without script the
 * reader opens a photo in the browser; the site island turns the links into a full-screen viewer.
 */
export function Gallery({
  node,
  media,
  language,
}: {
  node: GalleryNode;
  media: Map<number, MediaRow>;
  language: string;
}) {
  const photos = galleryPhotos(node, media);
  if (photos.length === 0) return null;
  const count = String(photos.length);
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(language, key, params);
  return (
    <ul
      class={`gallery gallery--${node.attrs.layout}`}
      data-block="gallery"
      data-gallery=""
      aria-label={t("gallery.label")}
      data-label-close={t("gallery.close")}
      data-label-previous={t("gallery.previous")}
      data-label-next={t("gallery.next")}
    >
      {photos.map(({ row, caption, credit, alt }, i) => (
        <li>
          <figure>
            <a
              class="gallery__open"
              href={urls.media(row.file_key, variantWidthsFor(row.width).at(-1) ?? 320, "jpg")}
              aria-label={t("gallery.open", { n: String(i + 1), count })}
            >
              <Picture
                image={row}
                alt={alt}
                sizes={
                  node.attrs.layout === "grid" ? "(min-width: 760px) 340px, 50vw" : "(min-width: 760px) 680px, 90vw"
                }
              />
            </a>
            <PhotoCaption caption={caption} credit={credit} />
          </figure>
        </li>
      ))}
    </ul>
  );
}
