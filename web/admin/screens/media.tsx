/**
 * The media library: upload with progress, search, edit alt text, captions and credits, see where
 * an image is used, and delete an unused one. The picker used by the forms is in pickers.tsx.
 */
import { useEffect, useState } from "preact/hooks";
import { canNewsroom } from "../../../src/newsroom/articles.policy.js";
import { ApiError, api } from "../api.js";
import { forgetMedia, previewUrl, rememberMedia } from "../media-cache.js";
import { UploadForm, useLibrary, useSettled } from "../pickers.js";
import { useSession } from "../session.js";
import type { Media, MediaUsage } from "../types.js";
import { ErrorMessage, Loading, PageHeader, StatusBadge, StatusMessage, TextField, useAction } from "../ui.js";

const PLACE_WORDS: Record<MediaUsage["stories"][number]["places"][number], string> = {
  lead: "lead image",
  body: "in the text",
  pending: "in edits not yet live",
  "live entry": "in a live-blog entry",
};

/** Where an image is used: each story with a link to edit it, and the profiles showing it. */
function UsageList({ usage }: { usage: MediaUsage }) {
  if (usage.stories.length === 0 && usage.profiles.length === 0) {
    return <p class="muted">Not used in any story or profile.</p>;
  }
  return (
    <ul class="usage-list">
      {usage.stories.map((story) => (
        <li key={`a${story.id}`}>
          <a href={story.editUrl}>{story.title}</a> <span class="muted">({story.edition.toUpperCase()})</span>{" "}
          <StatusBadge status={story.status} />{" "}
          <span class="muted">{story.places.map((p) => PLACE_WORDS[p]).join(", ")}</span>
        </li>
      ))}
      {usage.profiles.map((profile) => (
        <li key={`p${profile.staffId}`}>
          {profile.name} <span class="muted">(byline profile photo)</span>
        </li>
      ))}
    </ul>
  );
}

function MediaCard({
  media,
  mayDelete,
  onSaved,
  onDeleted,
}: {
  media: Media;
  mayDelete: boolean;
  onSaved: (media: Media) => void;
  onDeleted: (id: number) => void;
}) {
  const [usage, setUsage] = useState<MediaUsage | null>(null);
  const usageAction = useAction();
  const deletion = useAction();
  const loadUsage = () => usageAction.run(async () => setUsage(await api.get<MediaUsage>(`/media/${media.id}/usage`)));
  const remove = async () => {
    if (!confirm(`Delete “${media.alt || `image ${media.id}`}” from the library? This cannot be undone.`)) return;
    const done = await deletion.run(async () => {
      await api.delete(`/media/${media.id}`);
      return true;
    });
    if (done) {
      forgetMedia(media.id);
      onDeleted(media.id);
    }
  };
  const inUse = deletion.error instanceof ApiError && deletion.error.code === "media_in_use";
  // A refused delete shows the stories to visit first.
  useEffect(() => {
    if (inUse) void loadUsage();
  }, [inUse]);
  const name = media.alt || `image ${media.id}`;
  return (
    <li class="media-card">
      {media.kind === "audio" || media.kind === "document" ? (
        // A clip or a PDF: its own file (played or downloaded), with the first page of a PDF when drawn.
        <p class="media-card__file">
          {media.thumbnailUrl ? (
            <img src={media.thumbnailUrl} alt="" width={media.width} height={media.height} loading="lazy" />
          ) : null}
          <a href={media.url}>{media.kind === "audio" ? "Audio clip" : "PDF document"}</a>
        </p>
      ) : (
        <img src={previewUrl(media)} alt={media.alt} width={media.width} height={media.height} loading="lazy" />
      )}
      <MediaEditor media={media} onSaved={onSaved} />
      <details
        class="media-card__usage"
        open={inUse || undefined}
        onToggle={(event) => {
          if ((event.currentTarget as HTMLDetailsElement).open && !usage) void loadUsage();
        }}
      >
        <summary>
          Used in<span class="visually-hidden">: {name}</span>
        </summary>
        {usageAction.busy && <Loading what="where the image is used" />}
        <ErrorMessage error={usageAction.error} />
        {usage && <UsageList usage={usage} />}
      </details>
      <ErrorMessage error={deletion.error} />
      {mayDelete && (
        <p>
          <button
            type="button"
            class="button button--small button--danger"
            disabled={deletion.busy}
            onClick={() => void remove()}
          >
            Delete<span class="visually-hidden"> {name}</span>
          </button>
        </p>
      )}
    </li>
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

export function MediaScreen() {
  const { staff } = useSession();
  const [text, setText] = useState("");
  const library = useLibrary(useSettled(text));
  const [uploaded, setUploaded] = useState<Media | null>(null);
  const [deleted, setDeleted] = useState<number | null>(null);
  const mayDelete = canNewsroom(staff.role, "deleteMedia");
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
        <TextField
          label="Search images"
          hint="Words of the alternative text, caption or credit, or an image number."
          type="search"
          value={text}
          onValue={setText}
        />
        {deleted !== null && (
          <StatusMessage>
            <p>Image {deleted} deleted.</p>
          </StatusMessage>
        )}
        {library.first.loading && <Loading what="images" />}
        <ErrorMessage error={library.first.error} />
        {library.first.data && library.items.length === 0 && (
          <p class="muted" role="status">
            {library.searching ? `No image matches “${text.trim()}”.` : "No images yet."}
          </p>
        )}
        <ul class="media-grid">
          {library.items.map((media) => (
            <MediaCard
              key={media.id}
              media={media}
              mayDelete={mayDelete}
              onSaved={library.replace}
              onDeleted={(id) => {
                setDeleted(id);
                library.remove(id);
              }}
            />
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
