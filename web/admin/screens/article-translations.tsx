/** The article editor's Translations panel: the story's versions in other editions, and making a new one. */
import { api } from "../api.js";
import { canArticle } from "../permissions.js";
import { navigate } from "../router.js";
import { editionName, useSession } from "../session.js";
import type { Article, ArticleSummary } from "../types.js";
import { ErrorMessage, StatusBadge, useAction, useAsync } from "../ui.js";

export function TranslationsPanel({ article }: { article: Pick<Article, "id" | "edition"> }) {
  const { staff, editions } = useSession();
  const group = useAsync(
    () => api.get<{ items: ArticleSummary[] }>(`/articles/${article.id}/translations`),
    [article.id],
  );
  const action = useAction();
  const members = group.data?.items ?? [];
  const missing = editions.filter((e) => !members.some((m) => m.edition === e.code) && e.code !== article.edition);
  const mayCreate = canArticle(staff.role, "create");
  const translate = async (edition: string) => {
    const created = await action.run(() => api.post<Article>(`/articles/${article.id}/translations`, { edition }));
    if (created) navigate(`/admin/articles/${created.id}`);
  };
  return (
    <section class="panel translations-panel" aria-labelledby="translations-heading">
      <h2 id="translations-heading">Translations</h2>
      <ErrorMessage error={group.error ?? action.error} />
      {members.length > 1 ? (
        <ul class="translations-list">
          {members
            .filter((member) => member.id !== article.id)
            .map((member) => (
              <li key={member.id}>
                {editionName(editions, member.edition)}: <a href={`/admin/articles/${member.id}`}>{member.title}</a>{" "}
                <StatusBadge status={member.status} />
              </li>
            ))}
        </ul>
      ) : (
        group.data && <p>This story has no version in another edition yet.</p>
      )}
      {mayCreate && missing.length > 0 && group.data && (
        <div class="form__actions">
          {missing.map((edition) => (
            <button
              type="button"
              class="button"
              key={edition.code}
              disabled={action.busy}
              onClick={() => void translate(edition.code)}
            >
              Translate into {edition.name}
            </button>
          ))}
        </div>
      )}
      <p class="field__hint">
        A translation starts as a draft copy: body, images, lead photo and source, each text marked until you translate
        it, with the original shown beside the editor. Tags come along (made in the other edition when it lacks them);
        the section and bylines where the other edition has the same ones. Published versions link to each other for
        search engines and in the site's language switcher.
      </p>
    </section>
  );
}
