import type { Insertable, Kysely } from "kysely";
import { AppError } from "../errors.js";
import { isForeignKeyViolation, isUniqueViolation } from "../platform/db/database.js";
import type { DB, PeopleTable, PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";

export type TermTable = "sections" | "tags" | "people";

export interface TermActivityRow {
  id: number;
  edition_code: string;
  slug: string;
  /** The newest `updated_at` among the term's published articles. */
  last_modified: string;
}

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

  async tagsOfArticles(articleIds: readonly number[]): Promise<(TagRow & { article_id: number })[]> {
    if (articleIds.length === 0) return [];
    return this.db
      .selectFrom("article_tags")
      .innerJoin("tags", "tags.id", "article_tags.tag_id")
      .selectAll("tags")
      .select("article_tags.article_id")
      .where("article_tags.article_id", "in", [...articleIds])
      .orderBy("article_tags.article_id")
      .orderBy("article_tags.position")
      .execute();
  }

  async authorsOfArticles(articleIds: readonly number[]): Promise<(PersonRow & { article_id: number })[]> {
    if (articleIds.length === 0) return [];
    return this.db
      .selectFrom("article_authors")
      .innerJoin("people", "people.id", "article_authors.person_id")
      .selectAll("people")
      .select("article_authors.article_id")
      .where("article_authors.article_id", "in", [...articleIds])
      .orderBy("article_authors.article_id")
      .orderBy("article_authors.position")
      .execute();
  }

  async findSectionsByIds(ids: readonly number[]): Promise<SectionRow[]> {
    if (ids.length === 0) return [];
    return this.db
      .selectFrom("sections")
      .selectAll()
      .where("id", "in", [...ids])
      .execute();
  }

  /**
   * Sections, tags or people that have published articles, with the newest change among them:
   * the list pages worth handing to search engines.
   */
  async termsWithPublishedArticles(table: TermTable): Promise<TermActivityRow[]> {
    const base =
      table === "sections"
        ? this.db.selectFrom("sections as t").innerJoin("articles as a", "a.section_id", "t.id")
        : table === "tags"
          ? this.db
              .selectFrom("tags as t")
              .innerJoin("article_tags as l", "l.tag_id", "t.id")
              .innerJoin("articles as a", "a.id", "l.article_id")
          : this.db
              .selectFrom("people as t")
              .innerJoin("article_authors as l", "l.person_id", "t.id")
              .innerJoin("articles as a", "a.id", "l.article_id");
    const rows = await base
      .select(["t.id", "t.edition_code", "t.slug", (eb) => eb.fn.max("a.updated_at").as("last_modified")])
      .where("a.status", "=", "published")
      .groupBy(["t.id", "t.edition_code", "t.slug"])
      .orderBy("t.id")
      .execute();
    return rows.map((r) => ({ ...r, last_modified: String(r.last_modified) }));
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

  /** The staff member's byline in the edition: the people row that belongs to them there. */
  findStaffPerson(edition: string, staffId: number): Promise<PersonRow | undefined> {
    return this.db
      .selectFrom("people")
      .selectAll()
      .where("edition_code", "=", edition)
      .where("staff_id", "=", staffId)
      .executeTakeFirst();
  }

  /** Every edition's byline of the staff member. */
  peopleOfStaff(staffId: number): Promise<PersonRow[]> {
    return this.db.selectFrom("people").selectAll().where("staff_id", "=", staffId).orderBy("id").execute();
  }

  /** Bylines of staff members, every edition. */
  staffPeople(): Promise<PersonRow[]> {
    return this.db.selectFrom("people").selectAll().where("staff_id", "is not", null).orderBy("id").execute();
  }

  /** Writes a staff byline's name and bio, which follow the member's profile. */
  async setBylineText(id: number, text: { name: string; bio: string | null }): Promise<void> {
    await this.db.updateTable("people").set(text).where("id", "=", id).execute();
  }

  async insertPerson(row: Insertable<PeopleTable>): Promise<PersonRow> {
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
