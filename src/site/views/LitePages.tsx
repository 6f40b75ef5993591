import type { ComponentChildren } from "preact";
import type { ArticleCardRow } from "../../newsroom/articles.repository.js";
import type { BodyDocument } from "../../newsroom/body.types.js";
import { editionHref } from "../../newsroom/editions.service.js";
import type { LiveEntry } from "../../newsroom/live-coverage.service.js";
import { variantWidthsFor } from "../../newsroom/media.service.js";
import { fileUrlOf, formatBytes, formatDuration, transcriptParagraphs } from "../../newsroom/media-files.shared.js";
import type { MediaRow } from "../../platform/db/schema.js";
import { formatDateline } from "../../platform/i18n/dates.js";
import { type MessageKey, translate } from "../../platform/i18n/messages.js";
import { LITE_CSS } from "../lite-style.js";
import type { ArticlePageData, LiteHomeData, PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { ArticleBody, type BlockSwap, type RelatedSlot } from "./ArticleBody.js";
import { SocialPostCard } from "./SocialPostCard.js";
import { WATCH_URL } from "./VideoFacade.js";

/** The widest photo variant a "Show photo" link opens: enough for a phone, a fraction of the original. */
const LITE_PHOTO_WIDTH = 640;

type T = (key: MessageKey, params?: Record<string, string>) => string;

function translator(context: PageContext): T {
  return (key, params) => translate(context.edition.language, key, params);
}

function dateline(context: PageContext, iso: string): string {
  const { edition } = context;
  return formatDateline(iso, edition.locale, edition.timeZone, context.now);
}

/**
 * The frame of every lite page: no script, no font, no stylesheet file; one inline `<style>`.
 * `canonical` names the full page this one stands for.
 */
export function LiteLayout({
  context,
  title,
  canonical,
  children,
}: {
  context: PageContext;
  title: string;
  canonical: string;
  children: ComponentChildren;
}) {
  const { edition, settings } = context;
  const t = translator(context);
  return (
    <html lang={edition.language} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="canonical" href={canonical} />
        <link rel="icon" href="data:," />
        <style>{LITE_CSS}</style>
      </head>
      <body>
        <header>
          <a href={urls.liteHome(edition.basePath)}>{settings.siteName}</a>
          <span>{t("lite.title")}</span>
          <nav aria-label={t("site.editions")}>
            {context.editions
              .filter((other) => other.code !== edition.code)
              .map((other) => (
                <a href={editionHref(edition, other, urls.liteHome(other.basePath))} lang={other.language}>
                  {other.name}
                </a>
              ))}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

interface BlockContext {
  media: Map<number, MediaRow>;
  basePath: string;
  language: string;
  t: T;
}

/** A photo as text: a link that opens one small variant only when tapped, with caption and credit. */
function PhotoLink({
  image,
  caption,
  credit,
  t,
}: {
  image: MediaRow;
  caption: string | null;
  credit: string | null;
  t: T;
}) {
  const widths = variantWidthsFor(image.width);
  const width = [...widths].reverse().find((w) => w <= LITE_PHOTO_WIDTH) ?? widths[0] ?? LITE_PHOTO_WIDTH;
  return (
    <figure>
      <a href={urls.media(image.file_key, width, "jpg")}>{t("lite.showPhoto")}</a>
      {image.alt ? `: ${image.alt}` : null}
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? ` ${credit}` : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Photos become "Show photo" links, embeds links to the video or the map page, clips and PDFs links to the file. */
function liteSwap(basePath: string, t: T, language: string): BlockSwap {
  return {
    socialPost: (node) => <SocialPostCard node={node} media={new Map()} language={language} lite />,
    image: (node, row) => (
      <PhotoLink
        image={{ ...row, alt: node.attrs.alt ?? row.alt }}
        caption={node.attrs.caption ?? row.caption}
        credit={node.attrs.credit ?? row.credit}
        t={t}
      />
    ),
    embed: (node) => (
      <p>
        {node.attrs.provider === "map" ? (
          <a href={urls.map(basePath, node.attrs.videoId)}>{t("lite.map", { title: node.attrs.title })}</a>
        ) : (
          <a href={WATCH_URL[node.attrs.provider](node.attrs.videoId)} rel="noopener noreferrer">
            {t("lite.video", { title: node.attrs.title })}
          </a>
        )}
      </p>
    ),
    // A link states the size first: on a slow or metered line the reader decides before loading.
    file: (node, row) => {
      const size = row.byte_size ? formatBytes(row.byte_size) : "";
      const length = row.duration_ms ? formatDuration(row.duration_ms) : "";
      const label = node.type === "audio" ? t("lite.audio", { title: node.attrs.title }) : node.attrs.title;
      const facts = [node.type === "document" ? "PDF" : "", length, size].filter(Boolean).join(", ");
      const transcript = node.type === "audio" ? transcriptParagraphs(node.attrs.transcript) : [];
      return (
        <>
          <p>
            <a href={fileUrlOf(row)}>{label}</a>
            {facts ? ` (${facts})` : null}
          </p>
          {transcript.map((paragraph) => (
            <p>{paragraph}</p>
          ))}
        </>
      );
    },
  };
}

/** An article body as text: the web renderer's blocks, with photos and embeds as links. */
function LiteBody({
  body,
  media,
  basePath,
  language,
  t,
  related,
}: { body: BodyDocument; related?: ReadonlyMap<number, ArticleCardRow> } & BlockContext) {
  // Related stories as plain links to their lite pages: no photos on a lite page.
  const relatedSlot: RelatedSlot | undefined = related
    ? (node) => {
        const cards = node.attrs.articleIds.flatMap((id) => related.get(id) ?? []);
        return cards.length === 0 ? null : (
          <section>
            <h2>{node.attrs.title}</h2>
            <ul>
              {cards.map((card) => (
                <li>
                  <a href={urls.liteArticle(basePath, card.slug)}>{card.title}</a>
                </li>
              ))}
            </ul>
          </section>
        );
      }
    : undefined;
  return (
    <ArticleBody
      body={body}
      media={media}
      basePath={basePath}
      language={language}
      swap={liteSwap(basePath, t, language)}
      related={relatedSlot}
    />
  );
}

function LiveEntries({
  entries,
  context,
  media,
  entryHref,
}: {
  entries: LiveEntry[];
  context: PageContext;
  media: Map<number, MediaRow>;
  entryHref: (id: number) => string;
}) {
  const t = translator(context);
  return (
    <ol class="news">
      {entries.map((entry) => (
        <li id={`entry-${entry.id}`}>
          <p class="meta">
            {entry.pinned ? `${t("live.pinned")} · ` : null}
            <a href={entryHref(entry.id)}>
              <time datetime={entry.createdAt}>{dateline(context, entry.createdAt)}</time>
            </a>
            {entry.authorName ? ` · ${entry.authorName}` : null}
          </p>
          {entry.headline ? <h3>{entry.headline}</h3> : null}
          <LiteBody
            body={entry.body}
            media={media}
            basePath={context.edition.basePath}
            language={context.edition.language}
            t={t}
          />
        </li>
      ))}
    </ol>
  );
}

/**
 * The lite front page: the newest stories as headline, time and dek. In crisis mode it is the
 * edition's front page itself (`asHome`), with the running live blog pinned on top.
 */
export function LiteHomePage({ data, publicUrl, asHome }: { data: LiteHomeData; publicUrl: string; asHome: boolean }) {
  const { context } = data;
  const { edition, settings } = context;
  const t = translator(context);
  const base = edition.basePath;
  const live = data.live;
  return (
    <LiteLayout
      context={context}
      title={asHome ? settings.siteName : `${t("lite.title")} — ${settings.siteName}`}
      canonical={`${publicUrl}${urls.home(base)}`}
    >
      <p class="note">{asHome ? t("lite.crisis") : t("lite.about")}</p>
      {live ? (
        <section class="pin" aria-labelledby="live-now">
          <h2 id="live-now">
            {t("lite.liveNow")}: <a href={urls.liteArticle(base, live.view.article.slug)}>{live.view.article.title}</a>
          </h2>
          {live.entries.length === 0 ? <p>{t("live.empty")}</p> : null}
          <LiveEntries
            entries={live.entries}
            context={context}
            media={new Map()}
            entryHref={(id) => `${urls.liteArticle(base, live.view.article.slug)}#entry-${id}`}
          />
          <p>
            <a href={urls.liteArticle(base, live.view.article.slug)}>{t("lite.allUpdates")}</a>
          </p>
        </section>
      ) : null}
      <h1>{t("feed.latest")}</h1>
      {data.items.length === 0 ? <p>{t("feed.empty")}</p> : null}
      <ol class="news">
        {data.items.map((item) => (
          <li>
            <a href={urls.liteArticle(base, item.slug)}>{item.title}</a>
            <p>
              <time datetime={item.published_at}>{dateline(context, item.published_at)}</time>
            </p>
            {item.dek ? <p>{item.dek}</p> : null}
          </li>
        ))}
      </ol>
      <footer>
        <a href={asHome ? urls.corrections(base) : urls.home(base)}>
          {asHome ? t("corrections.link") : t("lite.fullSite")}
        </a>
      </footer>
    </LiteLayout>
  );
}

/** A story as text: headline, dek, byline, date, takeaways and body; photos and embeds as links. */
export function LiteArticlePage({ data, publicUrl }: { data: ArticlePageData; publicUrl: string }) {
  const { context, view } = data;
  const { edition, settings } = context;
  const { article } = view;
  const t = translator(context);
  const base = edition.basePath;
  const publishedAt = article.published_at ?? article.updated_at;
  const full = urls.article(base, article.slug);
  const media = new Map([...view.media, ...(data.live?.media ?? [])]);
  return (
    <LiteLayout context={context} title={`${article.title} — ${settings.siteName}`} canonical={`${publicUrl}${full}`}>
      <article>
        <h1>{article.title}</h1>
        {article.dek ? <p class="dek">{article.dek}</p> : null}
        <p class="meta">
          {view.authors.length > 0
            ? `${t("article.by")} ${view.authors.map((person) => person.name).join(", ")} · `
            : null}
          <time datetime={publishedAt}>{dateline(context, publishedAt)}</time>
        </p>
        {data.notes.map((note) => (
          <p class="note">{note.text}</p>
        ))}
        {view.leadMedia ? (
          <PhotoLink image={view.leadMedia} caption={view.leadMedia.caption} credit={view.leadMedia.credit} t={t} />
        ) : null}
        <LiteBody
          body={view.body}
          media={media}
          basePath={base}
          language={edition.language}
          t={t}
          related={view.related}
        />
        {article.source_attribution ? (
          <p class="note">
            {t("article.source")}: {article.source_attribution}
          </p>
        ) : null}
        {data.live ? (
          <section aria-labelledby="live-updates">
            <h2 id="live-updates">{t("live.heading")}</h2>
            {data.live.endedAt !== null ? <p class="note">{t("live.ended")}</p> : null}
            {data.live.entries.length === 0 ? <p>{t("live.empty")}</p> : null}
            <LiveEntries
              entries={data.live.entries}
              context={context}
              media={media}
              entryHref={(id) => `#entry-${id}`}
            />
          </section>
        ) : null}
      </article>
      <footer>
        <a href={full}>{t("lite.full")}</a> · <a href={urls.liteHome(base)}>{t("lite.title")}</a>
      </footer>
    </LiteLayout>
  );
}
