/** Uploads an audio clip or a PDF into the media library and inserts it as a block. */
import { useId, useState } from "preact/hooks";
import { upload } from "../api.js";
import { rememberMedia } from "../media-cache.js";
import type { Media } from "../types.js";
import { Dialog, ErrorMessage, TextField, useAction } from "../ui.js";

const ACCEPT = {
  audio: "audio/mpeg,audio/mp4,audio/x-m4a,audio/ogg,.mp3,.m4a,.ogg",
  document: "application/pdf,.pdf",
} as const;

const HINT = {
  audio: "MP3, M4A or Ogg. The server checks the file itself and reads its length.",
  document: "A PDF. Readers download it from this site; the card shows its first page, pages and size.",
} as const;

export function FileBlockDialog({
  open,
  kind,
  onClose,
  onInsert,
}: {
  open: boolean;
  kind: "audio" | "document";
  onClose: () => void;
  onInsert: (attrs: { mediaId: number; title: string }) => void;
}) {
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const { busy, error, setError, run } = useAction();
  const what = kind === "audio" ? "an audio clip" : "a PDF";

  const submit = async (event: Event) => {
    event.preventDefault();
    event.stopPropagation();
    if (!file) return setError(new Error(`Choose ${what} to upload.`));
    const form = new FormData();
    form.append("alt", title.trim());
    form.append("file", file);
    setProgress(0);
    const media = await run(() => upload<Media>("/media", form, setProgress));
    setProgress(null);
    if (!media) return;
    if (media.kind !== kind)
      return setError(new Error(`That file is not ${what}; it was added to the library as ${media.kind}.`));
    rememberMedia([media]);
    setFile(null);
    setTitle("");
    onInsert({ mediaId: media.id, title: media.alt });
  };

  return (
    <Dialog open={open} title={kind === "audio" ? "Insert audio" : "Insert a PDF"} onClose={onClose}>
      <form class="form upload" onSubmit={submit} aria-label={`Upload ${what}`}>
        <ErrorMessage error={error} />
        <div class="field">
          <label for={fileId}>File</label>
          <input
            id={fileId}
            type="file"
            accept={ACCEPT[kind]}
            required
            aria-describedby={`${fileId}-hint`}
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
          <p class="field__hint" id={`${fileId}-hint`}>
            {HINT[kind]}
          </p>
        </div>
        <TextField
          label="Title"
          hint="Shown to readers; the file name when left empty."
          maxLength={300}
          value={title}
          onValue={setTitle}
        />
        {progress !== null && <progress max={100} value={Math.round(progress * 100)} aria-label="Uploading" />}
        <div class="form__actions">
          <button class="button button--primary" type="submit" disabled={busy}>
            {busy ? "Uploading…" : "Upload and insert"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
