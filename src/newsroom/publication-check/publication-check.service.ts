import { AppError } from "../../errors.js";
import type { ArticleRow } from "../../platform/db/schema.js";
import type { DomainEventBus } from "../../platform/events/domain-events.js";
import { type ChangeAuthor, type PublishRefusal, refusalError } from "../articles.service.js";
import { parseBody } from "../body.validator.js";
import { renderBodyText } from "../body-text.renderer.js";
import type { PublicationCheckRepository } from "./publication-check.repository.js";
import { CHECK_RULES, type CheckRule, checkLanguageOf, checkStory, type Finding } from "./publication-check.rules.js";

/** What the media library knows of an image the story shows. */
export interface PictureFacts {
  mediaId: number;
  /** What its upload carried in its (stripped) EXIF; empty for a clean one. */
  had: ("location" | "time")[];
  /** The library's caption: readers see it where the story gives the image none of its own. */
  caption: string | null;
}

const keyOf = (finding: { rule: string; text: string }) => `${finding.rule}:${finding.text}`;

interface PictureAttrs {
  mediaId?: unknown;
  caption?: unknown;
  photos?: { mediaId?: unknown; caption?: unknown }[];
}

/**
 * The images a body shows and the captions it gives them: an image block's `mediaId` and
 * `caption`, and each photo of a gallery block (`photos[]`); `uncaptioned` lists the images shown
 * with the library's caption, as the body gives them none. Walked without recursion, as bodies
 * may nest deep.
 */
export function picturesIn(document: unknown): { mediaIds: number[]; captions: string[]; uncaptioned: number[] } {
  const mediaIds: number[] = [];
  const captions: string[] = [];
  const uncaptioned: number[] = [];
  const take = (item: { mediaId?: unknown; caption?: unknown } | undefined) => {
    if (typeof item?.mediaId !== "number") return;
    mediaIds.push(item.mediaId);
    if (typeof item.caption !== "string") uncaptioned.push(item.mediaId);
    else if (item.caption.trim()) captions.push(item.caption);
  };
  const stack: unknown[] = [document];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const { attrs, content } = node as { attrs?: PictureAttrs; content?: unknown[] };
    take(attrs);
    if (Array.isArray(attrs?.photos)) for (const photo of attrs.photos) take(photo);
    if (Array.isArray(content)) for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]);
  }
  return { mediaIds, captions, uncaptioned };
}

/** A live entry as the check reads it; the delay counts from when it was posted (now, for a new one). */
export interface EntryForCheck {
  headline: string | null;
  /** The body document (validated again here). */
  body: unknown;
  postedAt?: string;
}

/** One text that goes out, with the pictures it shows and the time its delay counts from. */
interface TextToCheck {
  text: string;
  captions: string[];
  mediaIds: number[];
  /** Images it shows with the library's caption. */
  uncaptioned: number[];
  eventAt: Date;
}

/** The findings acknowledgements cover: those they were given; one the story gains later is new. */
function acknowledgedKeys(acks: { rule: string; texts: string }[]): Set<string> {
  return new Set(
    acks.flatMap((ack) => (JSON.parse(ack.texts) as string[]).map((text) => keyOf({ rule: ack.rule, text }))),
  );
}

function entryText(entry: EntryForCheck, now: Date): TextToCheck {
  const document = parseBody(entry.body);
  const pictures = picturesIn(document);
  return {
    text: [entry.headline ?? "", renderBodyText(document)].join("\n"),
    captions: pictures.captions,
    mediaIds: pictures.mediaIds,
    uncaptioned: pictures.uncaptioned,
    eventAt: entry.postedAt ? new Date(entry.postedAt) : now,
  };
}

export interface PublicationCheckSettings {
  enabled: boolean;
  disabledRules: CheckRule[];
  delayMinutes: number;
}

