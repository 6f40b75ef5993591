/**
 * The places an article names, as the geotagger found them on save, for the editor to confirm,
 * remove or add. Removed and confirmed tags stay as the editor left them when the text changes.
 */
import { useState } from "preact/hooks";
import { api, query } from "../api.js";
import type { PlaceSuggestion, PlaceTag } from "../types.js";
import { ErrorMessage, TextField, useAction, useAsync } from "../ui.js";

const STATE_LABEL: Record<PlaceTag["state"], string> = {
  auto: "found",
  confirmed: "confirmed",
  removed: "removed",
};

export function ArticlePlacesPanel({
  articleId,
  mayEdit,
  version,
}: {
  articleId: number;
  mayEdit: boolean;
  version: number;
}) {
  const tags = useAsync(
    () => api.get<{ items: PlaceTag[] }>(`/articles/${articleId}/places`).then((r) => r.items),
    [articleId, version],
  );
  const action = useAction();
  const [search, setSearch] = useState("");
  const [suggestions, setSuggestions] = useState<PlaceSuggestion[]>([]);

  const set = async (slug: string, state: "confirmed" | "removed") => {
    const result = await action.run(() =>
      api.put<{ items: PlaceTag[] }>(`/articles/${articleId}/places/${slug}`, { state }),
    );
    if (result) tags.setData(result.items);
  };
  const retag = async () => {
    const result = await action.run(() => api.post<{ items: PlaceTag[] }>(`/articles/${articleId}/places/retag`));
    if (result) tags.setData(result.items);
  };
  const find = async (value: string) => {
    setSearch(value);
    if (value.trim().length < 2) return setSuggestions([]);
    const result = await action.run(() =>
      api.get<{ items: PlaceSuggestion[] }>(`/places${query({ q: value.trim() })}`),
    );
    setSuggestions(result?.items ?? []);
  };

  return (
    <section class="panel editor-places" aria-labelledby="places-heading">
      <h2 id="places-heading">Places in this story</h2>
      <p class="field__hint">
        Found in the text when it is saved. Confirmed places stay; removed ones never come back.
      </p>
      <ErrorMessage error={tags.error ?? action.error} />
      {tags.data && tags.data.length === 0 && <p>No places found yet.</p>}
      <ul class="place-tags">
        {(tags.data ?? []).map((tag) => (
          <li key={tag.slug} data-state={tag.state}>
            <span class={tag.state === "removed" ? "place-tag place-tag--removed" : "place-tag"}>
              {tag.names.en} / {tag.names.uk}
            </span>{" "}
            <small>
              {STATE_LABEL[tag.state]}
              {tag.mentions > 0 ? `, ${tag.mentions}×` : ""}
            </small>
            {mayEdit && tag.state !== "confirmed" && (
              <button
                type="button"
                class="button button--small"
                disabled={action.busy}
                onClick={() => void set(tag.slug, "confirmed")}
              >
                Confirm
              </button>
            )}
            {mayEdit && tag.state !== "removed" && (
              <button
                type="button"
                class="button button--small"
                disabled={action.busy}
                onClick={() => void set(tag.slug, "removed")}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {mayEdit && (
        <>
          <TextField
            label="Add a place"
            hint="Type two letters of its name, in any language."
            value={search}
            onValue={(v) => void find(v)}
            type="search"
          />
          <ul class="place-suggestions">
            {suggestions.map((s) => (
              <li key={s.slug}>
                <button
                  type="button"
                  class="button button--small"
                  disabled={action.busy}
                  onClick={() => {
                    setSuggestions([]);
                    setSearch("");
                    void set(s.slug, "confirmed");
                  }}
                >
                  Add {s.names.en} ({s.names.uk}){s.oblast ? `, ${s.oblast}` : ""}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" class="button" disabled={action.busy} onClick={() => void retag()}>
            Find places again
          </button>
        </>
      )}
    </section>
  );
}
