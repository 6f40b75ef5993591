/** One battle map: its layers by date, their texts per language, uploads and previews. */
import { useState } from "preact/hooks";
import { ApiError, api } from "../api.js";
import { DataTable } from "../data-table.js";
import { canManageNewsroom } from "../permissions.js";
import { useSession } from "../session.js";
import type { BattleMap, Edition, MapLayerSummary } from "../types.js";
import {
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  SelectField,
  StatusMessage,
  TextArea,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { type LanguageChoice, MapLayerTexts } from "./map-layer-texts.js";

/** One problem the server found in an uploaded layer (see src/maps/geojson.validator.ts). */
export interface LayerProblem {
  feature: number | null;
  path: string;
  message: string;
}

/** The layer problems a refused upload carries, or null when the error is of another kind. */
export function layerProblems(error: unknown): LayerProblem[] | null {
  if (!(error instanceof ApiError) || typeof error.details !== "object" || error.details === null) return null;
  const problems = (error.details as { problems?: unknown }).problems;
  if (!Array.isArray(problems) || problems.length === 0) return null;
  return problems.filter(
    (p): p is LayerProblem => typeof p === "object" && p !== null && typeof (p as LayerProblem).message === "string",
  );
}

/** "Feature 3 · geometry.coordinates[0][3]: is not closed…": where to look in the file, then what is wrong. */
export function describeLayerProblem(problem: LayerProblem): string {
  const where = [problem.feature === null ? "The file" : `Feature ${problem.feature}`, problem.path]
    .filter(Boolean)
    .join(" · ");
  return `${where}: ${problem.message}`;
}

/** The upload's errors, by the file control: every problem of the file at once, as a list. */
function UploadProblems({ error }: { error: unknown }) {
  const problems = layerProblems(error);
  if (!problems) return <ErrorMessage error={error} />;
  return (
    <div class="message message--error" role="alert" id="layer-file-problems">
      <p>
        The layer was not imported: the file has {problems.length === 1 ? "1 problem" : `${problems.length} problems`}
        {problems.length >= 50 ? " (the first 50 shown)" : ""}. Fix them all and upload it again.
      </p>
      <ul class="layer-problems">
        {problems.map((problem) => (
          <li key={describeLayerProblem(problem)}>{describeLayerProblem(problem)}</li>
        ))}
      </ul>
    </div>
  );
}

function readFile(file: File): Promise<string> {
  return file.text();
}

/** The editions' languages, each once, named by the first edition that uses it. */
export function editionLanguages(editions: Edition[]): LanguageChoice[] {
  const seen = new Set<string>();
  const out: LanguageChoice[] = [];
  for (const edition of editions) {
    const code = edition.language ?? edition.code;
    if (seen.has(code)) continue;
    seen.add(code);
    out.push({ code, name: edition.name });
  }
  return out;
}

/** The staff preview of the map in an edition, drafts included, opened on a day. */
export function mapPreviewUrl(mapId: number, edition: string, day?: string): string {
  return `/admin/api/maps/${mapId}/preview?edition=${encodeURIComponent(edition)}${day ? `&date=${day}` : ""}`;
}

export function MapScreen({ id }: { id: number }) {
  const { staff, editions } = useSession();
  const languages = editionLanguages(editions);
  const firstEdition = editions[0];
  const [language, setLanguage] = useState(languages[0]?.code ?? "en");
  const [textsOf, setTextsOf] = useState<number | null>(null);
  const mayEdit = canManageNewsroom(staff.role);
  const map = useAsync(() => api.get<BattleMap>(`/maps/${id}`), [id]);
  const layers = useAsync(() => api.get<{ items: MapLayerSummary[] }>(`/maps/${id}/layers`).then((r) => r.items), [id]);
  const action = useAction();
  const upload = useAction();
  const [validOn, setValidOn] = useState("");
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const uploadLayer = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setDone(null);
    const text = await readFile(file);
    let geojson: unknown;
    try {
      geojson = JSON.parse(text);
    } catch {
      upload.setError(new Error("The file is not valid JSON."));
      return;
    }
    const created = await upload.run(() =>
      api.post<MapLayerSummary>(`/maps/${id}/layers`, { validOn, title, note: note || null, language, geojson }),
    );
    if (created) {
      setDone(
        `Layer of ${created.validOn} added as a draft with ${created.featureCount} features. Readers do not see it: preview it, then publish it.`,
      );
      setTitle("");
      setNote("");
      layers.reload();
    }
  };
  const rename = async (layer: MapLayerSummary) => {
    const next = window.prompt("Layer title", layer.title);
    if (next === null) return;
    if (await action.run(() => api.patch(`/maps/${id}/layers/${layer.id}`, { title: next }))) layers.reload();
  };
  const setStatus = async (layer: MapLayerSummary, to: "publish" | "unpublish") => {
    if (to === "unpublish" && !window.confirm(`Take the layer of ${layer.validOn} off the map page?`)) return;
    const changed = await action.run(() => api.post<MapLayerSummary>(`/maps/${id}/layers/${layer.id}/${to}`, {}));
    if (changed) {
      setDone(
        changed.status === "published"
          ? `Layer of ${changed.validOn} published: it is on the map page now.`
          : `Layer of ${changed.validOn} unpublished: it is a draft again, off every reader page.`,
      );
      layers.reload();
    }
  };
  const remove = async (layer: MapLayerSummary) => {
    if (!window.confirm(`Delete the layer of ${layer.validOn}?`)) return;
    const deleted = await action.run(async () => {
      await api.delete(`/maps/${id}/layers/${layer.id}`);
      return true;
    });
    if (deleted) layers.reload();
    layers.reload();
  };

  if (map.loading) return <Loading what="the map" />;
  if (!map.data) return <ErrorMessage error={map.error} />;
  return (
    <>
      <PageHeader title={map.data.texts.en?.title ?? map.data.slug}>
        <a class="button" href={`/en/maps/${map.data.slug}`} target="_blank" rel="noopener">
          View on the site
        </a>
        {firstEdition && (
          <a class="button" href={mapPreviewUrl(id, firstEdition.code)} target="_blank" rel="noopener">
            Preview with drafts
          </a>
        )}
      </PageHeader>
      <h2>Layers</h2>
      <ErrorMessage error={action.error} />
      {done && <StatusMessage>{done}</StatusMessage>}
      <DataTable
        what="the layers"
        columns={[
          { header: "Day", cell: (layer) => layer.validOn },
          { header: "Title", cell: (layer) => layer.title },
          { header: "Features", cell: (layer) => layer.featureCount },
          {
            header: "Status",
            cell: (layer) =>
              layer.status === "published" ? (
                <span class="status status--published">Published {formatDateTime(layer.publishedAt)}</span>
              ) : (
                <span class="status status--draft">Draft</span>
              ),
          },
          { header: "Languages", cell: (layer) => [layer.language, ...Object.keys(layer.translations)].join(", ") },
          {
            header: "Actions",
            hiddenHeader: true,
            cell: (layer) => (
              <>
                {firstEdition && (
                  <a
                    class="button button--small"
                    href={mapPreviewUrl(id, firstEdition.code, layer.validOn)}
                    target="_blank"
                    rel="noopener"
                  >
                    Preview
                  </a>
                )}{" "}
                {mayEdit && (
                  <>
                    {layer.status === "draft" ? (
                      <button
                        type="button"
                        class="button button--small button--primary"
                        onClick={() => void setStatus(layer, "publish")}
                      >
                        Publish
                      </button>
                    ) : (
                      <button
                        type="button"
                        class="button button--small"
                        onClick={() => void setStatus(layer, "unpublish")}
                      >
                        Unpublish
                      </button>
                    )}{" "}
                    <button
                      type="button"
                      class="button button--small"
                      aria-expanded={textsOf === layer.id}
                      onClick={() => setTextsOf(textsOf === layer.id ? null : layer.id)}
                    >
                      Texts
                    </button>{" "}
                    <button type="button" class="button button--small" onClick={() => void rename(layer)}>
                      Rename
                    </button>{" "}
                    <button
                      type="button"
                      class="button button--small button--danger"
                      onClick={() => void remove(layer)}
                    >
                      Delete
                    </button>
                  </>
                )}
              </>
            ),
          },
        ]}
        rows={layers.data}
        rowKey={(layer) => layer.id}
        empty="No layers yet."
        loading={layers.loading}
        error={layers.error}
      />
      {mayEdit && textsOf !== null && (
        <MapLayerTexts mapId={id} layerId={textsOf} languages={languages} onChanged={() => layers.reload()} />
      )}
      {mayEdit && (
        <form class="panel" onSubmit={(e) => void uploadLayer(e)}>
          <h2>Add a layer</h2>
          <p class="field__hint">
            A GeoJSON FeatureCollection: LineString front lines; Polygon areas with status (occupied, liberated,
            contested) and confidence (assessed, claimed); Point events with category, time, description and source. A
            file with any problem is refused whole, with every problem listed by feature number (from 1) and path.
          </p>
          <TextField label="Day (YYYY-MM-DD)" value={validOn} onValue={setValidOn} required />
          <TextField label="Title" value={title} onValue={setTitle} required />
          <TextArea label="Note (what changed)" value={note} onValue={setNote} />
          <SelectField
            label="Written in (language)"
            value={language}
            options={languages.map((l) => ({ value: l.code, label: `${l.name} (${l.code})` }))}
            onValue={setLanguage}
            hint="Translate them for the other editions with “Texts” once the layer is uploaded."
          />
          <div class="field">
            <label for="layer-file">GeoJSON file</label>
            <input
              id="layer-file"
              type="file"
              accept=".geojson,.json,application/geo+json,application/json"
              required
              aria-describedby={upload.error ? "layer-file-problems" : undefined}
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
          </div>
          <UploadProblems error={upload.error} />
          <button type="submit" class="button button--primary" disabled={upload.busy || !file}>
            Upload layer
          </button>
          <p class="field__hint">A new layer is a draft: readers see it only once you publish it.</p>
        </form>
      )}
    </>
  );
}
