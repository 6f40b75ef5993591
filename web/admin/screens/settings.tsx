/** Edition settings: site name, follow links, support link, video of the day, order of the promo modules. */
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { PROVIDER_NAMES, parseVideoUrl, videoPageUrl } from "../embed-url.js";
import { canAdminister } from "../permissions.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import type { EditionSettings, Promo } from "../types.js";
import {
  ErrorMessage,
  Loading,
  PageHeader,
  SelectField,
  StatusMessage,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

const FOLLOW: { key: keyof EditionSettings["follow"]; label: string }[] = [
  { key: "x", label: "X (Twitter)" },
  { key: "facebook", label: "Facebook" },
  { key: "googleNews", label: "Google News" },
  { key: "telegram", label: "Telegram" },
];

export function promoLabel(promo: Promo): string {
  switch (promo.type) {
    case "newsletter":
      return `Newsletter signup: ${promo.title}`;
    case "map":
      return `Map: ${promo.title}`;
    case "support":
      return `Support appeal: ${promo.title}`;
    case "follow":
      return "Follow links";
  }
}

/** Moves the item at `index` by `by` places (within bounds). */
export function move<T>(list: T[], index: number, by: number): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

function SettingsForm({ edition, initial }: { edition: string; initial: EditionSettings }) {
  const { staff } = useSession();
  const admin = canAdminister(staff.role);
  const [siteName, setSiteName] = useState(initial.siteName);
  const [follow, setFollow] = useState(initial.follow);
  const [supportUrl, setSupportUrl] = useState(initial.supportUrl);
  const [videoUrl, setVideoUrl] = useState(initial.videoOfTheDay ? videoPageUrl(initial.videoOfTheDay) : "");
  const [videoTitle, setVideoTitle] = useState(initial.videoOfTheDay?.title ?? "");
  const [promos, setPromos] = useState(initial.articlePromos);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useAction();

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    let video: EditionSettings["videoOfTheDay"] = null;
    if (videoUrl.trim()) {
      const ref = parseVideoUrl(videoUrl);
      if (!ref) return setError(new Error("The video of the day must be a YouTube or Vimeo address."));
      video = { ...ref, title: videoTitle.trim() || `${PROVIDER_NAMES[ref.provider]} video` };
    }
    const followLinks = Object.fromEntries(
      Object.entries(follow)
        .map(([k, v]) => [k, (v ?? "").trim()])
        .filter(([, v]) => v),
    );
    const body: EditionSettings = {
      siteName: siteName.trim(),
      follow: followLinks,
      supportUrl: supportUrl.trim(),
      videoOfTheDay: video,
      articlePromos: promos,
    };
    const result = await run(() => api.put<EditionSettings>(`/settings/${encodeURIComponent(edition)}`, body));
    if (result) setSaved(true);
  };

  return (
    <form class="form" onSubmit={submit}>
      <section class="panel" aria-labelledby="site-heading">
        <h2 id="site-heading">Site</h2>
        {!admin && <p class="muted">Only admins change the site name, follow links and support link.</p>}
        <fieldset class="plain" disabled={!admin}>
          <legend class="visually-hidden">Site identity</legend>
          <TextField label="Site name" required maxLength={120} value={siteName} onValue={setSiteName} />
          {FOLLOW.map(({ key, label }) => (
            <TextField
              key={key}
              label={`${label} link`}
              type="url"
              maxLength={500}
              value={follow[key] ?? ""}
              onValue={(v) => setFollow({ ...follow, [key]: v })}
            />
          ))}
          <TextField
            label="Support link"
            hint="Where the support card leads when no payment provider is set up."
            maxLength={500}
            value={supportUrl}
            onValue={setSupportUrl}
          />
        </fieldset>
      </section>
      <section class="panel" aria-labelledby="video-heading">
        <h2 id="video-heading">Video of the day</h2>
        <TextField
          label="YouTube or Vimeo address"
          hint="Shown in articles after the third paragraph. Leave empty for none."
          inputMode="url"
          value={videoUrl}
          onValue={setVideoUrl}
        />
        <TextField label="Video title" maxLength={300} value={videoTitle} onValue={setVideoTitle} />
      </section>
      <section class="panel" aria-labelledby="promos-heading">
        <h2 id="promos-heading">Modules after the article</h2>
        {promos.length === 0 ? (
          <p class="muted">No modules.</p>
        ) : (
          <ol class="order-list">
            {promos.map((promo, index) => {
              const label = promoLabel(promo);
              return (
                <li key={index}>
                  <div class="order-list__row">
                    <span>{label}</span>
                    <span class="order-list__actions">
                      <button
                        type="button"
                        class="button button--small"
                        disabled={index === 0}
                        onClick={() => setPromos(move(promos, index, -1))}
                      >
                        Move up<span class="visually-hidden">: {label}</span>
                      </button>
                      <button
                        type="button"
                        class="button button--small"
                        disabled={index === promos.length - 1}
                        onClick={() => setPromos(move(promos, index, 1))}
                      >
                        Move down<span class="visually-hidden">: {label}</span>
                      </button>
                      <button
                        type="button"
                        class="button button--small button--quiet"
                        onClick={() => setPromos(promos.filter((_, i) => i !== index))}
                      >
                        Remove<span class="visually-hidden">: {label}</span>
                      </button>
                    </span>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <ErrorMessage error={error} />
      {saved && (
        <StatusMessage>
          <p>Settings saved. The site shows them now.</p>
        </StatusMessage>
      )}
      <div class="form__actions">
        <button class="button button--primary" type="submit" disabled={busy}>
          Save settings
        </button>
      </div>
    </form>
  );
}

export function SettingsScreen({ edition: requested }: { edition?: string | undefined }) {
  const { editions } = useSession();
  const edition = requested && editions.some((e) => e.code === requested) ? requested : (editions[0]?.code ?? "");
  const settings = useAsync(() => api.get<EditionSettings>(`/settings/${encodeURIComponent(edition)}`), [edition]);
  const [choice, setChoice] = useState(edition);
  useEffect(() => setChoice(edition), [edition]);
  return (
    <>
      <PageHeader title="Settings" />
      <div class="filters">
        <SelectField
          label="Edition"
          value={choice}
          onValue={(code) => {
            setChoice(code);
            navigate(`/admin/settings?edition=${encodeURIComponent(code)}`);
          }}
          options={editions.map((e) => ({ value: e.code, label: e.name }))}
        />
      </div>
      {settings.loading && <Loading what="settings" />}
      <ErrorMessage error={settings.error} />
      {settings.data && !settings.loading && <SettingsForm key={edition} edition={edition} initial={settings.data} />}
    </>
  );
}
