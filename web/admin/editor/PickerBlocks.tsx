/** Editor views of the blocks that point at other records: a gallery of media-library photos, related stories. */
import { useState } from "preact/hooks";
import {
  GALLERY_MAX_ALT,
  GALLERY_MAX_CAPTION,
  GALLERY_MAX_CREDIT,
  GALLERY_MAX_PHOTOS,
  GALLERY_MIN_PHOTOS,
} from "../../../src/newsroom/gallery.shared.js";
import { RELATED_MAX_STORIES } from "../../../src/newsroom/related.shared.js";
import { previewUrl, useMedia } from "../media-cache.js";
import { ArticlePicker, MediaPicker } from "../pickers.js";
import type { Media } from "../types.js";
import { Dialog } from "../ui.js";
import { BlockHeader, type BlockProps, Field, RemoveRowButton } from "./node-views.js";

interface PhotoAttrs {
  mediaId: number;
  caption: string | null;
  credit: string | null;
  alt: string | null;
}

/** A photo as the gallery first holds it: the media library's caption, credit and alt text as defaults. */
export function photoFromMedia(media: Media): PhotoAttrs {
  return { mediaId: media.id, caption: media.caption || null, credit: media.credit || null, alt: media.alt || null };
}

function photosOf(attrs: Record<string, unknown>): PhotoAttrs[] {
  return Array.isArray(attrs.photos) ? (attrs.photos as PhotoAttrs[]) : [];
}

/** The list with one photo moved by `by` places (−1 earlier, +1 later); unchanged at either end. */
export function movePhoto<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return [...list];
  const out = [...list];
  [out[index], out[target]] = [out[target]!, out[index]!];
  return out;
}

function PhotoThumb({ mediaId }: { mediaId: number }) {
  const { media, missing } = useMedia(mediaId);
  if (!media) return <p class="muted">{missing ? `Image ${mediaId} is not in the library.` : "Loading…"}</p>;
  return <img class="gallery-row__thumb" src={previewUrl(media)} alt="" width={media.width} height={media.height} />;
}

export function GalleryBlock({ attrs, setAttrs, remove }: BlockProps) {
  const photos = photosOf(attrs);
  const [picking, setPicking] = useState(false);
  const setPhotos = (next: PhotoAttrs[]) => setAttrs({ photos: next });
  const setPhoto = (index: number, change: Partial<PhotoAttrs>) =>
    setPhotos(photos.map((photo, i) => (i === index ? { ...photo, ...change } : photo)));
  const full = photos.length >= GALLERY_MAX_PHOTOS;
  return (
    <div class="block__gallery">
      <BlockHeader title="Gallery" remove={remove} />
      <label class="field field--compact">
        <span class="field__label">Layout</span>
        <select
          value={attrs.layout === "slideshow" ? "slideshow" : "grid"}
          onChange={(e) => setAttrs({ layout: e.currentTarget.value })}
        >
          <option value="grid">Grid</option>
          <option value="slideshow">Slideshow</option>
        </select>
      </label>
      {photos.length < GALLERY_MIN_PHOTOS && (
        <p class="muted">
          A gallery shows {GALLERY_MIN_PHOTOS} to {GALLERY_MAX_PHOTOS} photos; until it has two, it is saved as one
          image.
        </p>
      )}
      <ol class="gallery-rows">
        {photos.map((photo, index) => (
          <li key={`${photo.mediaId}-${index}`} class="gallery-row">
            <PhotoThumb mediaId={photo.mediaId} />
            <div class="gallery-row__fields">
              <Field
                label={`Caption of photo ${index + 1}`}
                value={photo.caption}
                maxLength={GALLERY_MAX_CAPTION}
                multiline
                onValue={(caption) => setPhoto(index, { caption })}
              />
              <Field
                label={`Credit of photo ${index + 1}`}
                value={photo.credit}
                maxLength={GALLERY_MAX_CREDIT}
                onValue={(credit) => setPhoto(index, { credit })}
              />
              <Field
                label={`Alternative text of photo ${index + 1}`}
                value={photo.alt}
                maxLength={GALLERY_MAX_ALT}
                onValue={(alt) => setPhoto(index, { alt })}
              />
            </div>
            <div class="gallery-row__actions">
              <button
                type="button"
                class="button button--quiet button--small"
                disabled={index === 0}
                onClick={() => setPhotos(movePhoto(photos, index, -1))}
              >
                Earlier<span class="visually-hidden"> (photo {index + 1})</span>
              </button>
              <button
                type="button"
                class="button button--quiet button--small"
                disabled={index === photos.length - 1}
                onClick={() => setPhotos(movePhoto(photos, index, 1))}
              >
                Later<span class="visually-hidden"> (photo {index + 1})</span>
              </button>
              <RemoveRowButton
                what={`photo ${index + 1}`}
                onRemove={() => setPhotos(photos.filter((_, i) => i !== index))}
              />
            </div>
          </li>
        ))}
      </ol>
      <button type="button" class="button button--small" disabled={full} onClick={() => setPicking(true)}>
        {full ? `A gallery holds at most ${GALLERY_MAX_PHOTOS} photos` : "Add a photo"}
      </button>
      <Dialog open={picking} title="Add a photo to the gallery" wide onClose={() => setPicking(false)}>
        <MediaPicker
          onPick={(media: Media) => {
            setPicking(false);
            setPhotos([...photos, photoFromMedia(media)]);
          }}
        />
      </Dialog>
    </div>
  );
}

/** Related stories: a title and up to six stories found by headline; the site draws their current cards. */
export function RelatedBlock({ attrs, setAttrs, remove }: BlockProps) {
  const ids = Array.isArray(attrs.articleIds) ? (attrs.articleIds as number[]) : [];
  return (
    <div class="block__related">
      <BlockHeader title="Related stories" remove={remove} />
      <Field label="Title" value={attrs.title} maxLength={300} onValue={(title) => setAttrs({ title })} />
      <ArticlePicker
        label="Stories"
        hint="Readers see the published stories of this edition only, with their headline and photo as they are when the page is shown."
        value={ids}
        max={RELATED_MAX_STORIES}
        onChange={(articleIds) => setAttrs({ articleIds })}
      />
    </div>
  );
}
