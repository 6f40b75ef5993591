import { AppError } from "../errors.js";
import { isUniqueViolation } from "../platform/db/database.js";
import type { MediaRow, PersonRow, StaffProfileRow } from "../platform/db/schema.js";
import type { Edition } from "./editions.service.js";
import type { MediaRepository } from "./media.repository.js";
import type { ProfilesRepository } from "./profiles.repository.js";
import { slugify } from "./slug.js";
import { surrogateKey } from "./surrogate-keys.js";
import type { TaxonomyRepository } from "./taxonomy.repository.js";

export const PROFILE_LANGUAGES = ["uk", "ru", "en"] as const;
export type ProfileLanguage = (typeof PROFILE_LANGUAGES)[number];
export type PerLanguage = Record<ProfileLanguage, string | null>;

export interface ProfileLink {
  label: string;
  url: string;
}

/** A staff member's byline in one edition. */
export interface ProfileByline {
  edition: string;
  personId: number;
  slug: string;
  name: string;
}

export interface ProfileDto {
  staffId: number;
  names: PerLanguage;
  bios: PerLanguage;
  photoMediaId: number | null;
  links: ProfileLink[];
  bylines: ProfileByline[];
  updatedAt: string;
}

export interface ProfileChanges {
  names?: Partial<PerLanguage>;
  bios?: Partial<PerLanguage>;
  photoMediaId?: number | null;
  links?: ProfileLink[];
}

/** What an author page shows of a staff member, in the edition's language. */
export interface AuthorProfile {
  name: string;
  bio: string | null;
  photo: MediaRow | null;
  links: ProfileLink[];
}

/** Who the staff members are; the staff capability answers (StaffService). */
export interface StaffDirectory {
  nameOf(staffId: number): Promise<string | undefined>;
  ids(): Promise<number[]>;
}

export const PROFILE_LIMITS = { name: 200, bio: 2000, links: 10, label: 40, url: 500 };

/**
 * Which language stands in when the profile has no name in the edition's: the closest that
 * readers of the edition can read (Ukrainian and Russian for each other, then English).
 */
const FALLBACK: Record<string, readonly ProfileLanguage[]> = {
  uk: ["uk", "ru", "en"],
  ru: ["ru", "uk", "en"],
  en: ["en", "uk", "ru"],
};

function namesOf(row: StaffProfileRow): PerLanguage {
  return { uk: row.name_uk, ru: row.name_ru, en: row.name_en };
}

function biosOf(row: StaffProfileRow): PerLanguage {
  return { uk: row.bio_uk, ru: row.bio_ru, en: row.bio_en };
}

function linksOf(row: StaffProfileRow): ProfileLink[] {
  const parsed: unknown = JSON.parse(row.links);
  return Array.isArray(parsed) ? (parsed as ProfileLink[]) : [];
}

/** The profile's name for readers of `language`, falling back to a related language. */
export function displayName(names: PerLanguage, language: string): string {
  for (const candidate of FALLBACK[language] ?? FALLBACK.en!) {
    const name = names[candidate];
    if (name) return name;
  }
  return "";
}

/** The bio in the edition's own language only: a bio in another language would read as a mistake. */
export function bioFor(bios: PerLanguage, language: string): string | null {
  return (PROFILE_LANGUAGES as readonly string[]).includes(language) ? bios[language as ProfileLanguage] : null;
}

function cleanText(value: string | null | undefined, field: string, max: number): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) {
    throw new AppError("validation_failed", `Keep it to ${max} characters (it has ${text.length}).`, { field });
  }
  return text || null;
}

function cleanLinks(links: readonly ProfileLink[]): ProfileLink[] {
  if (links.length > PROFILE_LIMITS.links) {
    throw new AppError("validation_failed", `A profile has at most ${PROFILE_LIMITS.links} links.`, {
      field: "links",
    });
  }
  return links.map((link, i) => {
    const label = link.label.trim();
    if (!label || label.length > PROFILE_LIMITS.label) {
      throw new AppError(
        "validation_failed",
        `Give each link a label of 1–${PROFILE_LIMITS.label} characters, e.g. "Website" or "Telegram".`,
        { field: `links[${i}].label` },
      );
    }
    const raw = link.url.trim();
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || raw.length > PROFILE_LIMITS.url) {
      throw new AppError("validation_failed", `"${raw}" is not a web address; use one starting with https://.`, {
        field: `links[${i}].url`,
      });
    }
    return { label, url: url.href };
  });
}

/**
 * Staff profiles: a staff member is one person with one profile (a name and bio per language, a
 * photo, links) and a byline in every edition. The bylines are ordinary `people` rows marked
 * with the member's id, so articles, feeds and author URLs treat staff and freelancers alike;
 * their name and bio follow the profile, and their slug never changes once made.
 */
export class ProfilesService {
  private readonly listeners: ((keys: string[]) => void)[] = [];

  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly taxonomy: TaxonomyRepository,
    private readonly media: MediaRepository,
    private readonly editions: () => readonly Edition[],
    private readonly staff: StaffDirectory,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: (keys: string[]) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Makes the member's profile (named as their account, in every language) and their byline in
   * every edition, whichever are missing. Idempotent: called when a member joins, at boot (for
   * editions added since) and before their byline is needed.
   */
  async ensure(staffId: number): Promise<ProfileDto> {
    let row = await this.profiles.find(staffId);
    if (!row) {
      const name = (await this.staff.nameOf(staffId))?.trim();
      if (!name) throw new AppError("not_found", `There is no staff member ${staffId}.`);
      const now = this.now().toISOString();
      row = await this.profiles.insertIfMissing({
        staff_id: staffId,
        name_uk: name,
        name_ru: name,
        name_en: name,
        bio_uk: null,
        bio_ru: null,
        bio_en: null,
        photo_media_id: null,
        links: "[]",
        created_at: now,
        updated_at: now,
      });
    }
    for (const edition of this.editions()) await this.ensureByline(row, edition);
    return this.toDto(row);
  }