export interface CheckStatus {
  findings: Finding[];
  unacknowledged: Finding[];
  acknowledgements: { rule: string; reason: string; by: string | null; at: string }[];
  approvals: { by: string | null; at: string }[];
  /** Flagged and not yet approved by a second editor. */
  needsApproval: boolean;
}

/** The outlet-wide switch's row: when on, editions in uk, ru and en are checked unless they opt out. */
export const OUTLET = "*";
const DEFAULT_DELAY_MINUTES = 180;
const CHECKED_BY_DEFAULT = new Set(["uk", "ru", "en"]);

/**
 * The wartime publication check (issue #20): findings before a story goes out, their dismissal
 * with a reason, and the second editor's approval a flagged story needs. Never blocks silently:
 * a refusal always lists the findings and why.
 */
export class PublicationCheckService {
  constructor(
    private readonly repository: PublicationCheckRepository,
    private readonly editionLanguage: (edition: string) => string | undefined,
    private readonly now: () => Date = () => new Date(),
    /** What the media library knows of these images (an unknown id is left out). */
    private readonly pictureFacts: (mediaIds: number[]) => Promise<PictureFacts[]> = async () => [],
    /** Where dismissals and approvals are announced (the audit log records them). */
    private readonly events?: DomainEventBus,
    /** A live blog's entries: they go out with it, so the check reads them too. */
    private readonly entriesOf: (articleId: number) => Promise<EntryForCheck[]> = async () => [],
  ) {}

  async settingsFor(edition: string): Promise<PublicationCheckSettings> {
    const own = await this.repository.findSettings(edition);
    const outlet = edition === OUTLET ? undefined : await this.repository.findSettings(OUTLET);
    const language = this.editionLanguage(edition) ?? "";
    const enabled = own ? own.enabled === 1 : outlet?.enabled === 1 && CHECKED_BY_DEFAULT.has(language);
    return {
      enabled,
      disabledRules: own ? (JSON.parse(own.disabled_rules) as CheckRule[]) : [],
      delayMinutes: own?.delay_minutes ?? outlet?.delay_minutes ?? DEFAULT_DELAY_MINUTES,
    };
  }

  async saveSettings(edition: string, settings: PublicationCheckSettings): Promise<PublicationCheckSettings> {
    const unknown = settings.disabledRules.filter((rule) => !CHECK_RULES.includes(rule));
    if (unknown.length > 0) {
      throw new AppError("validation_failed", `There is no rule "${unknown[0]}".`, { field: "disabledRules" });
    }
    await this.repository.saveSettings({
      edition_code: edition,
      enabled: settings.enabled ? 1 : 0,
      disabled_rules: JSON.stringify([...new Set(settings.disabledRules)]),
      delay_minutes: settings.delayMinutes,
      updated_at: this.now().toISOString(),
    });
    return this.settingsFor(edition);
  }

  /** What the check finds in the story as it would go out at `publishAt` (a live blog's entries included). */
  async findings(article: ArticleRow, publishAt: Date = this.now()): Promise<Finding[]> {
    const settings = await this.settingsFor(article.edition_code);
    if (!settings.enabled) return [];
    const document = parseBody(JSON.parse(article.body));
    const pictures = picturesIn(document);
    const story: TextToCheck = {
      // What search engines and social cards show goes out too.
      text: [
        article.title,
        article.dek ?? "",
        article.seo_title ?? "",
        article.seo_description ?? "",
        renderBodyText(document),
      ].join("\n"),
      captions: [...(article.lead_caption ? [article.lead_caption] : []), ...pictures.captions],
      mediaIds: [...(article.lead_media_id === null ? [] : [article.lead_media_id]), ...pictures.mediaIds],
      uncaptioned: [
        ...(article.lead_media_id !== null && article.lead_caption === null ? [article.lead_media_id] : []),
        ...pictures.uncaptioned,
      ],
      eventAt: new Date(article.event_at ?? article.created_at),
    };
    const entries = article.kind === "live" ? await this.entriesOf(article.id) : [];
    return this.check(
      article.edition_code,
      settings,
      [story, ...entries.map((entry) => entryText(entry, publishAt))],
      publishAt,
    );
  }

