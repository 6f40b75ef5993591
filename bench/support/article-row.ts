import type { NewArticle } from "../../src/platform/db/schema.js";

/** A published article row for a generated corpus: what a bench fills in, the rest empty. */
export function publishedArticleRow(
  fields: Pick<NewArticle, "edition_code" | "slug" | "title" | "dek" | "body"> & Partial<NewArticle>,
  at: Date,
): NewArticle {
  const iso = at.toISOString();
  return {
    status: "published",
    section_id: null,
    lead_media_id: null,
    source_attribution: null,
    published_at: iso,
    created_at: iso,
    updated_at: iso,
    translation_group: null,
    is_breaking: 0,
    is_featured: 0,
    seo_title: null,
    seo_description: null,
    lead_caption: null,
    lead_credit: null,
    lead_alt: null,
    created_by: null,
    created_by_token: null,
    submitted_at: null,
    live_ended_at: null,
    translated_from: null,
    ...fields,
  };
}
