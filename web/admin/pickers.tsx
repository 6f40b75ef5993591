/**
 * Search-and-pick selectors for images and articles, used wherever the app once asked for ids:
 * the lead image, images in the body, profile photos and newsletter issues.
 */
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { api, query, upload } from "./api.js";
import { previewUrl, rememberMedia, useMedia } from "./media-cache.js";
import type { ArticleStatus, ArticleSummary, Media, Page } from "./types.js";
import { Dialog, ErrorMessage, Loading, StatusBadge, TextField, useAction, useAsync } from "./ui.js";

const ACCEPT = "image/jpeg,image/png,image/webp,image/avif,image/gif";

/** The value after typing has paused, so a search runs once per word rather than once per key. */
export function useSettled<T>(value: T, delayMs = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * A search box that never submits the form around it: pickers sit inside other forms (a profile,
 * a newsletter issue), where Enter in the search would otherwise save them half done.
 */
function SearchField({
  label,
  hint,
  value,
  onValue,
}: {
  label: string;
  hint?: string | undefined;
  value: string;
  onValue: (value: string) => void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={value}
        maxLength={200}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onInput={(event) => onValue(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
        }}
      />
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** The small picture of an image: the 320 px variant. */
export function thumbnailUrl(media: Media): string {
  if (media.thumbnailUrl) return media.thumbnailUrl;
  return media.fileKey ? `/media/${media.fileKey}/320.jpg` : previewUrl(media);
}

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
    // The upload form may sit in a dialog inside another form, which must not submit with it.
    event.stopPropagation();
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

/** Pages of the library (newest first, or those matching `text`), with "show more". */
export function useLibrary(text = "", kind?: "image" | "audio" | "document") {
  const [extra, setExtra] = useState<Media[]>([]);
  const [cursor, setCursor] = useState<number | null | undefined>(undefined);
  const q = text.trim() || undefined;
  const first = useAsync(async () => {
    const page = await api.get<Page<Media, number>>(`/media${query({ limit: 24, q, kind })}`);
    rememberMedia(page.items);
    setExtra([]);
    setCursor(page.nextCursor);
    return page.items;
  }, [q, kind]);
  const more = useAction();
  const loadMore = () =>
    more.run(async () => {
      const page = await api.get<Page<Media, number>>(`/media${query({ limit: 24, cursor, q, kind })}`);
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
  const remove = (id: number) => {
    first.setData((first.data ?? []).filter((m) => m.id !== id));
    setExtra((list) => list.filter((m) => m.id !== id));
  };
  return { first, more, loadMore, items, cursor, prepend, replace, remove, searching: q !== undefined };
}

/** The library inside a dialog: search it, choose an image, or upload a new one. */
export function MediaPicker({ onPick }: { onPick: (media: Media) => void }) {
  const [text, setText] = useState("");
  // Audio clips and PDFs share the library but have no picture to place.
  const library = useLibrary(useSettled(text), "image");
  return (
    <div class="picker">
      <details class="picker__upload">
        <summary>Upload a new image</summary>
        <UploadForm onUploaded={onPick} />
      </details>
      <SearchField
        label="Search images"
        hint="Words of the alternative text, caption or credit, or an image number."
        value={text}
        onValue={setText}
      />
      {library.first.loading && <Loading what="images" />}
      <ErrorMessage error={library.first.error} />
      {library.first.data && library.items.length === 0 && (
        <p class="muted" role="status">
          {library.searching ? `No image matches “${text.trim()}”.` : "No images yet: upload one above."}
        </p>
      )}
      <ul class="media-grid media-grid--picker">
        {library.items.map((media) => (
          <li key={media.id} class="media-card">
            <img src={thumbnailUrl(media)} alt="" width={media.width} height={media.height} loading="lazy" />
            <p class="media-card__alt">{media.alt || "(no alternative text)"}</p>
            {(media.caption || media.credit) && (
              <p class="media-card__meta">{[media.caption, media.credit].filter(Boolean).join(" · ")}</p>
            )}
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

/**
 * One image of the library, shown as a thumbnail with its alt text, chosen in a searchable
 * picker and cleared with "Remove". The value is the image's number.
 */
export function ImageField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint?: string;
  value: number | null;
  onChange: (media: Media | null) => void;
}) {
  const [picking, setPicking] = useState(false);
  const { media, missing } = useMedia(value);
  const hintId = useId();
  return (
    <fieldset class="fieldset image-field" aria-describedby={hint ? hintId : undefined}>
      <legend>{label}</legend>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {value !== null && (
        <div class="image-field__chosen">
          {media ? (
            <>
              <img src={thumbnailUrl(media)} alt="" width={media.width} height={media.height} />
              <p class="image-field__alt">{media.alt || "(no alternative text)"}</p>
            </>
          ) : (
            <p class="muted">{missing ? `Image ${value} is no longer in the library.` : "Loading the image…"}</p>
          )}
        </div>
      )}
      <div class="form__actions">
        <button type="button" class="button button--small" onClick={() => setPicking(true)}>
          {value === null ? "Choose an image" : "Change image"}
          <span class="visually-hidden"> for {label.toLowerCase()}</span>
        </button>
        {value !== null && (
          <button type="button" class="button button--small button--quiet" onClick={() => onChange(null)}>
            Remove<span class="visually-hidden"> {label.toLowerCase()}</span>
          </button>
        )}
      </div>
      <Dialog open={picking} title={`Choose: ${label}`} wide onClose={() => setPicking(false)}>
        <MediaPicker
          onPick={(chosen) => {
            setPicking(false);
            onChange(chosen);
          }}
        />
      </Dialog>
    </fieldset>
  );
}

const STATUS_WORDS: Record<ArticleStatus, string> = {
  draft: "draft",
  in_review: "in review",
  scheduled: "scheduled",
  published: "published",
  archived: "archived",
};

/** Summaries of the chosen articles, fetched by id once and kept while the picker lives. */
function useArticleSummaries(ids: number[]) {
  const [known, setKnown] = useState<Map<number, ArticleSummary>>(new Map());
  const [missing, setMissing] = useState<Set<number>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const wanted = ids.filter((id) => !known.has(id) && !missing.has(id));
  const key = wanted.join(",");
  useEffect(() => {
    if (!key) return;
    let live = true;
    api
      .get<Page<ArticleSummary>>(`/articles${query({ ids: key, limit: 100 })}`)
      .then((page) => {
        if (!live) return;
        setKnown((map) => new Map([...map, ...page.items.map((item) => [item.id, item] as const)]));
        const found = new Set(page.items.map((item) => item.id));
        setMissing(
          (set) =>
            new Set([
              ...set,
              ...key
                .split(",")
                .map(Number)
                .filter((id) => !found.has(id)),
            ]),
        );
      })
      .catch((err: unknown) => {
        if (live) setError(err);
      });
    return () => {
      live = false;
    };
  }, [key]);
  const remember = (items: ArticleSummary[]) =>
    setKnown((map) => new Map([...map, ...items.map((item) => [item.id, item] as const)]));
  return { known, missing, error, remember };
}

function ArticleLine({ article }: { article: ArticleSummary }) {
  return (
    <>
      {article.thumbnailUrl ? (
        <img class="article-pick__thumb" src={article.thumbnailUrl} alt="" width={96} height={64} loading="lazy" />
      ) : (
        <span class="article-pick__thumb article-pick__thumb--none" aria-hidden="true" />
      )}
      <span class="article-pick__text">
        <span class="article-pick__title">{article.title}</span>
        <span class="article-pick__meta">
          {article.edition.toUpperCase()} · <StatusBadge status={article.status} />
        </span>
      </span>
    </>
  );
}

/**
 * Articles chosen by searching their headlines: the chosen ones in order (move up, move down,
 * remove) and a search with thumbnails to add more. The value is the articles' ids, in order.
 */
export function ArticlePicker({
  label,
  hint,
  value,
  onChange,
  edition,
  status,
  max = 50,
}: {
  label: string;
  hint?: string;
  value: number[];
  onChange: (ids: number[]) => void;
  edition?: string | undefined;
  status?: ArticleStatus;
  max?: number;
}) {
  const [text, setText] = useState("");
  const settled = useSettled(text.trim());
  const summaries = useArticleSummaries(value);
  const hintId = useId();
  const results = useAsync(async () => {
    const page = await api.get<Page<ArticleSummary>>(
      `/articles${query({ title: settled || undefined, edition, status, limit: 8 })}`,
    );
    summaries.remember(page.items);
    return page.items;
  }, [settled, edition, status]);

  const move = (index: number, by: number) => {
    const next = [...value];
    const [id] = next.splice(index, 1);
    if (id === undefined) return;
    next.splice(index + by, 0, id);
    onChange(next);
  };
  const nameOf = (id: number) => summaries.known.get(id)?.title ?? `article ${id}`;
  const full = value.length >= max;
  const filter = [edition ? `${edition.toUpperCase()} edition` : "", status ? STATUS_WORDS[status] : ""]
    .filter(Boolean)
    .join(", ");

  return (
    <fieldset class="fieldset article-picker" aria-describedby={hint ? hintId : undefined}>
      <legend>{label}</legend>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <ErrorMessage error={summaries.error} />
      {value.length === 0 ? (
        <p class="muted">None chosen yet: search below and add them.</p>
      ) : (
        <ol class="article-picker__chosen" aria-label={`Chosen: ${label}`}>
          {value.map((id, index) => {
            const article = summaries.known.get(id);
            return (
              <li key={id} class="article-pick">
                {article ? (
                  <ArticleLine article={article} />
                ) : (
                  <span class="article-pick__text muted">
                    {summaries.missing.has(id) ? `Article ${id} does not exist or is not yours to see.` : "Loading…"}
                  </span>
                )}
                <span class="article-pick__actions">
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    disabled={index === 0}
                    aria-label={`Move “${nameOf(id)}” up`}
                    onClick={() => move(index, -1)}
                  >
                    Up
                  </button>
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    disabled={index === value.length - 1}
                    aria-label={`Move “${nameOf(id)}” down`}
                    onClick={() => move(index, 1)}
                  >
                    Down
                  </button>
                  <button
                    type="button"
                    class="button button--small button--quiet"
                    aria-label={`Remove “${nameOf(id)}”`}
                    onClick={() => onChange(value.filter((other) => other !== id))}
                  >
                    Remove
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <SearchField
        label="Find articles by headline"
        hint={filter ? `Only ${filter} articles.` : undefined}
        value={text}
        onValue={setText}
      />
      {results.loading && <Loading what="articles" />}
      <ErrorMessage error={results.error} />
      {results.data && results.data.length === 0 && (
        <p class="muted" role="status">
          {settled ? `No article matches “${settled}”.` : "No articles yet."}
        </p>
      )}
      {results.data && results.data.length > 0 && (
        <ul class="article-picker__results" aria-label={settled ? `Articles matching “${settled}”` : "Latest articles"}>
          {results.data.map((article) => {
            const chosen = value.includes(article.id);
            return (
              <li key={article.id} class="article-pick">
                <ArticleLine article={article} />
                <span class="article-pick__actions">
                  <button
                    type="button"
                    class="button button--small"
                    disabled={chosen || full}
                    aria-label={`${chosen ? "Added" : "Add"} “${article.title}”`}
                    onClick={() => onChange([...value, article.id])}
                  >
                    {chosen ? "Added" : "Add"}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
