/** A staff member's byline profile: name and bio per language, photo, links. */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { ImageField } from "../pickers.js";
import type { ProfileLanguage, StaffProfile } from "../types.js";
import {
  ErrorMessage,
  LANGUAGE_OPTIONS,
  Loading,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

type PerLanguage = Record<ProfileLanguage, string>;

const text = (values: Record<ProfileLanguage, string | null>): PerLanguage => ({
  uk: values.uk ?? "",
  ru: values.ru ?? "",
  en: values.en ?? "",
});
const orNull = (values: PerLanguage) => ({
  uk: values.uk.trim() || null,
  ru: values.ru.trim() || null,
  en: values.en.trim() || null,
});

/**
 * The profile's fields. Each edition's byline shows the name in the edition's language (another
 * language's when it is empty); the author page shows the bio of the edition's language only.
 */
export function ProfileForm({ staffId, heading }: { staffId: number; heading: string }) {
  const loaded = useAsync(() => api.get<StaffProfile>(`/profiles/${staffId}`), [staffId]);
  const [names, setNames] = useState<PerLanguage>({ uk: "", ru: "", en: "" });
  const [bios, setBios] = useState<PerLanguage>({ uk: "", ru: "", en: "" });
  const [photo, setPhoto] = useState<number | null>(null);
  const [links, setLinks] = useState<{ label: string; url: string }[]>([]);
  const [saved, setSaved] = useState(false);
  // The form shows only once the loaded profile is in the fields: rendered a frame earlier, its
  // empty inputs could take typing that the fill then overwrites.
  const [filledFrom, setFilledFrom] = useState<StaffProfile | null>(null);
  const { busy, error, run } = useAction();

  const fill = (profile: StaffProfile) => {
    setFilledFrom(profile);
    setNames(text(profile.names));
    setBios(text(profile.bios));
    setPhoto(profile.photoMediaId);
    setLinks(profile.links);
  };
  useEffect(() => {
    if (loaded.data) fill(loaded.data);
  }, [loaded.data]);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const profile = await run(() =>
      api.patch<StaffProfile>(`/profiles/${staffId}`, {
        names: orNull(names),
        bios: orNull(bios),
        photoMediaId: photo,
        links: links.filter((link) => link.label.trim() || link.url.trim()),
      }),
    );
    if (profile) {
      loaded.setData(profile);
      setSaved(true);
    }
  };

  const setLink = (index: number, field: "label" | "url", value: string) =>
    setLinks(links.map((link, i) => (i === index ? { ...link, [field]: value } : link)));

  return (
    <section class="panel" aria-labelledby={`profile-${staffId}-heading`}>
      <h2 id={`profile-${staffId}-heading`}>{heading}</h2>
      {loaded.loading && <Loading what="profile" />}
      <ErrorMessage error={loaded.error ?? error} />
      {loaded.data && filledFrom && (
        <form class="form" onSubmit={save}>
          <p class="muted">
            The byline in every edition. Each edition shows the name in its language, or another one when that is empty.
          </p>
          {LANGUAGE_OPTIONS.map(({ value: code, label }) => (
            <TextField
              key={`name-${code}`}
              label={`Name in ${label}`}
              maxLength={200}
              lang={code}
              value={names[code]}
              onValue={(v) => setNames({ ...names, [code]: v })}
            />
          ))}
          {LANGUAGE_OPTIONS.map(({ value: code, label }) => (
            <TextArea
              key={`bio-${code}`}
              label={`Bio in ${label}`}
              hint="Shown on your author page in editions of this language."
              rows={3}
              maxLength={2000}
              lang={code}
              value={bios[code]}
              onValue={(v) => setBios({ ...bios, [code]: v })}
            />
          ))}
          <ImageField
            label="Byline photo"
            hint="Shown on the author pages. Choose one from the media library or upload it."
            value={photo}
            onChange={(media) => setPhoto(media?.id ?? null)}
          />
          <fieldset class="fieldset">
            <legend>Links</legend>
            {links.length === 0 && <p class="muted">No links yet.</p>}
            {links.map((link, index) => (
              <div class="inline-form" key={index}>
                <TextField
                  label={`Link ${index + 1} label`}
                  hint="e.g. Website, X, Telegram"
                  maxLength={40}
                  value={link.label}
                  onValue={(v) => setLink(index, "label", v)}
                />
                <TextField
                  label={`Link ${index + 1} address`}
                  type="url"
                  maxLength={500}
                  value={link.url}
                  onValue={(v) => setLink(index, "url", v)}
                />
                <button
                  type="button"
                  class="button button--small"
                  onClick={() => setLinks(links.filter((_, i) => i !== index))}
                >
                  Remove<span class="visually-hidden"> link {index + 1}</span>
                </button>
              </div>
            ))}
            {links.length < 10 && (
              <button
                type="button"
                class="button button--small"
                onClick={() => setLinks([...links, { label: "", url: "" }])}
              >
                Add a link
              </button>
            )}
          </fieldset>
          <SubmitButton busy={busy}>Save the profile</SubmitButton>
          {saved && (
            <StatusMessage>
              <p>Profile saved. The bylines and author pages show it now.</p>
            </StatusMessage>
          )}
          {loaded.data.bylines.length > 0 && (
            <p class="muted">
              Author pages:{" "}
              {loaded.data.bylines.map((byline, i) => (
                <span key={byline.personId}>
                  {i > 0 ? ", " : ""}
                  {byline.edition}: <code>{byline.slug}</code>
                </span>
              ))}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
