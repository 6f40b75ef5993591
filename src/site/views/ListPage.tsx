import type { PersonRow } from "../../platform/db/schema.js";
import { translate } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import { NO_EXTRAS, type PageExtras } from "../page-head.js";
import type { ListPageData } from "../site.service.js";
import { urls } from "../urls.js";
import { ArticleCard } from "./ArticleCard.js";
import { Layout } from "./Layout.js";
import { NewsFeed } from "./NewsFeed.js";
import { Picture } from "./Picture.js";

function listPath(data: ListPageData): string {
  return urls.list(data.context.edition.basePath, data.kind, data.subject?.slug ?? "");
}

/** The home page and the section, tag and author pages: a lead story (home) and the newest news. */
export function ListPage({
  data,
  assets,
  publicUrl,
  pageUrl,
  extras = NO_EXTRAS,
}: {
  data: ListPageData;
  assets: Assets;
  publicUrl: string;
  pageUrl: string;
  extras?: PageExtras;
}) {
  const { context, kind, subject, lead, feed, firstPage } = data;
  const { edition, settings } = context;
  const t = (key: Parameters<typeof translate>[1]) => translate(edition.language, key);
  const path = listPath(data);
  const profile = data.profile;
  const heading = kind === "home" ? settings.siteName : (profile?.name ?? subject?.name ?? "");
  const label =
    kind === "section"
      ? t("list.section")
      : kind === "tag"
        ? t("list.tag")
        : kind === "author"
          ? t("list.author")
          : null;
  const title = kind === "home" ? `${settings.siteName} — ${t("site.tagline")}` : `${heading} — ${settings.siteName}`;
  const person = kind === "author" ? (subject as PersonRow) : null;
  // A staff member's page reads their profile; a freelancer's, the edition's people record.
  const bio = profile ? profile.bio : (person?.bio ?? null);
  return (
    <Layout
      context={context}
      assets={assets}
      title={title}
      description={bio ?? t("site.tagline")}
      canonical={`${publicUrl}${firstPage ? path : pageUrl}`}
      pageType={kind === "home" ? "home" : "list"}
      head={extras.head}
    >
      <header class={kind === "home" ? "list-header visually-hidden" : "list-header"}>
        {profile?.photo ? (
          <Picture image={profile.photo} sizes="96px" eager alt={profile.name} class="list-header__photo" />
        ) : null}
        {label ? <p class="list-header__label">{label}</p> : null}
        <h1>{heading}</h1>
        {person?.role ? <p class="list-header__role">{person.role}</p> : null}
        {bio ? <p class="list-header__bio">{bio}</p> : null}
        {profile && profile.links.length > 0 ? (
          <nav class="list-header__links" aria-label={t("author.links")}>
            <ul>
              {profile.links.map((link) => (
                <li key={link.url}>
                  <a href={link.url} rel="me noopener">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      {lead ? (
        <section class="lead-story" aria-label={lead.title}>
          <ArticleCard item={lead} context={context} variant="lead" headingLevel={2} />
        </section>
      ) : null}
      <section class="latest" aria-labelledby="latest-title">
        <h2 id="latest-title" class={kind === "home" ? undefined : "visually-hidden"}>
          {t("feed.latest")}
        </h2>
        <NewsFeed context={context} feed={feed} listName={data.listName} listPath={path} headingId="latest-title" />
      </section>
    </Layout>
  );
}