  /** Every member's profile and bylines (at boot). */
  async ensureAll(): Promise<void> {
    for (const id of await this.staff.ids()) await this.ensure(id);
  }

  async get(staffId: number): Promise<ProfileDto> {
    return this.ensure(staffId);
  }

  async list(): Promise<ProfileDto[]> {
    return Promise.all((await this.profiles.list()).map((row) => this.toDto(row)));
  }

  /** The member's byline (people id) in the edition, made if missing. */
  async bylineFor(staffId: number, edition: string): Promise<number> {
    const existing = await this.taxonomy.findStaffPerson(edition, staffId);
    if (existing) return existing.id;
    await this.ensure(staffId);
    const made = await this.taxonomy.findStaffPerson(edition, staffId);
    if (!made) throw new AppError("validation_failed", `There is no "${edition}" edition.`, { field: "edition" });
    return made.id;
  }

  /** Changes the profile; every edition's byline follows, and the pages showing them are purged. */
  async update(staffId: number, changes: ProfileChanges): Promise<ProfileDto> {
    const before = await this.profiles.find(staffId);
    if (!before) await this.ensure(staffId);
    const current = before ?? (await this.profiles.find(staffId))!;
    const names = { ...namesOf(current) };
    const bios = { ...biosOf(current) };
    for (const language of PROFILE_LANGUAGES) {
      const name = changes.names?.[language];
      if (name !== undefined) names[language] = cleanText(name, `names.${language}`, PROFILE_LIMITS.name);
      const bio = changes.bios?.[language];
      if (bio !== undefined) bios[language] = cleanText(bio, `bios.${language}`, PROFILE_LIMITS.bio);
    }
    if (!PROFILE_LANGUAGES.some((language) => names[language])) {
      throw new AppError("validation_failed", "Give the name in at least one language.", { field: "names" });
    }
    if (changes.photoMediaId !== undefined && changes.photoMediaId !== null) {
      if (!(await this.media.findById(changes.photoMediaId))) {
        throw new AppError("validation_failed", `Image ${changes.photoMediaId} is not in the media library.`, {
          field: "photoMediaId",
        });
      }
    }
    const links = changes.links === undefined ? undefined : cleanLinks(changes.links);
    const row = await this.profiles.update(staffId, {
      name_uk: names.uk,
      name_ru: names.ru,
      name_en: names.en,
      bio_uk: bios.uk,
      bio_ru: bios.ru,
      bio_en: bios.en,
      ...(changes.photoMediaId !== undefined ? { photo_media_id: changes.photoMediaId } : {}),
      ...(links ? { links: JSON.stringify(links) } : {}),
      updated_at: this.now().toISOString(),
    });
    if (!row) throw new AppError("not_found", `There is no staff member ${staffId}.`);
    const keys: string[] = [];
    for (const person of await this.taxonomy.peopleOfStaff(staffId)) {
      const edition = this.editions().find((e) => e.code === person.edition_code);
      if (!edition) continue;
      await this.taxonomy.setBylineText(person.id, {
        name: displayName(names, edition.language),
        bio: bioFor(bios, edition.language),
      });
      // The author page shows the whole profile; the name is on every page with the byline.
      keys.push(surrogateKey.author(person.id), surrogateKey.settings(edition.code));
    }
    this.announce(keys);
    return this.toDto(row);
  }

  /** The author page's profile of a person, when the person is a staff member. */
  async authorProfile(person: PersonRow, edition: Edition): Promise<AuthorProfile | undefined> {
    if (person.staff_id === null) return undefined;
    const row = await this.profiles.find(person.staff_id);
    if (!row) return undefined;
    const photo = row.photo_media_id === null ? undefined : await this.media.findById(row.photo_media_id);
    return {
      name: displayName(namesOf(row), edition.language) || person.name,
      bio: bioFor(biosOf(row), edition.language),
      photo: photo ?? null,
      links: linksOf(row),
    };
  }

  private async ensureByline(row: StaffProfileRow, edition: Edition): Promise<void> {
    if (await this.taxonomy.findStaffPerson(edition.code, row.staff_id)) return;
    const names = namesOf(row);
    const name = displayName(names, edition.language);
    const base = slugify(name, edition.language);
    for (let n = 1; ; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      if (await this.taxonomy.findPerson(edition.code, slug)) continue;
      try {
        await this.taxonomy.insertPerson({
          edition_code: edition.code,
          slug,
          name,
          role: null,
          bio: bioFor(biosOf(row), edition.language),
          staff_id: row.staff_id,
        });
        return;
      } catch (error) {
        // Another process made the byline, or took the slug, meanwhile.
        if (!(error instanceof AppError) && !isUniqueViolation(error)) throw error;
        if (await this.taxonomy.findStaffPerson(edition.code, row.staff_id)) return;
      }
    }
  }

  private async toDto(row: StaffProfileRow): Promise<ProfileDto> {
    const people = await this.taxonomy.peopleOfStaff(row.staff_id);
    return {
      staffId: row.staff_id,
      names: namesOf(row),
      bios: biosOf(row),
      photoMediaId: row.photo_media_id,
      links: linksOf(row),
      bylines: people.map((p) => ({ edition: p.edition_code, personId: p.id, slug: p.slug, name: p.name })),
      updatedAt: row.updated_at,
    };
  }

  private announce(keys: string[]): void {
    if (keys.length === 0) return;
    const unique = [...new Set(keys)];
    for (const listener of this.listeners) listener(unique);
  }
}
