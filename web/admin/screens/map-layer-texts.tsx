/** A map layer's title, note and event descriptions per edition language, beside its original. */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import type { MapLayer, MapLayerSummary, MapLayerTranslation } from "../types.js";
import { ErrorMessage, Loading, StatusMessage, TextArea, TextField, useAction, useAsync } from "../ui.js";

export interface LanguageChoice {
  code: string;
  /** How the newsroom calls it: the edition's name. */
  name: string;
}

/** The layer's events with their numbers (from 1, as the server counts features) and original text. */
export function layerEvents(layer: MapLayer): { number: number; description: string; time: string }[] {
  return layer.geojson.features.flatMap((feature, index) =>
    feature.properties.kind === "event"
      ? [{ number: index + 1, description: feature.properties.description ?? "", time: feature.properties.time ?? "" }]
      : [],
  );
}

/** The edition languages a layer can be translated into: every one but its own, each once. */
export function translationLanguages(editions: LanguageChoice[], original: string): LanguageChoice[] {
  const seen = new Set<string>([original]);
  return editions.filter((edition) => {
    if (seen.has(edition.code)) return false;
    seen.add(edition.code);
    return true;
  });
}

/** What a translation still lacks, so the editor knows the reader will see the original there. */
export function missingTexts(layer: MapLayer, translation: MapLayerTranslation | undefined): string[] {
  if (!translation)
    return ["title", ...(layer.note ? ["note"] : []), ...layerEvents(layer).map((e) => `event ${e.number}`)];
  return [
    ...(layer.note && !translation.note ? ["note"] : []),
    ...layerEvents(layer)
      .filter((event) => !translation.events[String(event.number)])
      .map((event) => `event ${event.number}`),
  ];
}

function TranslationForm({
  layer,
  language,
  onSaved,
}: {
  layer: MapLayer;
  language: LanguageChoice;
  onSaved: (layer: MapLayerSummary) => void;
}) {
  const existing = layer.translations[language.code];
  const [title, setTitle] = useState(existing?.title ?? "");
  const [note, setNote] = useState(existing?.note ?? "");
  const [events, setEvents] = useState<Record<string, string>>(existing?.events ?? {});
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();
  useEffect(() => {
    setTitle(existing?.title ?? "");
    setNote(existing?.note ?? "");
    setEvents(existing?.events ?? {});
  }, [existing]);
  const save = async (event: Event) => {
    event.preventDefault();
    setDone(null);
    const saved = await action.run(() =>
      api.put<MapLayerSummary>(`/maps/${layer.mapId}/layers/${layer.id}/texts/${language.code}`, {
        title,
        note: note || null,
        events,
      }),
    );
    if (saved) {
      setDone(`${language.name} texts saved.`);
      onSaved(saved);
    }
  };
  const remove = async () => {
    if (!window.confirm(`Remove the ${language.name} texts? Readers of that edition will see the original.`)) return;
    const saved = await action.run(() =>
      api.delete<MapLayerSummary>(`/maps/${layer.mapId}/layers/${layer.id}/texts/${language.code}`),
    );
    if (saved) onSaved(saved);
  };
  const missing = missingTexts(layer, existing);
  return (
    <form class="panel layer-texts" lang={language.code} onSubmit={(e) => void save(e)}>
      <h4>
        {language.name} ({language.code})
      </h4>
      <p class="field__hint">
        {missing.length === 0
          ? "Everything is translated."
          : `Not yet translated: ${missing.join(", ")}. Readers of this edition see the original there, marked with its language.`}
      </p>
      <TextField
        label={`Title (${language.code})`}
        hint={`Original: ${layer.title}`}
        value={title}
        onValue={setTitle}
        required
      />
      <TextArea
        label={`Note (${language.code})`}
        hint={layer.note ? `Original: ${layer.note}` : "The original has no note."}
        value={note}
        onValue={setNote}
      />
      {layerEvents(layer).map((item) => (
        <TextArea
          key={item.number}
          label={`Event ${item.number} (${language.code})`}
          hint={`Original: ${item.description}`}
          value={events[String(item.number)] ?? ""}
          onValue={(value) => setEvents({ ...events, [String(item.number)]: value })}
        />
      ))}
      <ErrorMessage error={action.error} />
      {done && <StatusMessage>{done}</StatusMessage>}
      <button type="submit" class="button button--primary" disabled={action.busy}>
        Save {language.name} texts
      </button>{" "}
      {existing && (
        <button type="button" class="button button--danger" disabled={action.busy} onClick={() => void remove()}>
          Remove translation
        </button>
      )}
    </form>
  );
}

/** The texts editor of one layer: its original language, then one form per other edition language. */
export function MapLayerTexts({
  mapId,
  layerId,
  languages,
  onChanged,
}: {
  mapId: number;
  layerId: number;
  languages: LanguageChoice[];
  onChanged: () => void;
}) {
  const layer = useAsync(() => api.get<MapLayer>(`/maps/${mapId}/layers/${layerId}`), [mapId, layerId]);
  if (layer.loading && !layer.data) return <Loading what="the layer's texts" />;
  if (!layer.data) return <ErrorMessage error={layer.error} />;
  const data = layer.data;
  const others = translationLanguages(languages, data.language);
  return (
    <section class="layer-texts-editor" aria-label={`Texts of the layer of ${data.validOn}`}>
      <h3>Texts of the layer of {data.validOn}</h3>
      <p>
        Written in <strong>{languages.find((l) => l.code === data.language)?.name ?? data.language}</strong> (
        {data.language}). Each edition shows its own language where translated, and the original elsewhere.
      </p>
      {others.map((language) => (
        <TranslationForm
          key={language.code}
          layer={data}
          language={language}
          onSaved={() => {
            layer.reload();
            onChanged();
          }}
        />
      ))}
    </section>
  );
}
