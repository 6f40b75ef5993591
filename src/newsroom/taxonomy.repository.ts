import type { Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type { DB, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";

/** Sections, tags and people (bylines): the small vocabularies articles point at. */
export class TaxonomyRepository {
  constructor(private readonly db: Kysely<DB>) {}

  findSection(edition: string, slug: string): Promise<SectionRow | undefined> {
    return this.db
      .selectFrom("sections")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("slug", "=", slug)
      .executeTakeFirst();
  }

  findSectionById(id: number): Promise<SectionRow | undefined> {
    return this.db.selectFrom("sections").selectAll().where("id", "=", id).executeTakeFirst();
  }

  listSections(edition: string): Promise<SectionRow[]> {
    return this.db.selectFrom("sections").selectAll().where("edition_code", "=", edition).orderBy("position").execute();
  }

  findTag(edition: string, slug: string): Promise<TagRow | undefined> {
    return this.db
      .selectFrom("tags")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("slug", "=", slug)
      .executeTakeFirst();
  }

  findPerson(edition: string, slug: string): Promise<PersonRow | undefined> {
    return this.db
      .selectFrom("people")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("slug", "=", slug)
      .executeTakeFirst();
  }

  tagsOfArticle(articleId: number): Promise<TagRow[]> {
    return this.db
      .selectFrom("article_tags")
      .innerJoin("tags", "tags.id", "article_tags.tag_id")
      .selectAll("tags")
      .where("article_tags.article_id", "=", articleId)
      .orderBy("article_tags.position")
      .execute();
  }

  authorsOfArticle(articleId: number): Promise<PersonRow[]> {
    return this.db
      .selectFrom("article_authors")
      .innerJoin("people", "people.id", "article_authors.person_id")
      .selectAll("people")
      .where("article_authors.article_id", "=", articleId)
      .orderBy("article_authors.position")
      .execute();
  }

  async insertSection(row: Omit<SectionRow, "id">): Promise<SectionRow> {
    return this.guard(`section "${row.slug}"`, () =>
      this.db.insertInto("sections").values(row).returningAll().executeTakeFirstOrThrow(),
    );
  }

  async insertTag(row: Omit<TagRow, "id">): Promise<TagRow> {
    return this.guard(`tag "${row.slug}"`, () =>
      this.db.insertInto("tags").values(row).returningAll().executeTakeFirstOrThrow(),
    );
  }

  async insertPerson(row: Omit<PersonRow, "id">): Promise<PersonRow> {
    return this.guard(`person "${row.slug}"`, () =>
      this.db.insertInto("people").values(row).returningAll().executeTakeFirstOrThrow(),
    );
  }

  private async guard<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", `A ${what} already exists in this edition.`);
      throw error;
    }
  }
}
