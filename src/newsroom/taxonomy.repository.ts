import type { Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isForeignKeyViolation, isUniqueViolation } from "../platform/db/database.js";
import type { DB, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";

export type TermTable = "sections" | "tags" | "people";

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

  listTerms(table: TermTable, edition: string) {
    return this.db.selectFrom(table).selectAll().where("edition_code", "=", edition).orderBy("name").execute();
  }

  findTerm(table: TermTable, id: number) {
    return this.db.selectFrom(table).selectAll().where("id", "=", id).executeTakeFirst();
  }

  async updateTerm(
    table: TermTable,
    id: number,
    changes: { name?: string; slug?: string; role?: string | null; bio?: string | null },
  ) {
    const allowed = table === "people" ? changes : { name: changes.name, slug: changes.slug };
    const set = Object.fromEntries(Object.entries(allowed).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return this.findTerm(table, id);
    return this.guard(`${table === "people" ? "person" : table.slice(0, -1)} "${changes.slug ?? ""}"`, () =>
      this.db.updateTable(table).set(set).where("id", "=", id).returningAll().executeTakeFirst(),
    );
  }

  async deleteTerm(table: TermTable, id: number): Promise<boolean> {
    try {
      const result = await this.db.deleteFrom(table).where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new AppError("conflict", "It is still used by articles; move them first.");
      }
      throw error;
    }
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
