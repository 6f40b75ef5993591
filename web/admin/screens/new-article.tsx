/** A new article: its edition and kind, then the editor. */
import { useState } from "preact/hooks";
import { api } from "../api.js";
import { navigate } from "../router.js";
import { useSession } from "../session.js";
import type { Article } from "../types.js";
import { Checkbox, EditionField, ErrorMessage, PageHeader, SubmitButton, TextField, useAction } from "../ui.js";

export function NewArticleScreen({ edition: initial }: { edition?: string | undefined }) {
  const { editions } = useSession();
  const [edition, setEdition] = useState(initial ?? editions[0]?.code ?? "");
  const [title, setTitle] = useState("");
  const [live, setLive] = useState(false);
  const [episode, setEpisode] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const article = await run(() =>
      api.post<Article>("/articles", {
        edition,
        title: title.trim(),
        ...(live ? { kind: "live" } : episode ? { kind: "audio" } : {}),
      }),
    );
    if (article) navigate(`/admin/articles/${article.id}`, { replace: true });
  };
  return (
    <>
      <PageHeader title="New article" />
      <form class="form form--narrow" onSubmit={submit}>
        <ErrorMessage error={error} />
        <EditionField value={edition} onValue={setEdition} required />
        <TextField label="Headline" required maxLength={300} value={title} onValue={setTitle} />
        <Checkbox
          label="Live blog"
          hint="A running page of timestamped entries, added from the article's Live panel."
          checked={live}
          onChecked={(on) => {
            setLive(on);
            if (on) setEpisode(false);
          }}
        />
        <Checkbox
          label="Podcast episode"
          hint="An article of the kind “audio”: once published, its first audio block is an episode in the edition's podcast feed."
          checked={episode}
          onChecked={(on) => {
            setEpisode(on);
            if (on) setLive(false);
          }}
        />
        <SubmitButton busy={busy}>{busy ? "Creating…" : "Create the draft"}</SubmitButton>
      </form>
    </>
  );
}
