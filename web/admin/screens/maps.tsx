/**
 * Battle maps: the list and a new map. One map's dated GeoJSON layers (drafts until published),
 * previews, translations, corrections and deletions are in map.tsx.
 */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { canManageNewsroom } from "../permissions.js";
import { useSession } from "../session.js";
import type { BattleMap } from "../types.js";
import { ErrorMessage, Loading, PageHeader, TextField, useAction, useAsync } from "../ui.js";

const EDITIONS = ["uk", "ru", "en"] as const;

export function MapsScreen() {
  const { staff } = useSession();
  const maps = useAsync(() => api.get<{ items: BattleMap[] }>("/maps").then((r) => r.items), []);
  const action = useAction();
  const [slug, setSlug] = useState("");
  const [title, setTitle] = useState("");
  const [lat, setLat] = useState("48.59");
  const [lon, setLon] = useState("38.0");
  const [zoom, setZoom] = useState("10");
  const create = async (event: Event) => {
    event.preventDefault();
    const texts = Object.fromEntries(EDITIONS.map((e) => [e, { title, description: "" }]));
    const created = await action.run(() =>
      api.post<BattleMap>("/maps", { slug, texts, center: { lat: Number(lat), lon: Number(lon) }, zoom: Number(zoom) }),
    );
    if (created) {
      setSlug("");
      setTitle("");
      maps.reload();
    }
  };
  return (
    <>
      <PageHeader title="Battle maps" />
      {maps.loading && <Loading what="maps" />}
      <ErrorMessage error={maps.error} />
      <ul class="map-list">
        {(maps.data ?? []).map((m) => (
          <li key={m.id}>
            <a href={`/admin/maps/${m.id}`}>{m.texts.en?.title ?? m.texts.uk?.title ?? m.slug}</a>{" "}
            <small>/maps/{m.slug}</small>
          </li>
        ))}
      </ul>
      {canManageNewsroom(staff.role) && (
        <form class="panel" onSubmit={(e) => void create(e)}>
          <h2>New map</h2>
          <TextField label="Address (slug)" value={slug} onValue={setSlug} required />
          <TextField
            label="Title (all editions; translate on the map's page)"
            value={title}
            onValue={setTitle}
            required
          />
          <TextField label="Centre latitude" value={lat} onValue={setLat} inputMode="numeric" />
          <TextField label="Centre longitude" value={lon} onValue={setLon} inputMode="numeric" />
          <TextField label="Zoom (3–16)" value={zoom} onValue={setZoom} inputMode="numeric" />
          <ErrorMessage error={action.error} />
          <button type="submit" class="button button--primary" disabled={action.busy}>
            Create map
          </button>
        </form>
      )}
    </>
  );
}
