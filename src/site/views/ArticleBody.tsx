import type { ComponentChildren, VNode } from "preact";
import type {
  AudioNode,
  BlockNode,
  BodyDocument,
  DocumentNode,
  EmbedNode,
  ImageNode,
  InlineNode,
  ListItemNode,
  Mark,
  RelatedNode,
  SocialPostNode,
} from "../../newsroom/body.types.js";
import { BODY_MAX_LIST_NESTING } from "../../newsroom/body-limits.js";
import {
  documentThumbnailUrlOf,
  fileUrlOf,
  formatBytes,
  formatDuration,
  mediaKindOf,
  transcriptParagraphs,
} from "../../newsroom/media-files.shared.js";
import { isSafeHref } from "../../newsroom/safe-url.shared.js";
import { timelineDateLabel } from "../../newsroom/timeline.shared.js";
import type { MediaRow } from "../../platform/db/schema.js";
import { translate } from "../../platform/i18n/messages.js";
import { Gallery, galleryPhotos, PhotoCaption } from "./Gallery.js";
import { MapEmbedCard } from "./MapCard.js";
import { Picture } from "./Picture.js";
import { SocialPostCard } from "./SocialPostCard.js";
import { VideoFacade } from "./VideoFacade.js";

interface BodyProps {
  body: BodyDocument;
  media: Map<number, MediaRow>;
  language: string;
  /** Inserted after the third top-level paragraph (or at the end of a shorter body). */
  videoSlot?: VNode | null;
  /** Shown just before the first takeaways block, or after the body when there is none. */
  sourceAttribution?: VNode | null;
  /** The edition's base path, for links to its map pages. */
  basePath?: string;
  /** Other renderings of photos and embeds (the lite pages: links instead of pictures and players). */
  swap?: BlockSwap;
  /** Draws a related-stories block (its cards are read per page); without it the block is left out. */
  related?: RelatedSlot;
}

export type RelatedSlot = (node: RelatedNode, index: number) => VNode | null;

/** Renders a photo (with its media row) or an embed in place of the web page's picture and player. */
export interface BlockSwap {
  image(node: ImageNode, row: MediaRow): VNode;
  embed(node: EmbedNode): VNode;
  socialPost?(node: SocialPostNode): VNode;
  /** A clip or PDF; without it they render as on the web page. */
  file?(node: AudioNode | DocumentNode, row: MediaRow): VNode;
}

const VIDEO_AFTER_PARAGRAPH = 3;

function applyMark(mark: Mark, child: ComponentChildren): ComponentChildren {
  switch (mark.type) {
    case "bold":
      return <strong>{child}</strong>;
    case "italic":
      return <em>{child}</em>;
    case "note":
      // The desk's margin comments are for the newsroom: readers get the text and nothing of the note.
      return child;
    case "link": {
      // Bodies are validated on write; this check keeps old or imported rows safe as well.
      if (!isSafeHref(mark.attrs.href)) return child;
      const external = /^https?:/.test(mark.attrs.href);
      return (
        <a href={mark.attrs.href} {...(external ? { rel: "noopener noreferrer" } : {})}>
          {child}
        </a>
      );
    }
  }
}

function Inline({ content }: { content: InlineNode[] | undefined }) {
  if (!content) return null;
  return (
    <>
      {content.map((node) => {
        if (node.type === "hardBreak") return <br />;
        // Marks nest outermost-first: link around bold around text reads best in HTML.
        const marks = [...(node.marks ?? [])].sort((a, b) => (a.type === "link" ? -1 : b.type === "link" ? 1 : 0));
        return marks.reduceRight<ComponentChildren>((child, mark) => applyMark(mark, child), node.text);
      })}
    </>
  );
}

/**
 * `level` counts the lists around these items. Bodies are validated on write, but a row stored
 * before the depth limit could nest lists hundreds deep and overflow the stack: past the limit
 * the nested lists are left out.
 */
