import { formatDateline } from "../../platform/i18n/dates.js";
import { translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import type { HeadTag } from "../page-head.js";
import type { CorrectionsPageData } from "../site.service.js";
import { urls } from "../urls.js";
import { Layout } from "./Layout.js";

/** Every correction and update of the edition, newest first, each linking to its note on the article. */
export function CorrectionsPage({
  data,
  assets,
  publicUrl,
  head,
}: {
  data: CorrectionsPageData;
  assets: Assets;
  publicUrl: string;
  head?: readonly HeadTag[];
}) {
  const { context, items } = data;
  const { edition } = context;
  const t = (key: Parameters<typeof translate>[1]) => translate(edition.language, key);
  const title = t("corrections.title");
  return (
    <Layout
      context={context}
      assets={assets}
      title={`${title} — ${context.settings.siteName}`}
      canonical={`${publicUrl}${urls.corrections(edition.basePath)}`}
      pageType="list"
      head={head}
    >
      <div class="corrections-page">
        <h1>{title}</h1>
        <p class="corrections-page__intro">{t("corrections.intro")}</p>
        {items.length === 0 ? (
          <p>{t("corrections.empty")}</p>
        ) : (
          <ol class="corrections-list">
            {items.map((item) => (
              <li class={`article-note article-note--${item.kind}`}>
                <p>
                  <strong class="article-note__label">
                    {t(item.kind === "correction" ? "notes.correction" : "notes.update")}
                  </strong>{" "}
                  <time datetime={item.created_at}>
                    {formatDateline(item.created_at, edition.locale, edition.timeZone, context.now)}
                  </time>
                </p>
                <p>
                  <a href={`${urls.article(edition.basePath, item.slug)}#note-${item.id}`}>{item.title}</a>
                </p>
                <p class="article-note__text">{item.text}</p>
              </li>
            ))}
          </ol>
        )}
      </div>
    </Layout>
  );
}