  /** Every rule over each text, each with its own event time; a finding two texts share is listed once. */
  private async check(
    edition: string,
    settings: PublicationCheckSettings,
    texts: TextToCheck[],
    publishAt: Date,
  ): Promise<Finding[]> {
    const images = [...new Set(texts.flatMap((text) => text.mediaIds))];
    const facts = new Map((images.length > 0 ? await this.pictureFacts(images) : []).map((f) => [f.mediaId, f]));
    const language = checkLanguageOf(this.editionLanguage(edition) ?? "en");
    const disabled = new Set(settings.disabledRules);
    const found = new Map<string, Finding>();
    for (const text of texts) {
      const shown = [...new Set(text.mediaIds)].flatMap((id) => facts.get(id) ?? []);
      const libraryCaptions = text.uncaptioned.flatMap((id) => facts.get(id)?.caption?.trim() || []);
      const findings = checkStory(
        {
          language,
          text: text.text,
          captions: [...new Set([...text.captions, ...libraryCaptions])],
          photosWithMetadata: shown.filter((photo) => photo.had.length > 0),
          eventAt: text.eventAt,
          publishAt,
          delayMinutes: settings.delayMinutes,
        },
        disabled,
      );
      for (const finding of findings) if (!found.has(keyOf(finding))) found.set(keyOf(finding), finding);
    }
    return [...found.values()];
  }

  /** What the check finds in one entry of a published live blog, about to go out now. */
  private async entryFindings(article: ArticleRow, entry: EntryForCheck): Promise<Finding[]> {
    const settings = await this.settingsFor(article.edition_code);
    if (!settings.enabled) return [];
    const now = this.now();
    return this.check(article.edition_code, settings, [entryText(entry, now)], now);
  }

  /**
   * Why an entry may not go out on a published live blog now, or null when it may: its findings
   * nobody acknowledged. A live blog moves faster than a second editor can read, so an entry asks
   * for the acknowledgement with a reason but not the second approval; the blog itself then counts
   * as flagged (its entries are part of its findings) until another editor approves it.
   */
  async entryRefusal(article: ArticleRow, entry: EntryForCheck): Promise<PublishRefusal | null> {
    if (article.status !== "published") return null;
    const findings = await this.entryFindings(article, entry);
    if (findings.length === 0) return null;
    const acknowledged = acknowledgedKeys(await this.repository.listAcks(article.id));
    const unacknowledged = findings.filter((finding) => !acknowledged.has(keyOf(finding)));
    return unacknowledged.length > 0 ? { code: "publication_check", findings: unacknowledged } : null;
  }

  async status(article: ArticleRow, publishAt: Date = this.now()): Promise<CheckStatus> {
    return this.statusOf(article, await this.findings(article, publishAt));
  }

  private async statusOf(article: ArticleRow, findings: Finding[]): Promise<CheckStatus> {
    const [acks, approvals] = await Promise.all([
      this.repository.listAcks(article.id),
      this.repository.listApprovals(article.id),
    ]);
    const acknowledged = acknowledgedKeys(acks);
    const approvedKeys = approvals.map((row) => new Set(JSON.parse(row.findings) as string[]));
    const approved = approvedKeys.some((keys) => findings.every((finding) => keys.has(keyOf(finding))));
    return {
      findings,
      unacknowledged: findings.filter((finding) => !acknowledged.has(keyOf(finding))),
      acknowledgements: acks.map((ack) => ({
        rule: ack.rule,
        reason: ack.reason,
        by: ack.actor_name,
        at: ack.created_at,
      })),
      approvals: approvals.map((row) => ({ by: row.actor_name, at: row.created_at })),
      needsApproval: findings.length > 0 && !approved,
    };
  }