function ListItems({ items, level, swap }: { items: ListItemNode[]; level: number; swap?: BlockSwap | undefined }) {
  return (
    <>
      {items.map((item) => (
        <li>
          {item.content.map((child) =>
            child.type === "paragraph" ? (
              <Inline content={child.content} />
            ) : level < BODY_MAX_LIST_NESTING ? (
              <Block node={child} media={new Map()} level={level} swap={swap} />
            ) : null,
          )}
        </li>
      ))}
    </>
  );
}

function Block({
  node,
  media,
  index = 0,
  basePath = "/",
  language = "en",
  level = 0,
  swap,
  related,
}: {
  node: BlockNode;
  media: Map<number, MediaRow>;
  index?: number;
  basePath?: string;
  language?: string;
  /** Lists around this block. */
  level?: number;
  swap?: BlockSwap | undefined;
  related?: RelatedSlot | undefined;
}): VNode | null {
  switch (node.type) {
    case "paragraph":
      return node.content && node.content.length > 0 ? (
        <p>
          <Inline content={node.content} />
        </p>
      ) : null;
    case "heading": {
      const Tag = `h${node.attrs.level}` as "h2" | "h3" | "h4";
      return (
        <Tag>
          <Inline content={node.content} />
        </Tag>
      );
    }
    case "blockquote":
      return (
        <figure class="pullquote">
          <blockquote>
            {node.content.map((p) => (
              <p>
                <Inline content={p.content} />
              </p>
            ))}
          </blockquote>
          {node.attrs?.citation ? <figcaption>— {node.attrs.citation}</figcaption> : null}
        </figure>
      );
    case "bulletList":
      return (
        <ul>
          <ListItems items={node.content} level={level + 1} swap={swap} />
        </ul>
      );
    case "orderedList":
      return (
        <ol start={node.attrs?.start && node.attrs.start !== 1 ? node.attrs.start : undefined}>
          <ListItems items={node.content} level={level + 1} swap={swap} />
        </ol>
      );
    case "horizontalRule":
      return <hr />;
    case "image": {
      const row = media.get(node.attrs.mediaId);
      // A clip or PDF where a photo belongs (a hand-made or imported body) has no picture to show.
      if (!row || mediaKindOf(row.mime) !== "image") return null;
      if (swap) return swap.image(node, row);
      const caption = node.attrs.caption ?? row.caption;
      const credit = node.attrs.credit ?? row.credit;
      return (
        <figure class="body-image">
          <Picture image={row} alt={node.attrs.alt ?? row.alt} sizes="(min-width: 760px) 680px, 100vw" />
          <PhotoCaption caption={caption} credit={credit} />
        </figure>
      );
    }
    case "related":
      return related ? related(node, index) : null;
    case "gallery":
      // The lite pages show each photo as their image blocks: a link that loads it on request.
      if (swap) {
        return (
          <>
            {galleryPhotos(node, media).map(({ row, caption, credit, alt }) =>
              swap.image({ type: "image", attrs: { mediaId: row.id, caption, credit, alt } }, row),
            )}
          </>
        );
      }
      return <Gallery node={node} media={media} language={language} />;
    case "embed":
      if (swap) return swap.embed(node);
      if (node.attrs.provider === "map") {
        return (
          <MapEmbedCard slug={node.attrs.videoId} title={node.attrs.title} basePath={basePath} language={language} />
        );
      }
      return (
        <figure class="body-embed">
          <VideoFacade provider={node.attrs.provider} videoId={node.attrs.videoId} title={node.attrs.title} />
        </figure>
      );
    case "socialPost":
      return swap?.socialPost ? (
        swap.socialPost(node)
      ) : (
        <SocialPostCard node={node} media={media} language={language} />
      );
    case "takeaways": {
      const id = `takeaways-${index}`;
      return (
        <section class="takeaways" data-block="takeaways" aria-labelledby={id}>
          <h2 id={id}>{node.attrs.title}</h2>
          <ul>
            {node.attrs.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </section>
      );
    }
    case "audio": {
      const row = media.get(node.attrs.mediaId);
      if (!row || mediaKindOf(row.mime) !== "audio") return null;
      if (swap?.file) return swap.file(node, row);
      const transcript = transcriptParagraphs(node.attrs.transcript);
      return (
        <figure class="body-audio" data-block="audio">
          <figcaption>
            {node.attrs.title}
            {row.duration_ms ? (
              <span class="body-audio__length">
                {" "}
                · {translate(language, "audio.duration", { duration: formatDuration(row.duration_ms) })}
              </span>
            ) : null}
          </figcaption>
          {/* preload="none": not a byte of the clip loads until the reader presses play. */}
          {/* biome-ignore lint/a11y/useMediaCaption: the transcript beside the player is the clip's text (no timed captions) */}
          <audio controls preload="none" src={fileUrlOf(row)} />
          {transcript.length > 0 ? (
            <details class="body-audio__transcript">
              <summary>{translate(language, "audio.transcript")}</summary>
              {transcript.map((paragraph) => (
                <p>{paragraph}</p>
              ))}
            </details>
          ) : null}
        </figure>
      );
    }
    case "document": {
      const row = media.get(node.attrs.mediaId);
      if (!row || mediaKindOf(row.mime) !== "document") return null;
      if (swap?.file) return swap.file(node, row);
      const thumbnail = documentThumbnailUrlOf(row);
      const facts = [
        row.page_count ? translate(language, "document.pages", { count: String(row.page_count) }) : null,
        row.byte_size ? formatBytes(row.byte_size) : null,
      ].filter((fact) => fact !== null);
      return (
        <a class="document-card" data-block="document" href={fileUrlOf(row)} download>
          {thumbnail ? (
            <img src={thumbnail} alt="" width={row.width} height={row.height} loading="lazy" decoding="async" />
          ) : null}
          <span class="document-card__text">
            <span class="document-card__title">{node.attrs.title}</span>
            <span class="document-card__facts">{["PDF", ...facts].join(" · ")}</span>
            <span class="document-card__action">{translate(language, "document.download")}</span>
          </span>
        </a>
      );
    }
    case "factbox": {
      const id = `factbox-${index}`;
      return (
        <aside class="factbox" data-block="factbox" aria-labelledby={id}>
          <h2 id={id}>{node.attrs.title}</h2>
          {node.content.map((child) => (
            <Block node={child} media={media} basePath={basePath} language={language} level={level} swap={swap} />
          ))}
        </aside>
      );
    }
    case "timeline": {
      const id = `timeline-${index}`;
      return (
        <section class="timeline" data-block="timeline" aria-labelledby={id}>
          <h2 id={id}>{node.attrs.title}</h2>
          <ol>
            {node.attrs.entries.map((entry) => (
              <li>
                {entry.date ? <time datetime={entry.date}>{timelineDateLabel(entry.date, language)}</time> : null}
                <p>{entry.text}</p>
              </li>
            ))}
          </ol>
        </section>
      );
    }
  }
}

/** The web renderer of an article body. Every node type is known; nothing is passed through as HTML. */
export function ArticleBody({
  body,
  media,
  videoSlot,
  sourceAttribution,
  basePath = "/",
  language,
  swap,
  related,
}: BodyProps) {
  const out: (VNode | null)[] = [];
  let paragraphs = 0;
  let videoPlaced = !videoSlot;
  let sourcePlaced = !sourceAttribution;
  body.content.forEach((node, index) => {
    if (node.type === "takeaways" && !sourcePlaced) {
      out.push(sourceAttribution ?? null);
      sourcePlaced = true;
    }
    out.push(
      <Block
        node={node}
        media={media}
        index={index}
        basePath={basePath}
        language={language}
        swap={swap}
        related={related}
      />,
    );
    if (node.type === "paragraph") paragraphs++;
    if (!videoPlaced && paragraphs === VIDEO_AFTER_PARAGRAPH) {
      out.push(videoSlot ?? null);
      videoPlaced = true;
    }
  });
  if (!sourcePlaced) out.push(sourceAttribution ?? null);
  if (!videoPlaced) out.push(videoSlot ?? null);
  return <div class="article-body">{out}</div>;
}
