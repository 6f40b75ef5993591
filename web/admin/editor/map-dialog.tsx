/** Picks one of the newsroom's battle maps to embed in a body (an article's or a live entry's). */

import { useState } from "preact/hooks";
import type { Static } from "typebox";
import type { MapSchema } from "../../../src/maps/maps.schemas.js";
import { api } from "../api.js";
import { Dialog, ErrorMessage, Loading, TextField, useAsync } from "../ui.js";

type MapDto = Static<typeof MapSchema>;

/** The map's title in the body's language, else its first one. */
export function mapTitle(map: Pick<MapDto, "slug" | "texts">, lang: string | undefined): string {
  const texts = Object.entries(map.texts);
  const own = texts.find(([edition]) => edition === lang)?.[1];
  return (own ?? texts[0]?.[1])?.title || map.slug;
}

export function MapDialog({
  open,
  lang,
  onClose,
  onInsert,
}: {
  open: boolean;
  lang: string | undefined;
  onClose: () => void;
  onInsert: (attrs: { provider: "map"; videoId: string; title: string }) => void;
}) {
  return (
    <Dialog open={open} title="Insert a map" onClose={onClose}>
      {open && <MapChoice lang={lang} onInsert={onInsert} />}
    </Dialog>
  );
}

function MapChoice({
  lang,
  onInsert,
}: {
  lang: string | undefined;
  onInsert: (attrs: { provider: "map"; videoId: string; title: string }) => void;
}) {
  const maps = useAsync(() => api.get<{ items: MapDto[] }>("/maps").then((r) => r.items), []);
  const [slug, setSlug] = useState("");
  const [title, setTitle] = useState("");
  const chosen = maps.data?.find((map) => map.slug === slug);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!chosen) return;
    onInsert({ provider: "map", videoId: chosen.slug, title: title.trim() || mapTitle(chosen, lang) });
  };
  if (maps.error) return <ErrorMessage error={maps.error} />;
  if (!maps.data) return <Loading what="the maps" />;
  if (maps.data.length === 0) return <p>There are no maps yet. Editors create them under Maps.</p>;
  return (
    <form class="form" onSubmit={submit}>
      <fieldset class="plain">
        <legend>Map</legend>
        {maps.data.map((map) => (
          <div key={map.slug} class="field field--check">
            <input
              id={`map-choice-${map.slug}`}
              type="radio"
              name="map"
              value={map.slug}
              checked={slug === map.slug}
              onChange={() => setSlug(map.slug)}
            />
            <label for={`map-choice-${map.slug}`}>
              {mapTitle(map, lang)} <small>({map.slug})</small>
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        label="Title"
        hint="Shown under the map and read by screen readers; the map's own title when empty."
        value={title}
        onValue={setTitle}
      />
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={!chosen}>
          Insert
        </button>
      </div>
    </form>
  );
}
