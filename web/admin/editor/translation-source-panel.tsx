/** While translating: the original story beside the editor, to read from (never edited here). */
import { api } from "../api.js";
import { useMedia } from "../media-cache.js";
import { editionName, useSession } from "../session.js";
import type { Article } from "../types.js";
import { ErrorMessage, Loading, useAsync } from "../ui.js";

interface TextNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: TextNode[];
}

const TEXT_BLOCKS = new Set(["paragraph", "heading"]);

/** The text of one block's inline content. */
function inlineText(node: TextNode): string {
  return (node.content ?? []).map((child) => (child.type === "hardBreak" ? "\n" : (child.text ?? ""))).join("");
}

/**
 * The body as paragraphs of plain text, in reading order: one per paragraph, heading and list
 * row; an image gives its caption. The server limits the body's depth, so walking it is safe.
 */
export function sourceParagraphs(body: unknown): string[] {
  const out: string[] = [];
  const walk = (node: TextNode) => {
    if (node.type && TEXT_BLOCKS.has(node.type)) {
      const text = inlineText(node).trim();
      if (text) out.push(text);
      return;
    }
    if (node.type === "image" && typeof node.attrs?.caption === "string" && node.attrs.caption.trim()) {
      out.push(`[Image] ${node.attrs.caption.trim()}`);
    }
    if (node.type === "takeaways" && typeof node.attrs?.title === "string" && node.attrs.title.trim()) {
      out.push(node.attrs.title.trim());
    }
    if (
      (node.type === "factbox" || node.type === "related") &&
      typeof node.attrs?.title === "string" &&
      node.attrs.title.trim()
    ) {
      out.push(node.attrs.title.trim());
    }
    if (node.type === "timeline") {
      if (typeof node.attrs?.title === "string" && node.attrs.title.trim()) out.push(node.attrs.title.trim());
      const entries = Array.isArray(node.attrs?.entries)
        ? (node.attrs.entries as { date?: unknown; text?: unknown }[])
        : [];
      for (const entry of entries) {
        if (typeof entry.text === "string" && entry.text.trim()) {
          out.push(
            typeof entry.date === "string" && entry.date ? `${entry.date}: ${entry.text.trim()}` : entry.text.trim(),
          );
        }
      }
    }
    if (node.type === "socialPost" && typeof node.attrs?.text === "string" && node.attrs.text.trim()) {
      out.push(node.attrs.text.trim());
    }
    for (const child of node.content ?? []) walk(child);
  };
  if (body && typeof body === "object") walk(body as TextNode);
  return out;
}

function SourceText({ label, text, lang }: { label: string; text: string | null | undefined; lang?: string }) {
  if (!text?.trim()) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd lang={lang}>{text}</dd>
    </>
  );
}

export function TranslationSourcePanel({ sourceId, open }: { sourceId: number; open: boolean }) {
  const { editions } = useSession();
  const source = useAsync(() => api.get<Article>(`/articles/${sourceId}`), [sourceId]);
  const data = source.data;
  const lang = editions.find((e) => e.code === data?.edition)?.language;
  // The article's own image texts, else the library's (what readers of the original see).
  const { media } = useMedia(data?.leadImage?.mediaId);
  const image = data?.leadImage;
  return (
    <details class="panel translation-source" open={open}>
      <summary>
        <h2 class="translation-source__heading">Original{data ? ` (${editionName(editions, data.edition)})` : ""}</h2>
      </summary>
      <ErrorMessage error={source.error} />
      {source.loading && !data && <Loading what="the original" />}
      {data && (
        <div class="translation-source__content">
          <p class="field__hint">
            What you translate from. <a href={`/admin/articles/${data.id}`}>Open the original</a>
          </p>
          <dl class="translation-source__fields">
            <SourceText label="Headline" text={data.title} lang={lang} />
            <SourceText label="Dek" text={data.dek} lang={lang} />
          </dl>
          <h3 class="translation-source__subheading">Body</h3>
          <div class="translation-source__body" lang={lang}>
            {sourceParagraphs(data.body).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
          {image && (
            <dl class="translation-source__fields">
              <SourceText label="Lead image caption" text={image.caption ?? media?.caption} lang={lang} />
              <SourceText label="Lead image credit" text={image.credit ?? media?.credit} lang={lang} />
              <SourceText label="Lead image alternative text" text={image.alt ?? media?.alt} lang={lang} />
            </dl>
          )}
        </div>
      )}
    </details>
  );
}
