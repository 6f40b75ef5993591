import type { PersonRow, SectionRow, TagRow } from "../platform/db/schema.js";
import type { TaxonomyRepository } from "./taxonomy.repository.js";

/** Reads of sections, tags and people for other capabilities, which never touch the repository. */
export class TaxonomyService {
  constructor(private readonly taxonomy: TaxonomyRepository) {}

  listSections(edition: string): Promise<SectionRow[]> {
    return this.taxonomy.listSections(edition);
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
}
