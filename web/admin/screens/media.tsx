/** The media library: upload with progress, edit alt text, captions and credits; and the picker used by the editor. */
import { useId, useRef, useState } from "preact/hooks";
import { api, query, upload } from "../api.js";
import { previewUrl, rememberMedia } from "../media-cache.js";
import type { Media, Page } from "../types.js";
import { ErrorMessage, Loading, PageHeader, StatusMessage, TextField, useAction, useAsync } from "../ui.js";

const ACCEPT = "image/jpeg,image/png,image/webp,image/avif,image/gif";

export function UploadForm({ onUploaded }: { onUploaded: (media: Media) => void }) {
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [alt, setAlt] = useState("");
  const [caption, setCaption] = useState("");
  const [credit, setCredit] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const { busy, error, setError, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file) return setError(new Error("Choose an image file to upload."));
    const form = new FormData();
    // Text fields first: the server reads them along with the file part.
    form.append("alt", alt.trim());
    if (caption.trim()) form.append("caption", caption.trim());
    if (credit.trim()) form.append("credit", credit.trim());
    form.append("file", file);
    setProgress(0);
    const media = await run(() => upload<Media>("/media", form, setProgress));
    setProgress(null);
    if (media) {
      rememberMedia([media]);
      setFile(null);
      setAlt("");
      setCaption("");
      setCredit("");
      if (fileInput.current) fileInput.current.value = "";
      onUploaded(media);
    }
  };

  const percent = progress === null ? 0 : Math.round(progress * 100);
  return (
    <form class="form upload" onSubmit={submit} aria-label="Upload an image">
      <ErrorMessage error={error} />
      <div class="field">
        <label for={fileId}>Image file</label>
        <input
          id={fileId}
          ref={fileInput}
          type="file"
          accept={ACCEPT}
          required
          aria-describedby={`${fileId}-hint`}
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
        <p class="field__hint" id={`${fileId}-hint`}>
          JPEG, PNG, WebP, AVIF or GIF, up to 25 MB. Location and camera data are removed.
        </p>
      </div>
      <TextField
        label="Alternative text"
        hint="What the image shows, for people who cannot see it."
        required
        maxLength={500}
        value={alt}
        onValue={setAlt}
      />
      <TextField label="Caption" maxLength={1000} value={caption} onValue={setCaption} />
      <TextField
        label="Credit"
        hint="e.g. Photo: Agency/Photographer"
        maxLength={300}
        value={credit}
        onValue={setCredit}
      />
      {progress !== null && (
        <div class="progress">
          <label for={`${fileId}-progress`}>Uploading: {percent}%</label>
          <progress id={`${fileId}-progress`} max={100} value={percent}>
            {percent}%
          </progress>
        </div>
      )}
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={busy}>
          {busy ? "Uploading…" : "Upload"}
        </button>
      </div>
    </form>
  );
}

function MediaEditor({ media, onSaved }: { media: Media; onSaved: (media: Media) => void }) {
  const [alt, setAlt] = useState(media.alt);
  const [caption, setCaption] = useState(media.caption ?? "");
  const [credit, setCredit] = useState(media.credit ?? "");
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const updated = await run(() =>
      api.patch<Media>(`/media/${media.id}`, {
        alt: alt.trim(),
        caption: caption.trim() || null,
        credit: credit.trim() || null,
      }),
    );
    if (updated) {
      rememberMedia([updated]);
      setSaved(true);
      onSaved(updated);
    }
  };
  return (
    <form class="media-card__form" onSubmit={save} aria-label={`Image ${media.id}`}>
      <ErrorMessage error={error} />
      <TextField label="Alternative text" maxLength={500} value={alt} onValue={setAlt} />
      <TextField label="Caption" maxLength={1000} value={caption} onValue={setCaption} />
      <TextField label="Credit" maxLength={300} value={credit} onValue={setCredit} />
      <div class="form__actions">
        <button class="button" type="submit" disabled={busy}>
          Save
        </button>
        {saved && (
          <span role="status" class="muted">
            Saved
          </span>
        )}
      </div>
    </form>
  );
}

/** Pages of the library, newest first, with "show more". */
function useLibrary() {
  const [extra, setExtra] = useState<Media[]>([]);
  const [cursor, setCursor] = useState<number | null | undefined>(undefined);
  const first = useAsync(async () => {
    const page = await api.get<Page<Media, number>>(`/media${query({ limit: 24 })}`);
    rememberMedia(page.items);
    setExtra([]);
    setCursor(page.nextCursor);
    return page.items;
  }, []);
  const more = useAction();
  const loadMore = () =>
    more.run(async () => {
      const page = await api.get<Page<Media, number>>(`/media${query({ limit: 24, cursor })}`);
      rememberMedia(page.items);
      setExtra((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
    });
  const items = [...(first.data ?? []), ...extra];
  const prepend = (media: Media) => first.setData([media, ...(first.data ?? [])]);
  const replace = (media: Media) => {
    first.setData((first.data ?? []).map((m) => (m.id === media.id ? media : m)));
    setExtra((list) => list.map((m) => (m.id === media.id ? media : m)));
  };
  return { first, more, loadMore, items, cursor, prepend, replace };
}

export function MediaScreen() {
  const library = useLibrary();
  const [uploaded, setUploaded] = useState<Media | null>(null);
  return (
    <>
      <PageHeader title="Media library" />
      <section class="panel" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload an image</h2>
        <UploadForm
          onUploaded={(media) => {
            setUploaded(media);
            library.prepend(media);
          }}
        />
        {uploaded && (
          <StatusMessage>
            <p>Uploaded “{uploaded.alt || `image ${uploaded.id}`}”.</p>
          </StatusMessage>
        )}
      </section>
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Images</h2>
        {library.first.loading && <Loading what="images" />}
        <ErrorMessage error={library.first.error} />
        {library.first.data && library.items.length === 0 && <p class="muted">No images yet.</p>}
        <ul class="media-grid">
          {library.items.map((media) => (
            <li key={media.id} class="media-card">
              <img src={previewUrl(media)} alt={media.alt} width={media.width} height={media.height} loading="lazy" />
              <MediaEditor media={media} onSaved={library.replace} />
            </li>
          ))}
        </ul>
        <ErrorMessage error={library.more.error} />
        {library.cursor && (
          <button class="button" type="button" disabled={library.more.busy} onClick={() => void library.loadMore()}>
            Show more images
          </button>
        )}
      </section>
    </>
  );
}

/** The library inside a dialog: upload or choose an image. */
export function MediaPicker({ onPick }: { onPick: (media: Media) => void }) {
  const library = useLibrary();
  return (
    <div class="picker">
      <details class="picker__upload">
        <summary>Upload a new image</summary>
        <UploadForm onUploaded={onPick} />
      </details>
      {library.first.loading && <Loading what="images" />}
      <ErrorMessage error={library.first.error} />
      {library.first.data && library.items.length === 0 && <p class="muted">No images yet: upload one above.</p>}
      <ul class="media-grid media-grid--picker">
        {library.items.map((media) => (
          <li key={media.id} class="media-card">
            <img src={previewUrl(media)} alt="" width={media.width} height={media.height} loading="lazy" />
            <p class="media-card__alt">{media.alt || "(no alternative text)"}</p>
            <button type="button" class="button" onClick={() => onPick(media)}>
              Use this image<span class="visually-hidden">: {media.alt || `image ${media.id}`}</span>
            </button>
          </li>
        ))}
      </ul>
      {library.cursor && (
        <button class="button" type="button" disabled={library.more.busy} onClick={() => void library.loadMore()}>
          Show more images
        </button>
      )}
    </div>
  );
}
