import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Row types of every table. Times are ISO-8601 UTC strings of fixed width
 * ("2026-03-21T17:30:00.000Z") in both dialects, so they sort as text and
 * keyset cursors compare the same way on SQLite and PostgreSQL.
 * Flags are 0/1 integers for the same reason.
 */
export interface EditionsTable {
  code: string;
  name: string;
  locale: string;
  time_zone: string;
  base_path: string;
  position: number;
}

export interface SectionsTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  name: string;
  position: number;
}

export interface TagsTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  name: string;
}

export interface PeopleTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  name: string;
  role: string | null;
  bio: string | null;
}

export interface MediaTable {
  id: Generated<number>;
  file_key: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  created_at: string;
}

export type ArticleStatus = "draft" | "scheduled" | "published" | "archived";

export interface ArticlesTable {
  id: Generated<number>;
  edition_code: string;
  slug: string;
  status: ArticleStatus;
  title: string;
  dek: string | null;
  section_id: number | null;
  lead_media_id: number | null;
  body: string;
  source_attribution: string | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  translation_group: string | null;
  is_breaking: number;
  is_featured: number;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface ArticleAuthorsTable {
  article_id: number;
  person_id: number;
  position: number;
}

export interface SettingsTable {
  /** An edition code, or "*" for settings of the whole site. */
  scope: string;
  key: string;
  value: string;
  updated_at: string;
}

export interface DB {
  editions: EditionsTable;
  sections: SectionsTable;
  tags: TagsTable;
  people: PeopleTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_tags: ArticleTagsTable;
  article_authors: ArticleAuthorsTable;
  settings: SettingsTable;
}

export type EditionRow = Selectable<EditionsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type TagRow = Selectable<TagsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type MediaRow = Selectable<MediaTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