  /** Who dismissed findings of the story: they may not also be its second approver. */
  async acknowledgers(articleId: number): Promise<{ staffId: number | null; tokenId: number | null }[]> {
    return (await this.repository.listAcks(articleId)).map((ack) => ({ staffId: ack.staff_id, tokenId: ack.token_id }));
  }

  /**
   * Why the story may not go out at `publishAt`, or null when it may: findings nobody acknowledged
   * (publication_check, those findings), or a flagged story that waits for a second editor
   * (second_approval_required, every finding). The scheduler asks this at a story's time.
   */
  async refusal(article: ArticleRow, publishAt: Date = this.now()): Promise<PublishRefusal | null> {
    // Every edit of a published story asks: with nothing found, acknowledgements are not read.
    const findings = await this.findings(article, publishAt);
    if (findings.length === 0) return null;
    const status = await this.statusOf(article, findings);
    if (status.unacknowledged.length > 0) return { code: "publication_check", findings: status.unacknowledged };
    if (status.needsApproval) return { code: "second_approval_required", findings: status.findings };
    return null;
  }

  /**
   * Refuses to let a story out while it has findings nobody acknowledged (409 publication_check,
   * with every finding and why), or while a flagged story waits for a second editor (409
   * second_approval_required).
   */
  async assertMayPublish(article: ArticleRow, publishAt: Date = this.now()): Promise<void> {
    const refusal = await this.refusal(article, publishAt);
    if (refusal) throw refusalError(refusal);
  }

  /**
   * Dismisses the story's findings under `rules` with a reason. With `entry`, the findings of that
   * entry, about to be posted on the live blog, are dismissed too.
   */
  async acknowledge(
    article: ArticleRow,
    rules: string[],
    reason: string,
    by: ChangeAuthor,
    entry?: EntryForCheck,
  ): Promise<CheckStatus> {
    const text = reason.trim();
    if (!text) throw new AppError("validation_failed", "Say why the finding is a false alarm.", { field: "reason" });
    const unknown = rules.filter((rule) => !(CHECK_RULES as readonly string[]).includes(rule));
    if (unknown.length > 0)
      throw new AppError("validation_failed", `There is no rule "${unknown[0]}".`, { field: "rules" });
    const at = this.now().toISOString();
    const findings = [...(await this.findings(article)), ...(entry ? await this.entryFindings(article, entry) : [])];
    await this.repository.insertAcks(
      [...new Set(rules)].map((rule) => ({
        article_id: article.id,
        rule,
        reason: text,
        texts: JSON.stringify([
          ...new Set(findings.filter((finding) => finding.rule === rule).map((finding) => finding.text)),
        ]),
        staff_id: by.staffId,
        token_id: by.tokenId,
        actor_name: by.name,
        created_at: at,
      })),
    );
    await this.events?.publish("publication-check.acknowledged", {
      articleId: article.id,
      edition: article.edition_code,
      title: article.title,
      rules: [...new Set(rules)],
      reason: text,
      by: { staffId: by.staffId, tokenId: by.tokenId, name: by.name },
    });
    return this.status(article);
  }

  async approve(article: ArticleRow, by: ChangeAuthor): Promise<CheckStatus> {
    const before = await this.status(article);
    if (before.findings.length === 0) {
      throw new AppError(
        "invalid_state",
        "The publication check found nothing in this story: there is nothing to approve.",
      );
    }
    await this.repository.insertApproval({
      article_id: article.id,
      findings: JSON.stringify(before.findings.map(keyOf)),
      staff_id: by.staffId,
      token_id: by.tokenId,
      actor_name: by.name,
      created_at: this.now().toISOString(),
    });
    await this.events?.publish("publication-check.approved", {
      articleId: article.id,
      edition: article.edition_code,
      title: article.title,
      findings: before.findings.map(keyOf),
      by: { staffId: by.staffId, tokenId: by.tokenId, name: by.name },
    });
    return this.status(article);
  }
}
