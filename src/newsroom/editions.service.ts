import type { EditionRow } from "../platform/db/schema.js";
import type { EditionsRepository } from "./editions.repository.js";

export interface Edition {
  code: string;
  name: string;
  /** BCP 47 locale used for dates and `lang`, e.g. "uk-UA". */
  locale: string;
  /** Language of the reader-facing strings: the locale's primary subtag. */
  language: string;
  timeZone: string;
  /** "/" for the root edition, "/ru/" for the others. */
  basePath: string;
}

function toEdition(row: EditionRow): Edition {
  return {
    code: row.code,
    name: row.name,
    locale: row.locale,
    language: row.locale.split("-")[0] ?? row.locale,
    timeZone: row.time_zone,
    basePath: row.base_path,
  };
}

/** Editions are few and read on every request, so they are held in memory and reloaded on change. */
export class EditionsService {
  private editions: Edition[] = [];

  constructor(private readonly repository: EditionsRepository) {}

  async load(): Promise<void> {
    this.editions = (await this.repository.listAll()).map(toEdition);
  }

  list(): readonly Edition[] {
    return this.editions;
  }

  byCode(code: string): Edition | undefined {
    return this.editions.find((e) => e.code === code);
  }

  /** The edition served at "/": the one whose base path is the root. */
  root(): Edition | undefined {
    return this.editions.find((e) => e.basePath === "/");
  }

  /** The edition whose base path is "/<segment>/". */
  bySegment(segment: string): Edition | undefined {
    return this.editions.find((e) => e.basePath === `/${segment}/`);
  }

  async create(row: EditionRow): Promise<Edition> {
    await this.repository.insert(row);
    await this.load();
    return toEdition(row);
  }
}
