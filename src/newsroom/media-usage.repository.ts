import type { Kysely } from "kysely";
import type { ArticleStatus, DB } from "../platform/db/schema.js";

/** A row that may refer to the image; `json` is checked by the service, the SQL only narrows. */
export interface ArticleUseCandidate {
  id: number;
  title: string;
  edition: string;
  status: ArticleStatus;
  leadMediaId: number | null;
  json: string;
  /**
   * Where the JSON came from: the article's body, its pending revision (a snapshot holding
   * `lead_media_id` and the body as a string), or a live-blog entry's body.
   */
  source: "body" | "pending" | "entry";
}

export interface ProfileUse {
  staffId: number;
  names: (string | null)[];
}

/**
 * Where images are used: articles (lead image and body), pending revisions, live-blog entries and
 * staff profiles. Read-only; the media library asks before it deletes an image.
 */
export class MediaUsageRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async articleCandidates(mediaId: number): Promise<ArticleUseCandidate[]> {
    // Bodies are stored by JSON.stringify, so an image node reads `"mediaId":7`; "7" also finds 70,
    // which the service rules out by parsing.
    const pattern = `%"mediaId":${mediaId}%`;
    const articles = await this.db
      .selectFrom("articles")
      .select(["id", "title", "edition_code", "status", "lead_media_id", "body"])
      .where((eb) => eb.or([eb("lead_media_id", "=", mediaId), eb("body", "like", pattern)]))
      .execute();
    const pending = await this.db
      .selectFrom("article_pending as p")
      .innerJoin("articles as a", "a.id", "p.article_id")
      .select(["a.id", "a.title", "a.edition_code", "a.status", "p.snapshot"])
      // The snapshot keeps the body as a JSON string, where the quote before the colon is escaped.
      .where((eb) =>
        eb.or([
          eb("p.snapshot", "like", `%"lead_media_id":${mediaId}%`),
          eb("p.snapshot", "like", `%mediaId_":${mediaId}%`),
        ]),
      )
      .execute();
    const entries = await this.db
      .selectFrom("live_entries as e")
      .innerJoin("articles as a", "a.id", "e.article_id")
      .select(["a.id", "a.title", "a.edition_code", "a.status", "e.body"])
      .where("e.body", "like", pattern)
      .execute();
    return [
      ...articles.map((a) => ({
        id: a.id,
        title: a.title,
        edition: a.edition_code,
        status: a.status,
        leadMediaId: a.lead_media_id,
        json: a.body,
        source: "body" as const,
      })),
      ...pending.map((p) => ({
        id: p.id,
        title: p.title,
        edition: p.edition_code,
        status: p.status,
        leadMediaId: null,
        json: p.snapshot,
        source: "pending" as const,
      })),
      ...entries.map((e) => ({
        id: e.id,
        title: e.title,
        edition: e.edition_code,
        status: e.status,
        leadMediaId: null,
        json: e.body,
        source: "entry" as const,
      })),
    ];
  }

  async profiles(mediaId: number): Promise<ProfileUse[]> {
    const rows = await this.db
      .selectFrom("staff_profiles")
      .select(["staff_id", "name_en", "name_uk", "name_ru"])
      .where("photo_media_id", "=", mediaId)
      .orderBy("staff_id")
      .execute();
    return rows.map((row) => ({ staffId: row.staff_id, names: [row.name_en, row.name_uk, row.name_ru] }));
  }
}
