/** The article editor: fields, body, autosave with optimistic concurrency, and the publishing workflow. */
import type { Editor, JSONContent } from "@tiptap/core";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "preact/hooks";
import { canReadAnalytics } from "../../../src/analytics/analytics.policy.js";
import { zonedInputValue } from "../../../src/newsroom/time-zones.shared.js";
import {
  isUntranslatedField,
  UNTRANSLATED_LABELS,
  type UntranslatedField,
} from "../../../src/newsroom/translation-todo.shared.js";
import { type ApiError, api, query } from "../api.js";
import { articleStatsHref } from "../audience.js";
import { fromApiBody, toApiBody, wordCount } from "../body-mapping.js";
import { BodyEditor, type NoteRange } from "../editor/BodyEditor.js";
import { EditorialNotesPanel } from "../editor/EditorialNotesPanel.js";
import { SlugField, urlBaseOf } from "../editor/slug-field.js";
import { TranslationSourcePanel } from "../editor/translation-source-panel.js";
import { type SaveState, useAutosave } from "../editor/use-autosave.js";
import { findMedia, previewUrl, useMedia } from "../media-cache.js";
import { canArticle } from "../permissions.js";
import { MediaPicker } from "../pickers.js";
import { imagesOf, missingAltText, publishFindings } from "../publish-checks.js";
import { describeLine, groupRevisions } from "../revision-history.js";
import { editionName, useSession } from "../session.js";
import { localTimeZone, timeZoneOptions } from "../time.js";
import {
  type Article,
  type ArticleStatus,
  type LeadImage,
  type Media,
  type PendingRevision,
  type RevisionContent,
  type RevisionDiff,
  type RevisionList,
  STATUS_LABELS,
  type Term,
  type VersionFields,
} from "../types.js";
import {
  Checkbox,
  Dialog,
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  SelectField,
  StatusBadge,
  StatusMessage,
  SubmitButton,
  TextArea,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";
import { type ArticleStatusInfo, describeMove, useStatusWatch } from "../use-status-watch.js";
import { ArticlePlacesPanel } from "./article-places.js";
import { TelegramPanel } from "./article-telegram.js";
import { ArticleTiming } from "./article-timing.js";
import { TranslationsPanel } from "./article-translations.js";
import { LivePanel, NotesPanel } from "./live-coverage.js";
import { type CheckRefusal, checkRefusalOf, PublicationCheckDialog } from "./publication-check-panel.js";
import { SendPushButton } from "./push.js";

interface Fields {
  title: string;
  slug: string;
  dek: string;
  section: number | null;
  tags: number[];
  authors: number[];
  leadImage: LeadImage | null;
  sourceAttribution: string;
  seoTitle: string;
  seoDescription: string;
  breaking: boolean;
  featured: boolean;
  videoOfTheDay: boolean;
}

interface Meta {
  status: ArticleStatus;
  url: string;
  publishedAt: string | null;
  updatedAt: string;
  warnings: string[];
}

function fieldsOf(article: VersionFields): Fields {
  return {
    title: article.title,
    slug: article.slug,
    dek: article.dek ?? "",
    section: article.section,
    tags: article.tags,
    authors: article.authors,
    leadImage: article.leadImage,
    sourceAttribution: article.sourceAttribution ?? "",
    seoTitle: article.seoTitle ?? "",
    seoDescription: article.seoDescription ?? "",
    breaking: article.breaking,
    featured: article.featured,
    videoOfTheDay: article.videoOfTheDay,
  };
}

function metaOf(article: Article): Meta {
  return {
    status: article.status,
    url: article.url,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    warnings: article.warnings ?? [],
  };
}

const nullable = (value: string) => (value.trim() === "" ? null : value.trim());

/**
 * The PATCH body for the fields and the editor's document. `pending` (always sent for a published
 * or scheduled story) keeps the live page as it is until "Update". The slug goes only when the
 * editor edited it (`withSlug`): a slug sent is a slug set by hand, which stops it following the
 * headline.
 */
export function articlePatch(fields: Fields, body: JSONContent, version: number, pending = false, withSlug = false) {
  const title = fields.title.trim();
  return {
    version,
    ...(pending ? { pending: true } : {}),
    ...(title ? { title } : {}),
    ...(withSlug ? { slug: fields.slug } : {}),
    dek: nullable(fields.dek),
    body: toApiBody(body),
    section: fields.section,
    tags: fields.tags,
    authors: fields.authors,
    leadImage: fields.leadImage
      ? {
          mediaId: fields.leadImage.mediaId,
          caption: nullable(fields.leadImage.caption ?? ""),
          credit: nullable(fields.leadImage.credit ?? ""),
          alt: nullable(fields.leadImage.alt ?? ""),
        }
      : null,
    sourceAttribution: nullable(fields.sourceAttribution),
    seoTitle: nullable(fields.seoTitle),
    seoDescription: nullable(fields.seoDescription),
    breaking: fields.breaking,
    featured: fields.featured,
    videoOfTheDay: fields.videoOfTheDay,
  };
}

/** The marker beside a field of a translation that is still the original's text. */
const UNTRANSLATED_HINT = "Not translated yet: still the original's text.";

const untranslatedClass = (list: readonly UntranslatedField[], field: UntranslatedField) =>
  list.includes(field) ? "field--untranslated" : "";

const untranslatedHint = (list: readonly UntranslatedField[], field: UntranslatedField) =>
  list.includes(field) ? UNTRANSLATED_HINT : undefined;

/** Where the site reads the article row: edits to these wait as a pending revision. */
const isLive = (status: ArticleStatus) => status === "published" || status === "scheduled";

export function ArticleEditorScreen({ id }: { id: number }) {
  const loaded = useAsync(() => api.get<Article>(`/articles/${id}`), [id]);
  // After a restore the form opens with the changes against the live version on show.
  const [restored, setRestored] = useState(false);
  if (loaded.error) {
    return (
      <>
        <PageHeader title="Article" />
        <ErrorMessage error={loaded.error} />
      </>
    );
  }
  if (!loaded.data) return <Loading what="the article" />;
  // A reload (after a conflict) starts a fresh form from the server's version.
  return (
    <ArticleForm
      key={`${loaded.data.id}:${loaded.data.version}`}
      article={loaded.data}
      reload={() => {
        setRestored(false);
        loaded.reload();
      }}
      restored={restored}
      onRestored={() => {
        setRestored(true);
        loaded.reload();
      }}
    />
  );
}

function ArticleForm({
  article,
  reload,
  restored,
  onRestored,
}: {
  article: Article;
  reload: () => void;
  /** Opened right after a restore: show what the restored version changes. */
  restored: boolean;
  onRestored: () => void;
}) {
  const { staff, editions } = useSession();
  const edition = editions.find((e) => e.code === article.edition);
  // With a pending revision, the editor works on it; the article's own fields are what is live.
  const initial: VersionFields = article.pending ?? article;
  const [fields, setFields] = useState<Fields>(() => fieldsOf(initial));
  const [meta, setMeta] = useState<Meta>(() => metaOf(article));
  const [words, setWords] = useState(() => wordCount(fromApiBody(initial.body)));
  const [pending, setPending] = useState<PendingRevision | null>(article.pending);
  const [liveVersion, setLiveVersion] = useState(article.liveVersion);
  const [headVersion, setHeadVersion] = useState(article.version);
  const [reviewing, setReviewing] = useState<RevisionDiff | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [publishCheck, setPublishCheck] = useState<string[] | null>(null);
  const [safetyCheck, setSafetyCheck] = useState<CheckRefusal | null>(null);
  /** What the publication check stopped: publishing, or making a live story's edits live. */
  const [checkedStep, setCheckedStep] = useState<"publish" | "update">("publish");
  const [altCheck, setAltCheck] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<{ text: string; url?: string } | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [slugFollows, setSlugFollows] = useState(article.slugFollowsTitle);
  // Fields of a translation still in the original's language; a field leaves as soon as it is edited.
  const [untranslated, setUntranslated] = useState<UntranslatedField[]>(() =>
    article.untranslated.filter(isUntranslatedField),
  );
  const action = useAction();
  const bodyLabel = useId();

  const initialBody = useMemo(() => fromApiBody(initial.body), [initial.body]);
  const body = useRef<JSONContent>(initialBody);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const version = useRef(article.version);
  const pendingRef = useRef(article.pending);
  const statusRef = useRef(article.status);
  /** The slug was typed since the last save: it is sent, and the server's is not taken over it. */
  const slugEdited = useRef(false);

  const editable = canArticle(staff.role, "edit", { own: true, status: meta.status });
  const may = (act: "submit" | "publish" | "schedule" | "unpublish" | "update" | "discard" | "return") =>
    canArticle(staff.role, act, { own: true, status: meta.status });
  const [moved, setMoved] = useState<ArticleStatusInfo | null>(null);
  const [returning, setReturning] = useState(false);
  const [returnMessage, setReturnMessage] = useState("");
  const [returnNote, setReturnNote] = useState(article.returnNote ?? null);
  /** The body's editor, for the notes panel, and the words chosen with "Add note". */
  const [bodyEditor, setBodyEditor] = useState<Editor | null>(null);
  const [pendingNote, setPendingNote] = useState<NoteRange | null>(null);

  // Someone else moved the story on: show its new state, so the buttons are the ones it has now,
  // and stop saving into a version this tab no longer has (Reload picks up the new one).
  useStatusWatch(article.id, { version: headVersion, status: meta.status }, (info) => {
    autosave.stop();
    statusRef.current = info.status;
    setMeta((current) => ({ ...current, status: info.status }));
    setReturnNote(info.returnNote);
    setMoved(info);
  });

  const translated = (...done: UntranslatedField[]) =>
    setUntranslated((current) => current.filter((field) => !done.includes(field)));

  const update = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    const before = fieldsRef.current;
    setFields((current) => ({ ...current, [key]: value }));
    fieldsRef.current = { ...fieldsRef.current, [key]: value };
    if (key === "slug") slugEdited.current = true;
    if (key === "title" || key === "dek" || (key === "section" && value !== null)) translated(key as UntranslatedField);
    if (key === "leadImage") {
      const next = value as LeadImage | null;
      const done: UntranslatedField[] = [];
      if (next?.caption !== before.leadImage?.caption) done.push("leadCaption");
      if (next?.credit !== before.leadImage?.credit) done.push("leadCredit");
      if (next?.alt !== before.leadImage?.alt) done.push("leadAlt");
      translated(...done);
    }
    changed();
  };

  const applyArticle = (next: Article) => {
    setReturnNote(next.returnNote ?? null);
    version.current = next.version;
    pendingRef.current = next.pending;
    statusRef.current = next.status;
    setHeadVersion(next.version);
    setPending(next.pending);
    setLiveVersion(next.liveVersion);
    setMeta(metaOf(next));
    setSlugFollows(next.slugFollowsTitle);
    // A marker the server still has stays unless this tab has cleared it since.
    setUntranslated((current) => current.filter((field) => next.untranslated.includes(field)));
    // The slug may have followed a new headline; what the editor is typing wins.
    if (!slugEdited.current) {
      const slug = (next.pending ?? next).slug;
      fieldsRef.current = { ...fieldsRef.current, slug };
      setFields((current) => ({ ...current, slug }));
    }
  };

  const autosave = useAutosave(async () => {
    const sentSlug = slugEdited.current ? fieldsRef.current.slug : null;
    const next = await api.patch<Article>(
      `/articles/${article.id}`,
      articlePatch(
        fieldsRef.current,
        body.current,
        version.current,
        isLive(statusRef.current) || pendingRef.current !== null,
        sentSlug !== null,
      ),
    );
    if (sentSlug !== null && fieldsRef.current.slug === sentSlug) slugEdited.current = false;
    applyArticle(next);
  });
  const { changed, save, state: saveState, error: saveError, conflict, savedAt } = autosave;

  // The editor may adjust a loaded document (a trailing paragraph after a block); only a change
  // to what would be saved counts as an edit, so opening an article never saves a new version.
  const lastBody = useRef(JSON.stringify(toApiBody(initialBody)));
  const onBodyChange = useCallback(
    (json: JSONContent) => {
      body.current = json;
      setWords(wordCount(json));
      const next = JSON.stringify(toApiBody(json));
      if (next === lastBody.current) return;
      lastBody.current = next;
      setUntranslated((current) => current.filter((field) => field !== "body"));
      changed();
    },
    [changed],
  );

  /** Saves pending changes first, then runs a workflow step. */
  const workflow = async (step: "submit" | "publish" | "unpublish", done: string) => {
    setNotice(null);
    if (!(await save())) return;
    await action.run(async () => {
      if (step === "publish") {
        const result = await api
          .post<{ url: string; article: Article }>(`/articles/${article.id}/publish`)
          .catch((error: unknown) => {
            // The publication check's refusals open its panel instead of an error line.
            const refusal = checkRefusalOf(error);
            if (!refusal) throw error;
            setCheckedStep("publish");
            setSafetyCheck(refusal);
            return null;
          });
        if (!result) return;
        setSafetyCheck(null);
        applyArticle(result.article);
        setNotice({ text: done, url: result.url });
      } else {
        applyArticle(await api.post<Article>(`/articles/${article.id}/${step}`));
        setNotice({ text: done });
      }
    });
  };

  /** Publish, after asking when something is missing or another tab saved in between. */
  const startPublish = async () => {
    setNotice(null);
    if (!(await save())) return;
    const server = await action.run(() => api.get<Article>(`/articles/${article.id}`));
    if (!server) return;
    const images = imagesOf(fieldsRef.current.leadImage, body.current as Parameters<typeof imagesOf>[1]);
    const missing = missingAltText(
      await Promise.all(
        images.map(async (image) => ({
          ...image,
          // The library's text is only asked for when the story gives none.
          libraryAlt: image.alt?.trim() ? null : (await findMedia(image.mediaId))?.alt,
        })),
      ),
    );
    if (missing.length > 0) {
      setAltCheck(missing);
      return;
    }
    const findings = publishFindings({
      leadImage: fieldsRef.current.leadImage,
      section: fieldsRef.current.section,
      tabVersion: version.current,
      serverVersion: server.version,
      untranslated: server.untranslated.filter(isUntranslatedField),
    });
    if (findings.length > 0) setPublishCheck(findings);
    else await workflow("publish", "Published.");
  };

  /** "Update": saves what is typed, then shows what changes on the live page before making it live. */
  const startUpdate = async () => {
    setNotice(null);
    if (!(await save())) return;
    const current = pendingRef.current;
    if (!current) return;
    const diff = await action.run(() =>
      api.get<RevisionDiff>(
        `/articles/${article.id}/revisions/diff${query({ from: liveVersion, to: current.version })}`,
      ),
    );
    if (diff) setReviewing(diff);
  };

  const confirmUpdate = async () => {
    const next = await action.run(() =>
      api.post<Article>(`/articles/${article.id}/update`, { version: version.current }).catch((error: unknown) => {
        // An edit of a live story faces the publication check too: its panel, not an error line.
        const refusal = checkRefusalOf(error);
        if (!refusal) throw error;
        setReviewing(null);
        setCheckedStep("update");
        setSafetyCheck(refusal);
        return null;
      }),
    );
    if (!next) return;
    setSafetyCheck(null);
    applyArticle(next);
    setReviewing(null);
    setNotice({
      text: next.status === "published" ? "Updated: the live page shows these changes." : "Updated.",
      ...(next.status === "published" ? { url: next.url } : {}),
    });
  };

  const confirmDiscard = async () => {
    const next = await action.run(() =>
      api.delete<Article>(`/articles/${article.id}/pending${query({ version: version.current })}`),
    );
    if (!next) return;
    setDiscarding(false);
    // The form starts again from the live version.
    autosave.forget();
    reload();
  };

  const schedule = async (at: string, timeZone: string) => {
    setNotice(null);
    if (!(await save())) return false;
    const next = await action.run(() => api.post<Article>(`/articles/${article.id}/schedule`, { at, timeZone }));
    if (!next) return false;
    applyArticle(next);
    setNotice({
      text: `Scheduled for ${formatDateTime(next.publishedAt, edition?.timeZone ?? timeZone)}.`,
    });
    return true;
  };

  const status = meta.status;
  const savedText = pending
    ? `Changes saved at ${formatDateTime(savedAt ?? pending.savedAt)}, not yet live.`
    : `All changes saved at ${formatDateTime(savedAt)}.`;
  const saveText: Record<SaveState, string> = {
    saved: savedAt || pending ? savedText : "No changes yet.",
    dirty: "Unsaved changes — saving shortly.",
    saving: "Saving…",
    error: "Not saved.",
    conflict: "Not saved: someone else saved a newer version.",
  };

  return (
    <>
      <PageHeader title={fields.title.trim() || "Untitled article"}>
        <StatusBadge status={status} />
        <a class="button" href={`/admin/api/articles/${article.id}/preview`} target="_blank" rel="noopener">
          Preview
        </a>
        {status === "published" && (
          <a class="button" href={meta.url} target="_blank" rel="noopener">
            View on the site
          </a>
        )}
        {canReadAnalytics(staff, "view") && (
          <a class="button" href={articleStatsHref(article.id)}>
            Audience
          </a>
        )}
      </PageHeader>
      {conflict && (
        <div class="message message--error" role="alert">
          <p>
            <strong>Someone else saved this article</strong> after you opened it
            {conflictVersion(conflict)}. Your latest changes here are not saved. Reload to get their version (copy
            anything you want to keep first).
          </p>
          <button type="button" class="button button--primary" onClick={reload}>
            Reload the article
          </button>
        </div>
      )}
      {moved && (
        <div class="message message--warning" role="alert">
          <p>
            <strong>{describeMove(moved)}</strong> It is now {STATUS_LABELS[moved.status].toLowerCase()}; this tab shows
            only what you can still do with it, and your edits here are no longer saved. Reload to continue.
          </p>
          <button type="button" class="button button--primary" onClick={reload}>
            Reload the article
          </button>
        </div>
      )}
      {returnNote && status === "draft" && (
        <div class="message return-note" role="status">
          <p>
            <strong>Returned to you{returnNote.by ? ` by ${returnNote.by}` : ""}</strong> (
            {formatDateTime(returnNote.at)}
            ):
          </p>
          <blockquote class="return-note__message">{returnNote.message}</blockquote>
        </div>
      )}
      {notice && (
        <StatusMessage>
          <p>
            {notice.text}{" "}
            {notice.url && (
              <a href={notice.url} target="_blank" rel="noopener">
                Open the public page
              </a>
            )}
          </p>
        </StatusMessage>
      )}
      {pending && (
        <div class="message message--warning pending-changes" role="status">
          <p>
            <strong>Unpublished changes — the live page is unchanged.</strong>{" "}
            {pending.restoredFrom !== null ? `Version ${pending.restoredFrom} restored` : "Last saved"}
            {pending.savedBy ? ` by ${pending.savedBy}` : ""} at {formatDateTime(pending.savedAt)}.
          </p>
          <div class="form__actions">
            {may("update") && (
              <button
                type="button"
                class="button button--primary"
                disabled={action.busy || saveState === "conflict"}
                onClick={() => void startUpdate()}
              >
                Update
              </button>
            )}
            {may("discard") && (
              <button
                type="button"
                class="button"
                disabled={action.busy || saveState === "conflict"}
                onClick={() => setDiscarding(true)}
              >
                Discard changes
              </button>
            )}
          </div>
          <PendingChanges
            articleId={article.id}
            liveVersion={liveVersion}
            pendingVersion={pending.version}
            open={restored}
          />
        </div>
      )}
      <ErrorMessage error={action.error} />
      {meta.warnings.length > 0 && (
        <div class="message message--warning" role="status">
          <ul>
            {meta.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {untranslated.length > 0 && (
        <div class="message message--warning untranslated-summary" role="status">
          <p>
            <strong>Translation in progress.</strong> Still in the original's language:{" "}
            {untranslated.map((field) => UNTRANSLATED_LABELS[field].toLowerCase()).join(", ")}. Each marker goes away
            when you edit its field.
          </p>
        </div>
      )}
      <div class="editor-layout">
        <div class={`editor-main${article.translatedFrom != null ? " editor-main--translating" : ""}`}>
          <div class="editor-main__text">
            <fieldset class="plain" disabled={!editable}>
              <legend class="visually-hidden">Text</legend>
              <TextField
                class={`field--headline ${untranslatedClass(untranslated, "title")}`}
                label="Headline"
                lang={edition?.language}
                required
                maxLength={300}
                value={fields.title}
                onValue={(v) => update("title", v)}
                hint={untranslatedHint(untranslated, "title")}
              />
              <SlugField
                slug={fields.slug}
                urlBase={urlBaseOf(meta.url)}
                followsTitle={slugFollows && !slugEdited.current}
                live={isLive(status) || meta.publishedAt !== null}
                onSlug={(v) => update("slug", v)}
              />
              <TextArea
                class={untranslatedClass(untranslated, "dek")}
                label="Dek (standfirst)"
                lang={edition?.language}
                rows={2}
                maxLength={600}
                value={fields.dek}
                onValue={(v) => update("dek", v)}
                hint={untranslatedHint(untranslated, "dek")}
              />
            </fieldset>
            <div class={`field ${untranslatedClass(untranslated, "body")}`}>
              <span class="label" id={bodyLabel}>
                Body
              </span>
              {untranslated.includes("body") && <p class="field__hint untranslated-marker">{UNTRANSLATED_HINT}</p>}
              <BodyEditor
                initial={initialBody}
                labelledBy={bodyLabel}
                editable={editable}
                lang={edition?.language}
                onChange={onBodyChange}
                onAddNote={editable ? setPendingNote : undefined}
                onEditor={setBodyEditor}
              />
              <p class="field__hint" aria-live="off">
                {words} {words === 1 ? "word" : "words"}
              </p>
            </div>
          </div>
          {article.translatedFrom != null && (
            <TranslationSourcePanel sourceId={article.translatedFrom} open={untranslated.length > 0} />
          )}
        </div>
        <section class="panel editor-publish" aria-labelledby="publish-heading">
          <h2 id="publish-heading">Publishing</h2>
          <p>
            {editionName(editions, article.edition)} edition · <StatusBadge status={status} />
          </p>
          {status === "scheduled" && <p>Goes out {formatDateTime(meta.publishedAt, edition?.timeZone)}.</p>}
          {status === "published" && <p>Published {formatDateTime(meta.publishedAt, edition?.timeZone)}.</p>}
          <p class="save-state" role="status">
            {saveText[saveState]}
          </p>
          <ErrorMessage error={saveError} />
          <div class="stack">
            {editable && (
              <button
                type="button"
                class="button"
                disabled={saveState === "saving" || saveState === "conflict"}
                onClick={() => void autosave.retry()}
              >
                Save now
              </button>
            )}
            {status === "draft" && may("submit") && (
              <button
                type="button"
                class="button"
                disabled={action.busy || moved !== null}
                onClick={() => void workflow("submit", "Submitted for review. An editor will look at it.")}
              >
                Submit for review
              </button>
            )}
            {status === "in_review" && may("return") && (
              <button
                type="button"
                class="button"
                disabled={action.busy || moved !== null}
                onClick={() => setReturning(true)}
              >
                Return to author…
              </button>
            )}
            {status !== "published" && may("publish") && (
              <button
                type="button"
                class="button button--primary"
                disabled={action.busy || moved !== null}
                onClick={() => void startPublish()}
              >
                {status === "scheduled" ? "Publish now" : "Publish"}
              </button>
            )}
            {status !== "published" && may("schedule") && (
              <button
                type="button"
                class="button"
                disabled={action.busy || moved !== null}
                onClick={() => setScheduling(true)}
              >
                {status === "scheduled" ? "Reschedule…" : "Schedule…"}
              </button>
            )}
            {(status === "published" || status === "scheduled") && may("unpublish") && (
              <button
                type="button"
                class="button button--danger"
                disabled={action.busy || moved !== null}
                onClick={() => void workflow("unpublish", "Unpublished: the article is no longer on the site.")}
              >
                Unpublish
              </button>
            )}
            {status === "published" && <SendPushButton articleId={article.id} />}
          </div>
          {may("publish") && (
            <ArticleTiming
              article={article}
              timeZone={edition?.timeZone ?? localTimeZone() ?? "UTC"}
              version={() => version.current}
              beforeSave={save}
              onSaved={applyArticle}
            />
          )}
        </section>
        {editable && (
          <EditorialNotesPanel
            articleId={article.id}
            editor={bodyEditor}
            pending={pendingNote}
            onPendingDone={() => setPendingNote(null)}
          />
        )}
        <Revisions
          articleId={article.id}
          headVersion={headVersion}
          pendingVersion={pending?.version ?? null}
          mayRestore={canArticle(staff.role, "restore", { own: true, status: meta.status })}
          beforeRestore={save}
          onRestored={onRestored}
        />
        {article.kind === "live" && <LivePanel article={article} />}
        <ArticlePlacesPanel articleId={article.id} mayEdit={editable} version={version.current} />
        {status === "published" && <NotesPanel articleId={article.id} />}
        <TranslationsPanel article={article} />
        <TelegramPanel articleId={article.id} />
        <aside class="editor-details" aria-label="Article details">
          <fieldset class="plain" disabled={!editable}>
            <legend class="visually-hidden">Details</legend>
            <ArticleDetails edition={article.edition} fields={fields} update={update} untranslated={untranslated} />
          </fieldset>
        </aside>
      </div>
      <Dialog open={returning} title="Return to the author" onClose={() => setReturning(false)}>
        <form
          class="form"
          onSubmit={async (event) => {
            event.preventDefault();
            await save();
            const next = await action.run(() =>
              api.post<Article>(`/articles/${article.id}/return`, {
                message: returnMessage.trim(),
                version: version.current,
              }),
            );
            if (next) {
              applyArticle(next);
              setReturning(false);
              setReturnMessage("");
              setNotice({ text: "Returned to the author as a draft. They have been sent your message." });
            }
          }}
        >
          <p>The story goes back to draft, and the author gets your message by mail and on the story.</p>
          <ErrorMessage error={action.error} />
          <TextArea
            label="Message to the author"
            required
            rows={5}
            value={returnMessage}
            onValue={setReturnMessage}
            hint="Say what needs to change before it can be published."
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary" disabled={action.busy || !returnMessage.trim()}>
              Return to author
            </button>
            <button type="button" class="button" onClick={() => setReturning(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Dialog>
      <ScheduleDialog
        open={scheduling}
        defaultZone={edition?.timeZone ?? localTimeZone() ?? "UTC"}
        onClose={() => setScheduling(false)}
        onSchedule={async (at, zone) => {
          if (await schedule(at, zone)) setScheduling(false);
        }}
        error={action.error}
        busy={action.busy}
      />
      <Dialog open={reviewing !== null} title="Update the live article?" wide onClose={() => setReviewing(null)}>
        <p>These changes go live on the site at once. The correction and update notes stay as they are.</p>
        {reviewing && <DiffView diff={reviewing} />}
        <ErrorMessage error={action.error} />
        <div class="form__actions">
          <button
            type="button"
            class="button button--primary"
            disabled={action.busy}
            onClick={() => void confirmUpdate()}
          >
            Update the live article
          </button>
          <button type="button" class="button" onClick={() => setReviewing(null)}>
            Keep editing
          </button>
        </div>
      </Dialog>
      <Dialog open={discarding} title="Discard the unpublished changes?" onClose={() => setDiscarding(false)}>
        <p>The live article stays as it is. The discarded changes remain in the history and can be restored.</p>
        <ErrorMessage error={action.error} />
        <div class="form__actions">
          <button
            type="button"
            class="button button--danger"
            disabled={action.busy}
            onClick={() => void confirmDiscard()}
          >
            Discard the changes
          </button>
          <button type="button" class="button" onClick={() => setDiscarding(false)}>
            Keep them
          </button>
        </div>
      </Dialog>
      <Dialog open={altCheck !== null} title="Describe the images first" onClose={() => setAltCheck(null)}>
        <p>
          Readers who cannot see an image are told only its alternative text. Add it in the image's{" "}
          <em>Alternative text</em> field (or in the media library), then publish.
        </p>
        <ul>
          {altCheck?.map((finding) => (
            <li key={finding}>{finding}</li>
          ))}
        </ul>
        <div class="form__actions">
          <button type="button" class="button button--primary" onClick={() => setAltCheck(null)}>
            Go back
          </button>
        </div>
      </Dialog>
      <PublicationCheckDialog
        key={safetyCheck ? `${safetyCheck.code}:${safetyCheck.findings.length}` : "none"}
        articleId={article.id}
        refusal={safetyCheck}
        onClose={() => setSafetyCheck(null)}
        step={checkedStep}
        onPublish={() => void (checkedStep === "update" ? confirmUpdate() : workflow("publish", "Published."))}
      />
      <Dialog open={publishCheck !== null} title="Publish anyway?" onClose={() => setPublishCheck(null)}>
        <ul>
          {publishCheck?.map((finding) => (
            <li key={finding}>{finding}</li>
          ))}
        </ul>
        <div class="form__actions">
          <button
            type="button"
            class="button button--primary"
            disabled={action.busy}
            onClick={() => {
              setPublishCheck(null);
              void workflow("publish", "Published.");
            }}
          >
            Publish anyway
          </button>
          <button type="button" class="button" onClick={() => setPublishCheck(null)}>
            Go back
          </button>
        </div>
      </Dialog>
    </>
  );
}

const DIFF_FIELDS = [
  ["title", "Headline"],
  ["dek", "Dek"],
  ["body", "Body"],
] as const;

/** Word-level changes of headline, dek and body: removed words struck through, added ones marked. */
function DiffView({ diff, headingLevel = 3 }: { diff: RevisionDiff; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div class="diff">
      {!diff.changed && <p>The headline, dek and body text are the same in both versions.</p>}
      {DIFF_FIELDS.map(([key, label]) => {
        const parts = diff[key];
        const changed = parts.some((part) => part.added || part.removed);
        return (
          <section key={key} class="diff__field">
            <Heading>
              {label}
              {changed ? "" : " (unchanged)"}
            </Heading>
            {changed && (
              <p class="diff__text">
                {parts.map((part, index) =>
                  part.added ? (
                    <ins key={index}>{part.value}</ins>
                  ) : part.removed ? (
                    <del key={index}>{part.value}</del>
                  ) : (
                    <span key={index}>{part.value}</span>
                  ),
                )}
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** What the pending revision changes against the live version, loaded when opened. */
function PendingChanges({
  articleId,
  liveVersion,
  pendingVersion,
  open,
}: {
  articleId: number;
  liveVersion: number;
  pendingVersion: number;
  open: boolean;
}) {
  const [shown, setShown] = useState(open);
  const diff = useAsync(
    () =>
      shown
        ? api.get<RevisionDiff>(
            `/articles/${articleId}/revisions/diff${query({ from: liveVersion, to: pendingVersion })}`,
          )
        : Promise.resolve(null),
    [articleId, liveVersion, pendingVersion, shown],
  );
  return (
    <details
      class="pending-changes__diff"
      open={open}
      onToggle={(event) => setShown((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>What changes against the live version</summary>
      <ErrorMessage error={diff.error} />
      {diff.data && <DiffView diff={diff.data} headingLevel={2} />}
    </details>
  );
}

/**
 * Every saved version, newest first, in sessions of one person's work with runs of autosaves
 * folded. Any version can be viewed, two compared, and an old one restored: on a published or
 * scheduled article the restore becomes the pending revision, never the live page by itself.
 */
function Revisions({
  articleId,
  headVersion,
  pendingVersion,
  mayRestore,
  beforeRestore,
  onRestored,
}: {
  articleId: number;
  /** Changes on every save, so the list reloads with the new version. */
  headVersion: number;
  pendingVersion: number | null;
  mayRestore: boolean;
  /** Saves what is typed first, so a restore never drops it. */
  beforeRestore: () => Promise<boolean>;
  onRestored: () => void;
}) {
  const revisions = useAsync(
    () => api.get<RevisionList>(`/articles/${articleId}/revisions`),
    [articleId, headVersion, pendingVersion],
  );
  const action = useAction();
  const [viewing, setViewing] = useState<RevisionContent | null>(null);
  const [comparing, setComparing] = useState<number[]>([]);
  const [diff, setDiff] = useState<RevisionDiff | null>(null);
  const sessions = useMemo(
    () => (revisions.data ? groupRevisions(revisions.data.items, revisions.data.pendingVersion) : []),
    [revisions.data],
  );
  const toggleCompare = (version: number, on: boolean) =>
    setComparing((current) =>
      on ? [...current.filter((v) => v !== version), version].slice(-2) : current.filter((v) => v !== version),
    );
  const compare = async () => {
    const [a, b] = [...comparing].sort((x, y) => x - y);
    if (a === undefined || b === undefined) return;
    const result = await action.run(() =>
      api.get<RevisionDiff>(`/articles/${articleId}/revisions/diff${query({ from: a, to: b })}`),
    );
    if (result) setDiff(result);
  };
  return (
    <section class="panel editor-revisions" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">History</h2>
      <ErrorMessage error={revisions.error ?? action.error} />
      {revisions.data && revisions.data.items.length === 0 && <p>No saved versions yet.</p>}
      {comparing.length === 2 && (
        <button type="button" class="button button--small" disabled={action.busy} onClick={() => void compare()}>
          Compare versions {[...comparing].sort((x, y) => x - y).join(" and ")}
        </button>
      )}
      <ol class="history">
        {sessions.map((session) => (
          <li key={`${session.latest}:${session.lines[0]?.revisions[0]?.version}`} class="history__session">
            <p class="history__who">
              {session.staffName ?? "Someone"} · {formatDateTime(session.latest)}
            </p>
            <ul class="revisions">
              {session.lines.map((line) => {
                const revision = line.revisions[0];
                if (!revision) return null;
                const oldest = line.revisions.at(-1);
                const isPending = revision.version === pendingVersion;
                return (
                  <li key={revision.version}>
                    <span>
                      Version {revision.version}
                      {oldest && oldest !== revision ? `–${oldest.version}` : ""} · {describeLine(line)}
                      {revision.pending && !isPending ? " (unpublished)" : ""}
                      {revision.live && <span class="badge badge--published"> Live</span>}
                      {isPending && <span class="badge badge--scheduled"> Pending</span>}
                    </span>
                    <span class="history__actions">
                      <button
                        type="button"
                        class="button button--small button--quiet"
                        disabled={action.busy}
                        onClick={async () => {
                          const content = await action.run(() =>
                            api.get<RevisionContent>(`/articles/${articleId}/revisions/${revision.version}`),
                          );
                          if (content) setViewing(content);
                        }}
                      >
                        View<span class="visually-hidden"> version {revision.version}</span>
                      </button>
                      <label class="history__compare">
                        <input
                          type="checkbox"
                          checked={comparing.includes(revision.version)}
                          onChange={(event) => toggleCompare(revision.version, event.currentTarget.checked)}
                        />
                        Compare<span class="visually-hidden"> version {revision.version}</span>
                      </label>
                      {mayRestore && !revision.live && !isPending && (
                        <button
                          type="button"
                          class="button button--small"
                          disabled={action.busy}
                          onClick={async () => {
                            if (!(await beforeRestore())) return;
                            const done = await action.run(() =>
                              api.post(`/articles/${articleId}/revisions/${revision.version}/restore`),
                            );
                            if (done) onRestored();
                          }}
                        >
                          Restore<span class="visually-hidden"> version {revision.version}</span>
                        </button>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
      <Dialog
        open={viewing !== null}
        title={viewing ? `Version ${viewing.version}` : "Version"}
        wide
        onClose={() => setViewing(null)}
      >
        {viewing && (
          <article class="version-view">
            <p class="muted">
              {viewing.live
                ? "The live version."
                : viewing.isPending
                  ? "The unpublished changes."
                  : "An earlier version."}
            </p>
            <h3>{viewing.title}</h3>
            {viewing.dek && <p class="version-view__dek">{viewing.dek}</p>}
            <div class="version-view__body">{viewing.bodyText}</div>
          </article>
        )}
      </Dialog>
      <Dialog
        open={diff !== null}
        title={diff ? `Version ${diff.from} → version ${diff.to}` : "Compare"}
        wide
        onClose={() => setDiff(null)}
      >
        {diff && <DiffView diff={diff} />}
      </Dialog>
    </section>
  );
}

function conflictVersion(error: ApiError): string {
  const details = (error.details ?? {}) as { currentVersion?: number; currentUpdatedAt?: string };
  if (!details.currentVersion) return "";
  return ` (version ${details.currentVersion}, saved ${formatDateTime(details.currentUpdatedAt)})`;
}

function ArticleDetails({
  edition,
  fields,
  update,
  untranslated,
}: {
  edition: string;
  fields: Fields;
  update: <K extends keyof Fields>(key: K, value: Fields[K]) => void;
  untranslated: readonly UntranslatedField[];
}) {
  const sections = useAsync(() => api.get<{ items: Term[] }>(`/sections${query({ edition })}`), [edition]);
  const tags = useAsync(() => api.get<{ items: Term[] }>(`/tags${query({ edition })}`), [edition]);
  const people = useAsync(() => api.get<{ items: Term[] }>(`/people${query({ edition })}`), [edition]);
  // Staff bylines are in the people list; the signed-in member's own is offered as "Add me".
  const { staff } = useSession();
  const myByline = people.data?.items.find((person) => person.staffId === staff.id)?.id ?? null;
  return (
    <>
      <section class="panel" aria-labelledby="place-heading">
        <h2 id="place-heading">Section, tags and authors</h2>
        <ErrorMessage error={sections.error ?? tags.error ?? people.error} />
        <SelectField
          class={untranslatedClass(untranslated, "section")}
          hint={
            untranslated.includes("section")
              ? "Not chosen yet: this edition has no section like the original's."
              : undefined
          }
          label="Section"
          value={fields.section === null ? "" : String(fields.section)}
          onValue={(v) => update("section", v ? Number(v) : null)}
          options={[
            { value: "", label: "No section" },
            ...(sections.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name })),
          ]}
        />
        <TermPicker
          label="Tags"
          noun="tag"
          terms={tags.data?.items ?? []}
          selected={fields.tags}
          onChange={(ids) => update("tags", ids)}
        />
        <TermPicker
          label="Authors"
          noun="author"
          terms={people.data?.items ?? []}
          selected={fields.authors}
          onChange={(ids) => update("authors", ids)}
          self={myByline}
        />
      </section>
      <LeadImageField value={fields.leadImage} onChange={(v) => update("leadImage", v)} untranslated={untranslated} />
      <section class="panel" aria-labelledby="source-heading">
        <h2 id="source-heading">Source and search</h2>
        <TextArea
          label="Source attribution"
          hint="Who the story is based on, e.g. a think tank's daily assessment."
          rows={2}
          maxLength={600}
          value={fields.sourceAttribution}
          onValue={(v) => update("sourceAttribution", v)}
        />
        <TextField
          label="SEO title"
          hint={`${fields.seoTitle.length}/120 — the headline when empty.`}
          maxLength={120}
          value={fields.seoTitle}
          onValue={(v) => update("seoTitle", v)}
        />
        <TextArea
          label="SEO description"
          hint={`${fields.seoDescription.length}/320 — the dek when empty.`}
          rows={3}
          maxLength={320}
          value={fields.seoDescription}
          onValue={(v) => update("seoDescription", v)}
        />
        <Checkbox label="Breaking news" checked={fields.breaking} onChecked={(v) => update("breaking", v)} />
        <Checkbox
          label="Featured on the home page"
          checked={fields.featured}
          onChecked={(v) => update("featured", v)}
        />
        <Checkbox
          label="Show the video of the day (left out anyway when the story has its own video)"
          checked={fields.videoOfTheDay}
          onChecked={(v) => update("videoOfTheDay", v)}
        />
      </section>
    </>
  );
}

/** Chosen terms as removable chips, and a field with suggestions to add one by name. */
function TermPicker({
  label,
  noun,
  terms,
  selected,
  onChange,
  self = null,
}: {
  label: string;
  noun: string;
  terms: Term[];
  selected: number[];
  onChange: (ids: number[]) => void;
  /** The signed-in member's own byline in this edition, offered with one click. */
  self?: number | null;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const byId = new Map(terms.map((t) => [t.id, t]));
  const available = terms.filter((t) => !selected.includes(t.id));
  const add = () => {
    const name = text.trim().toLowerCase();
    if (!name) return;
    const term = available.find((t) => t.name.toLowerCase() === name || t.slug === name);
    if (!term) {
      setProblem(
        noun === "author"
          ? `There is no author “${text.trim()}” in this edition. Staff members are listed by name; editors can add freelancers and agencies under People.`
          : `There is no ${noun} “${text.trim()}” in this edition. Editors can add it.`,
      );
      return;
    }
    onChange([...selected, term.id]);
    setText("");
    setProblem(null);
  };
  return (
    <div class="field term-picker">
      <span class="label" id={`${id}-label`}>
        {label}
      </span>
      {selected.length > 0 ? (
        <ul class="chips" aria-labelledby={`${id}-label`}>
          {selected.map((termId) => {
            const name = byId.get(termId)?.name ?? `#${termId}`;
            return (
              <li key={termId} class="chip">
                {name}
                <button
                  type="button"
                  class="chip__remove"
                  aria-label={`Remove ${noun} ${name}`}
                  onClick={() => onChange(selected.filter((t) => t !== termId))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted">None yet.</p>
      )}
      <div class="term-picker__add">
        <label for={id} class="visually-hidden">
          Add {/^[aeiou]/.test(noun) ? "an" : "a"} {noun}
        </label>
        <input
          id={id}
          list={`${id}-options`}
          placeholder={`Add ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}…`}
          value={text}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        />
        <datalist id={`${id}-options`}>
          {available.map((t) => (
            <option key={t.id} value={t.name} label={t.staffId != null ? `${t.name} (staff)` : undefined} />
          ))}
        </datalist>
        <button type="button" class="button button--small" onClick={add}>
          Add<span class="visually-hidden"> {noun}</span>
        </button>
        {self !== null && !selected.includes(self) && (
          <button type="button" class="button button--small" onClick={() => onChange([...selected, self])}>
            Add me
          </button>
        )}
      </div>
      {problem && (
        <p class="field__error" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

function LeadImageField({
  value,
  onChange,
  untranslated,
}: {
  value: LeadImage | null;
  onChange: (value: LeadImage | null) => void;
  untranslated: readonly UntranslatedField[];
}) {
  const [picking, setPicking] = useState(false);
  const { media, missing } = useMedia(value?.mediaId);
  const set = (key: "caption" | "credit" | "alt", text: string) => value && onChange({ ...value, [key]: text });
  const pick = (chosen: Media) => {
    setPicking(false);
    onChange({ mediaId: chosen.id, caption: chosen.caption, credit: chosen.credit, alt: chosen.alt || null });
  };
  return (
    <section class="panel" aria-labelledby="lead-heading">
      <h2 id="lead-heading">Lead image</h2>
      {value ? (
        <>
          {media ? (
            <img class="lead-preview" src={previewUrl(media)} alt="" width={media.width} height={media.height} />
          ) : (
            <p class="muted">{missing ? "This image is no longer in the library." : "Loading the image…"}</p>
          )}
          <TextArea
            class={untranslatedClass(untranslated, "leadCaption")}
            label="Caption"
            rows={2}
            maxLength={1000}
            value={value.caption ?? ""}
            onValue={(v) => set("caption", v)}
            hint={untranslatedHint(untranslated, "leadCaption")}
          />
          <TextField
            class={untranslatedClass(untranslated, "leadCredit")}
            label="Credit"
            maxLength={300}
            value={value.credit ?? ""}
            onValue={(v) => set("credit", v)}
            hint={untranslatedHint(untranslated, "leadCredit")}
          />
          <TextField
            class={untranslatedClass(untranslated, "leadAlt")}
            label="Alternative text"
            maxLength={500}
            value={value.alt ?? ""}
            onValue={(v) => set("alt", v)}
            hint={untranslatedHint(untranslated, "leadAlt")}
          />
          <div class="form__actions">
            <button type="button" class="button" onClick={() => setPicking(true)}>
              Change image
            </button>
            <button type="button" class="button button--quiet" onClick={() => onChange(null)}>
              Remove image
            </button>
          </div>
        </>
      ) : (
        <button type="button" class="button" onClick={() => setPicking(true)}>
          Choose a lead image
        </button>
      )}
      <Dialog open={picking} title="Choose the lead image" wide onClose={() => setPicking(false)}>
        <MediaPicker onPick={pick} />
      </Dialog>
    </section>
  );
}

function ScheduleDialog({
  open,
  defaultZone,
  onClose,
  onSchedule,
  error,
  busy,
}: {
  open: boolean;
  defaultZone: string;
  onClose: () => void;
  onSchedule: (at: string, timeZone: string) => void;
  error: unknown;
  busy: boolean;
}) {
  const [zone, setZone] = useState(defaultZone);
  const [at, setAt] = useState("");
  const zones = useMemo(() => timeZoneOptions([defaultZone, localTimeZone() ?? "", "UTC"]), [defaultZone]);
  useEffect(() => {
    if (open) {
      setZone(defaultZone);
      setAt(zonedInputValue(new Date(Date.now() + 60 * 60_000), defaultZone));
    }
  }, [open, defaultZone]);
  return (
    <Dialog open={open} title="Schedule publication" onClose={onClose}>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          onSchedule(at, zone);
        }}
      >
        <ErrorMessage error={error} />
        <TextField
          label="Date and time"
          type="datetime-local"
          step={1}
          required
          value={at}
          onValue={setAt}
          hint="As read on a clock in the time zone below."
        />
        <SelectField
          label="Time zone"
          value={zone}
          onValue={setZone}
          options={zones.map((z) => ({ value: z, label: z === defaultZone ? `${z} (edition)` : z }))}
        />
        <SubmitButton busy={busy}>Schedule</SubmitButton>
      </form>
    </Dialog>
  );
}
