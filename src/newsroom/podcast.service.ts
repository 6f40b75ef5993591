import { type Static, Type } from "typebox";
import { Value } from "typebox/value";
import { AppError } from "../errors.js";
import type { ArticleRow, MediaRow, PodcastShowRow } from "../platform/db/schema.js";
import type { AudioNode, BodyDocument } from "./body.types.js";
import type { MediaRepository } from "./media.repository.js";
import type { MediaService } from "./media.service.js";
import { mediaKindOf } from "./media-files.shared.js";
import type { PodcastRepository } from "./podcast.repository.js";

/** Apple Podcasts' top-level categories (with a subcategory after a slash, e.g. "News/Politics"). */
export const PODCAST_CATEGORY = "^[A-Z][A-Za-z &,'-]{1,40}(/[A-Z][A-Za-z &,'-]{1,40})?$";

export const PodcastShowInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    author: Type.String({ minLength: 1, maxLength: 200 }),
    category: Type.String({ pattern: PODCAST_CATEGORY }),
    explicit: Type.Boolean(),
    /** An image uploaded as podcast artwork (POST …/podcast/artwork), or null for none yet. */
    artworkMediaId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PodcastShowInput = Static<typeof PodcastShowInputSchema>;

export interface PodcastShow extends PodcastShowInput {
  edition: string;
  updatedAt: string;
  /** The artwork's media row, when there is one. */
  artwork: MediaRow | null;
}

/** One episode: a published article of kind "audio" and its first audio block's clip. */
export interface PodcastEpisode {
  article: ArticleRow;
  body: BodyDocument;
  audio: AudioNode;
  media: MediaRow;
}

/** How many episodes a feed lists: directories read the whole feed, and a daily show fills this in a year. */
export const PODCAST_FEED_EPISODES = 300;

function toShow(row: PodcastShowRow, artwork: MediaRow | null): PodcastShow {
  return {
    edition: row.edition_code,
    title: row.title,
    description: row.description,
    author: row.author,
    category: row.category,
    explicit: row.explicit === 1,
    artworkMediaId: row.artwork_media_id,
    updatedAt: row.updated_at,
    artwork,
  };
}

function firstAudio(body: BodyDocument): AudioNode | undefined {
  return body.content.find((node): node is AudioNode => node.type === "audio");
}

/**
 * An edition's podcast: the show (title, artwork, category…) and its episodes, which are the
 * edition's published articles of kind "audio", each heard through its first audio block.
 */
export class PodcastService {
  constructor(
    private readonly repository: PodcastRepository,
    private readonly mediaRows: MediaRepository,
    private readonly media: MediaService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async show(edition: string): Promise<PodcastShow | undefined> {
    const row = await this.repository.show(edition);
    if (!row) return undefined;
    const artwork =
      row.artwork_media_id === null ? null : ((await this.mediaRows.findById(row.artwork_media_id)) ?? null);
    return toShow(row, artwork);
  }

  editionsWithShows(): Promise<string[]> {
    return this.repository.editionsWithShows();
  }

  async saveShow(edition: string, input: unknown): Promise<PodcastShow> {
    if (!Value.Check(PodcastShowInputSchema, input)) {
      const first = [...Value.Errors(PodcastShowInputSchema, input)][0];
      throw new AppError(
        "validation_failed",
        `The podcast show is invalid${first ? ` at ${first.instancePath || "/"}: ${first.message}` : ""}.`,
      );
    }
    let artwork: MediaRow | null = null;
    if (input.artworkMediaId !== null) {
      artwork = (await this.mediaRows.findById(input.artworkMediaId)) ?? null;
      if (!artwork || mediaKindOf(artwork.mime) !== "image" || !(await this.media.hasArtwork(artwork.file_key))) {
        throw new AppError(
          "validation_failed",
          "The artwork must be an image uploaded as podcast artwork (3000 × 3000 px).",
          { field: "artworkMediaId" },
        );
      }
    }
    const row = await this.repository.save({
      edition_code: edition,
      title: input.title.trim(),
      description: input.description.trim(),
      author: input.author.trim(),
      category: input.category,
      explicit: input.explicit ? 1 : 0,
      artwork_media_id: input.artworkMediaId,
      updated_at: this.now().toISOString(),
    });
    return toShow(row, artwork);
  }

  /** Newest first; an article whose body has no playable audio block is not an episode. */
  async episodes(edition: string, limit = PODCAST_FEED_EPISODES): Promise<PodcastEpisode[]> {
    const articles = await this.repository.publishedEpisodes(edition, limit);
    const withAudio = articles.flatMap((article) => {
      const body = JSON.parse(article.body) as BodyDocument;
      const audio = firstAudio(body);
      return audio ? [{ article, body, audio }] : [];
    });
    const rows = await this.mediaRows.findByIds([...new Set(withAudio.map((entry) => entry.audio.attrs.mediaId))]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return withAudio.flatMap((entry) => {
      const media = byId.get(entry.audio.attrs.mediaId);
      return media && mediaKindOf(media.mime) === "audio" && media.byte_size ? [{ ...entry, media }] : [];
    });
  }
}
