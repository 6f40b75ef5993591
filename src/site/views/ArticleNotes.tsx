import type { Edition } from "../../newsroom/editions.service.js";
import type { ArticleNote } from "../../newsroom/live-coverage.service.js";
import { formatDateline } from "../../platform/i18n/dates.js";
import { translate } from "../../platform/i18n/messages.js";

/** Corrections and update notes, shown above the body so a returning reader sees what changed. */
export function ArticleNotes({ notes, edition, now }: { notes: ArticleNote[]; edition: Edition; now: Date }) {
  if (notes.length === 0) return null;
  const t = (key: Parameters<typeof translate>[1]) => translate(edition.language, key);
  return (
    <aside class="article-notes" aria-labelledby="article-notes-title">
      <h2 id="article-notes-title" class="visually-hidden">
        {t("notes.heading")}
      </h2>
      {notes.map((note) => (
        <div class={`article-note article-note--${note.kind}`} id={`note-${note.id}`}>
          <p>
            <strong class="article-note__label">
              {t(note.kind === "correction" ? "notes.correction" : "notes.update")}
            </strong>{" "}
            <time datetime={note.createdAt}>
              {formatDateline(note.createdAt, edition.locale, edition.timeZone, now)}
            </time>
          </p>
          <p class="article-note__text">{note.text}</p>
        </div>
      ))}
    </aside>
  );
}
