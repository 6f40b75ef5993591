import type { BodyDocument } from "../../newsroom/body.types.js";
import { editionHref } from "../../newsroom/editions.service.js";
import type { ArticleRow } from "../../platform/db/schema.js";
import { formatDateline } from "../../platform/i18n/dates.js";
import { translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import { NO_EXTRAS, type PageExtras } from "../page-head.js";
import { placeName } from "../place-name.js";
import type { ArticlePageData } from "../site.service.js";
import { urls } from "../urls.js";
import { ArticleBody } from "./ArticleBody.js";
import { ArticleNotes } from "./ArticleNotes.js";
import { Layout } from "./Layout.js";
import { LiveBlog } from "./LiveBlog.js";
import { NewsFeed } from "./NewsFeed.js";
import { Picture } from "./Picture.js";
import { PlacesInStory } from "./PlacesInStory.js";
import { Promos } from "./Promos.js";
import { RelatedStories } from "./RelatedStories.js";
import { ShareLinks } from "./ShareLinks.js";
import { PROVIDER_NAME, VideoFacade } from "./VideoFacade.js";

/**
 * Whether the edition's video of the day goes into this story: not when the editors switched it
 * off for the story, nor when the body carries a video of its own (two players compete).
 */
export function showsVideoOfTheDay(article: Pick<ArticleRow, "video_of_the_day">, body: BodyDocument): boolean {
  if (article.video_of_the_day === 0) return false;
  return !body.content.some((node) => node.type === "embed" && node.attrs.provider !== "map");
}

const PREVIEW_DATE = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/**
 * What the newsroom's preview says about the story's state, in the admin's language (English):
 * the preview looks like the reader's page, so the banner is what tells them apart.
 */
export function previewNotice(article: Pick<ArticleRow, "status" | "published_at">): string {
  switch (article.status) {
    case "draft":
      return "Draft — not published";
    case "in_review":
      return "In review — not published";
    case "scheduled":
      return article.published_at
        ? `Scheduled for ${PREVIEW_DATE.format(new Date(article.published_at))} UTC — not published yet`
        : "Scheduled — not published yet";
    case "archived":
      return "Archived — no longer shown to readers";
    default:
      return "Preview of the published story";
  }
}

export function ArticlePage({
  data,
  assets,
  publicUrl,
  extras = NO_EXTRAS,
}: {
  data: ArticlePageData;
  assets: Assets;
  publicUrl: string;
  extras?: PageExtras;
}) {
  const { context, view, more } = data;
  const { edition, settings } = context;
  const { article } = view;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) =>
    translate(edition.language, key, params);
  const base = edition.basePath;
  const publishedAt = article.published_at ?? article.updated_at;
  // Crisis mode leaves the video slot out: a player is the heaviest thing a page can start.
  const video = !context.crisis && showsVideoOfTheDay(article, view.body) ? settings.videoOfTheDay : null;
  const liteHref = urls.liteArticle(base, article.slug);
  const videoSlot = video ? (
    <aside class="video-slot" data-slot="video-of-the-day" aria-labelledby="video-of-the-day-title">
      <h2 id="video-of-the-day-title" class="video-slot__label">
        {t("video.heading")}
      </h2>
      <VideoFacade provider={video.provider} videoId={video.videoId} title={video.title} playLabel={t("video.play")} />
      <p class="video-slot__notice">{t("video.notice", { provider: PROVIDER_NAME[video.provider] })}</p>
    </aside>
  ) : null;
  const source = article.source_attribution ? (
    <p class="source-attribution">
      <span class="source-attribution__label">{t("article.source")}:</span> {article.source_attribution}
    </p>
  ) : null;
  const lead = view.leadMedia;
  const wasUpdated = article.updated_at.slice(0, 16) > publishedAt.slice(0, 16);
  return (
    <Layout
      context={context}
      assets={assets}
      title={`${article.title} — ${settings.siteName}`}
      description={article.dek ?? undefined}
      canonical={`${publicUrl}${urls.article(base, article.slug)}`}
      pageType="article"
      articleId={article.id}
      head={extras.head}
      previewNotice={data.preview ? previewNotice(article) : undefined}
      lite={data.preview ? undefined : { href: `${publicUrl}${liteHref}`, title: t("lite.link") }}
      editionLinks={Object.fromEntries(
        data.translations.flatMap((translation) => {
          const target = context.editions.find((e) => e.code === translation.edition_code);
          return target
            ? [[target.code, editionHref(edition, target, urls.article(target.basePath, translation.slug))]]
            : [];
        }),
      )}
    >
      <article class="article" data-article-id={article.id}>
        <header class="article__header">
          <p class="kicker">
            {data.live && data.live.endedAt === null ? <span class="badge badge--live">{t("live.badge")}</span> : null}
            {article.is_breaking ? <span class="badge">{t("article.breaking")}</span> : null}
            {view.section ? <a href={urls.section(base, view.section.slug)}>{view.section.name}</a> : null}
          </p>
          <h1 class="article__title">{article.title}</h1>
          {article.dek ? <p class="article__dek">{article.dek}</p> : null}
          <p class="article__meta">
            <time datetime={publishedAt}>
              {formatDateline(publishedAt, edition.locale, edition.timeZone, context.now)}
            </time>
            {wasUpdated ? (
              <>
                {" · "}
                {t("article.updated")}{" "}
                <time datetime={article.updated_at}>
                  {formatDateline(article.updated_at, edition.locale, edition.timeZone, context.now)}
                </time>
              </>
            ) : null}
            {data.preview ? null : (
              <>
                {" · "}
                <a class="article__lite" href={liteHref}>
                  {t("lite.link")}
                </a>
              </>
            )}
          </p>
        </header>
        {lead ? (
          <figure class="article__lead">
            <Picture image={lead} eager sizes="(min-width: 1100px) 1040px, 100vw" />
            {lead.caption || lead.credit ? (
              <figcaption>
                {lead.caption}
                {lead.credit ? <span class="credit"> {lead.credit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {view.authors.length > 0 ? (
          <p class="byline">
            {t("article.by")}{" "}
            {view.authors.map((person, i) => (
              <>
                {i > 0 ? ", " : ""}
                <a rel="author" href={urls.author(base, person.slug)}>
                  {person.name}
                </a>
              </>
            ))}
          </p>
        ) : null}
        <ArticleNotes notes={data.notes} edition={edition} now={context.now} />
        <ArticleBody
          body={view.body}
          media={view.media}
          language={edition.language}
          videoSlot={data.live ? null : videoSlot}
          sourceAttribution={source}
          basePath={base}
          related={(node, index) => <RelatedStories node={node} cards={view.related} context={context} index={index} />}
        />
        {data.live ? (
          <LiveBlog
            live={data.live}
            edition={edition}
            now={context.now}
            media={new Map([...view.media, ...data.live.media])}
            pollUrl={urls.livePoll(base, article.slug)}
          />
        ) : null}
        {view.tags.length > 0 ? (
          <footer class="article__footer">
            <h2 class="visually-hidden">{t("article.tags")}</h2>
            <ul class="tags">
              {view.tags.map((tag) => (
                <li>
                  <a href={urls.tag(base, tag.slug)}>{tag.name}</a>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
        <PlacesInStory
          places={(data.places ?? []).map((p) => ({ slug: p.slug, name: placeName(p, edition.language) }))}
          basePath={base}
          language={edition.language}
        />
        <ShareLinks links={extras.share} language={edition.language} />
      </article>
      <Promos context={context} fromArticle={article.id} />
      <section class="more-news" aria-labelledby="more-news-title">
        <h2 id="more-news-title">{t("feed.moreNews")}</h2>
        <NewsFeed
          context={context}
          feed={more}
          listName={`home:${edition.code}`}
          listPath={urls.home(base)}
          headingId="more-news-title"
        />
      </section>
    </Layout>
  );
}
