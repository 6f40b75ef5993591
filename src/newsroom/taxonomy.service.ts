import { AppError } from "../errors.js";
import { EVERY_ENTRY, keySuffix, PurgeableMemo } from "../platform/cache/purgeable-memo.js";
import type { PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";
import type { FeedScope } from "./articles.repository.js";
import { isValidSlug, slugify } from "./slug.js";
import { surrogateKey } from "./surrogate-keys.js";
import type { TaxonomyRepository, TermActivityRow, TermTable } from "./taxonomy.repository.js";

export type VocabularyKind = "section" | "tag" | "person";

/** The lists of stories readers see: an edition's home list, and each section's, tag's and author's. */
export type ListKind = "home" | "section" | "tag" | "author";

/** A list a reader page or feed shows: which stories, the surrogate key that purges it, what it is about. */
export interface ReaderList {
  scope: FeedScope;
  key: string;
  /** The section, tag or author; absent for the home list. */
  subject?: SectionRow | TagRow | PersonRow;
}

const TABLE: Record<VocabularyKind, TermTable> = { section: "sections", tag: "tags", person: "people" };

export interface TermDto {
  id: number;
  edition: string;
  slug: string;
  name: string;
  role?: string | null;
  bio?: string | null;
  /** People only: the staff member this byline belongs to, or null for a freelancer or agency. */
  staffId?: number | null;
}

function toDto(row: SectionRow | TagRow | PersonRow): TermDto {
  return {
    id: row.id,
    edition: row.edition_code,
    slug: row.slug,
    name: row.name,
    ...("role" in row ? { role: row.role, bio: row.bio, staffId: row.staff_id } : {}),
  };
}

/** Sections, tags and people for other capabilities, which never touch the repository. */
export class TaxonomyService {
  private readonly listeners: ((keys: string[]) => void)[] = [];
  /**
   * Every page shows its edition's sections (the navigation), and they rarely change: kept until a
   * purge names a section or an edition's settings (which every vocabulary change, an import and a
   * relayed purge from another process announce).
   */
  readonly memo = new PurgeableMemo<readonly SectionRow[]>((key) =>
    keySuffix(key, ["section", "settings"]) === undefined ? undefined : EVERY_ENTRY,
  );

  constructor(private readonly taxonomy: TaxonomyRepository) {}

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  listSections(edition: string): Promise<readonly SectionRow[]> {
    return this.memo.get(edition, async () => Object.freeze(await this.taxonomy.listSections(edition)));
  }

  /** The list of this kind named by `slug` (ignored for the home list); undefined when there is none. */
  async findList(edition: string, kind: ListKind, slug: string): Promise<ReaderList | undefined> {
    if (kind === "home") return { scope: { kind, edition }, key: surrogateKey.home(edition) };
    if (kind === "section") {
      const section = await this.taxonomy.findSection(edition, slug);
      if (!section) return undefined;
      return {
        scope: { kind, edition, sectionId: section.id },
        key: surrogateKey.section(section.id),
        subject: section,
      };
    }
    if (kind === "tag") {
      const tag = await this.taxonomy.findTag(edition, slug);
      if (!tag) return undefined;
      return { scope: { kind, edition, tagId: tag.id }, key: surrogateKey.tag(tag.id), subject: tag };
    }
    const person = await this.taxonomy.findPerson(edition, slug);
    if (!person) return undefined;
    return { scope: { kind, edition, personId: person.id }, key: surrogateKey.author(person.id), subject: person };
  }

  findSection(edition: string, slug: string): Promise<SectionRow | undefined> {
    return this.taxonomy.findSection(edition, slug);
  }

  findTag(edition: string, slug: string): Promise<TagRow | undefined> {
    return this.taxonomy.findTag(edition, slug);
  }

  findPerson(edition: string, slug: string): Promise<PersonRow | undefined> {
    return this.taxonomy.findPerson(edition, slug);
  }

  /** A section, tag or person by id, or undefined. */
  async findById(kind: VocabularyKind, id: number): Promise<TermDto | undefined> {
    const row = await this.taxonomy.findTerm(TABLE[kind], id);
    return row ? toDto(row) : undefined;
  }

  /** Terms of every edition that have published articles, with the newest change among those. */
  withPublishedArticles(kind: VocabularyKind): Promise<TermActivityRow[]> {
    return this.taxonomy.termsWithPublishedArticles(TABLE[kind]);
  }

  async list(kind: VocabularyKind, edition: string): Promise<TermDto[]> {
    return (await this.taxonomy.listTerms(TABLE[kind], edition)).map(toDto);
  }

  async create(
    kind: VocabularyKind,
    input: { edition: string; name: string; slug?: string; role?: string | null; bio?: string | null },
  ): Promise<TermDto> {
    const name = input.name.trim();
    if (!name) throw new AppError("validation_failed", "The name must not be empty.", { field: "name" });
    const slug = input.slug ?? slugify(name, input.edition);
    if (!isValidSlug(slug)) {
      throw new AppError(
        "validation_failed",
        "The slug may hold only lowercase letters a–z, digits and single hyphens.",
        {
          field: "slug",
        },
      );
    }
    const base = { edition_code: input.edition, slug, name };
    let row: SectionRow | TagRow | PersonRow;
    if (kind === "section") {
      const position = (await this.taxonomy.listSections(input.edition)).length;
      row = await this.taxonomy.insertSection({ ...base, position });
    } else if (kind === "tag") {
      row = await this.taxonomy.insertTag(base);
    } else {
      row = await this.taxonomy.insertPerson({ ...base, role: input.role ?? null, bio: input.bio ?? null });
    }
    this.announce(kind, row);
    return toDto(row);
  }

  async update(
    kind: VocabularyKind,
    id: number,
    changes: { name?: string; slug?: string; role?: string | null; bio?: string | null },
  ): Promise<TermDto> {
    if (changes.slug !== undefined && !isValidSlug(changes.slug)) {
      throw new AppError(
        "validation_failed",
        "The slug may hold only lowercase letters a–z, digits and single hyphens.",
        {
          field: "slug",
        },
      );
    }
    if (changes.name !== undefined && !changes.name.trim()) {
      throw new AppError("validation_failed", "The name must not be empty.", { field: "name" });
    }
    if (kind === "person" && (changes.name !== undefined || changes.bio !== undefined)) {
      const person = await this.taxonomy.findTerm("people", id);
      if (person && "staff_id" in person && person.staff_id !== null) {
        throw new AppError(
          "validation_failed",
          "This person is on the staff: their name and bio come from their profile. Edit the profile instead.",
          { field: changes.name !== undefined ? "name" : "bio", staffId: person.staff_id },
        );
      }
    }
    const row = await this.taxonomy.updateTerm(TABLE[kind], id, changes);
    if (!row) throw new AppError("not_found", `There is no ${kind} ${id}.`);
    this.announce(kind, row);
    return toDto(row);
  }

  async remove(kind: VocabularyKind, id: number): Promise<void> {
    const row = await this.taxonomy.findTerm(TABLE[kind], id);
    if (!row) throw new AppError("not_found", `There is no ${kind} ${id}.`);
    if ("staff_id" in row && row.staff_id !== null) {
      throw new AppError("conflict", "This is a staff member's byline; it stays as long as they are on the staff.");
    }
    await this.taxonomy.deleteTerm(TABLE[kind], id);
    this.announce(kind, row);
  }

  /** Names appear in navigation and on article pages, so a change purges the edition's pages. */
  private announce(kind: VocabularyKind, row: { id: number; edition_code: string }): void {
    const own =
      kind === "section"
        ? surrogateKey.section(row.id)
        : kind === "tag"
          ? surrogateKey.tag(row.id)
          : surrogateKey.author(row.id);
    const keys = [own, surrogateKey.settings(row.edition_code)];
    for (const listener of this.listeners) listener(keys);
  }
}
