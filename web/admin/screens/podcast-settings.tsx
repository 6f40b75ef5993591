/** The edition's podcast show (its feed is /podcast.xml): title, description, author, category, artwork. */
import { useId, useState } from "preact/hooks";
import { api, upload } from "../api.js";
import { canManageNewsroom } from "../permissions.js";
import { useSession } from "../session.js";
import { Checkbox, ErrorMessage, Loading, StatusMessage, TextArea, TextField, useAction, useAsync } from "../ui.js";

interface Show {
  title: string;
  description: string;
  author: string;
  category: string;
  explicit: boolean;
  artworkMediaId: number | null;
  artworkUrl?: string | null;
}

const EMPTY: Show = { title: "", description: "", author: "", category: "News", explicit: false, artworkMediaId: null };

function ShowForm({ edition, initial }: { edition: string; initial: Show | null }) {
  const { staff } = useSession();
  const may = canManageNewsroom(staff.role);
  const [show, setShow] = useState<Show>(initial ?? EMPTY);
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const artwork = useAction();
  const fileId = useId();
  const set = (changes: Partial<Show>) => setShow({ ...show, ...changes });

  const uploadArtwork = async (file: File) => {
    const form = new FormData();
    form.append("file", file);
    const result = await artwork.run(() =>
      upload<{ id: number; artworkUrl: string }>(`/podcast/${encodeURIComponent(edition)}/artwork`, form, () => {}),
    );
    if (result) set({ artworkMediaId: result.id, artworkUrl: result.artworkUrl });
  };
  const save = async (event: Event) => {
    event.preventDefault();
    const { artworkUrl: _, ...body } = show;
    const result = await action.run(() => api.put<Show>(`/podcast/${encodeURIComponent(edition)}`, body));
    if (result) {
      setShow(result);
      setSaved("The podcast is saved; its feed is updated within five minutes.");
    }
  };

  return (
    <form class="form" onSubmit={save} aria-labelledby="podcast-heading">
      <ErrorMessage error={action.error} />
      {saved && <StatusMessage>{saved}</StatusMessage>}
      <TextField
        label="Show title"
        required
        maxLength={200}
        value={show.title}
        onValue={(title) => set({ title })}
        disabled={!may}
      />
      <TextArea
        label="Description"
        hint="What listeners get, in a few sentences: podcast apps show it on the show's page."
        required
        maxLength={4000}
        value={show.description}
        onValue={(description) => set({ description })}
        disabled={!may}
      />
      <TextField
        label="Author"
        required
        maxLength={200}
        value={show.author}
        onValue={(author) => set({ author })}
        disabled={!may}
      />
      <TextField
        label="Category"
        hint='An Apple Podcasts category, with a subcategory after a slash: "News" or "News/Daily News".'
        required
        maxLength={90}
        value={show.category}
        onValue={(category) => set({ category })}
        disabled={!may}
      />
      <Checkbox label="Explicit content" checked={show.explicit} onChecked={(explicit) => may && set({ explicit })} />
      <div class="field">
        <label for={fileId}>Artwork</label>
        {show.artworkUrl && <img src={show.artworkUrl} alt="The show's artwork" width={160} height={160} />}
        <input
          id={fileId}
          type="file"
          accept="image/jpeg,image/png"
          disabled={!may || artwork.busy}
          aria-describedby={`${fileId}-hint`}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void uploadArtwork(file);
          }}
        />
        <p class="field__hint" id={`${fileId}-hint`}>
          A square JPEG or PNG of at least 3000 × 3000 px (Apple Podcasts and Spotify ask for it).
        </p>
        <ErrorMessage error={artwork.error} />
      </div>
      {may && (
        <div class="form__actions">
          <button class="button button--primary" type="submit" disabled={action.busy}>
            Save the podcast
          </button>
        </div>
      )}
    </form>
  );
}

/** Shown under the edition's settings; episodes are the edition's published articles of kind "audio". */
export function PodcastSettings({ edition }: { edition: string }) {
  const show = useAsync(() => api.get<Show | null>(`/podcast/${encodeURIComponent(edition)}`), [edition]);
  return (
    <section class="panel" aria-labelledby="podcast-heading">
      <h2 id="podcast-heading">Podcast</h2>
      <p class="muted">
        Episodes are this edition's published articles of the kind “audio”, each heard through its first audio block.
      </p>
      {show.loading && <Loading what="the podcast" />}
      <ErrorMessage error={show.error} />
      {show.data !== undefined && !show.loading && <ShowForm key={edition} edition={edition} initial={show.data} />}
    </section>
  );
}
