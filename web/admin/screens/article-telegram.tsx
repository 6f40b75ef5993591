/** The article editor's Telegram panel: whether the story goes to the channel, and what was sent. */
import { canTelegram } from "../../../src/telegram/telegram.policy.js";
import type { ArticleDeliveryView as TelegramDelivery } from "../../../src/telegram/telegram.schemas.js";
import { api } from "../api.js";
import { useSession } from "../session.js";
import { Checkbox, ErrorMessage, formatDateTime, useAction, useAsync } from "../ui.js";

const ACTIONS: Record<string, string> = {
  posted: "Posted",
  edited: "Edited",
  delayed: "Waiting",
  skipped: "Not posted (skip)",
  failed: "Failed",
};

export function TelegramPanel({ articleId }: { articleId: number }) {
  const { staff } = useSession();
  const delivery = useAsync(() => api.get<TelegramDelivery>(`/articles/${articleId}/telegram`), [articleId]);
  const action = useAction();
  if (!canTelegram(staff.role, "viewDelivery")) return null;
  const maySkip = canTelegram(staff.role, "skipArticle");
  const setSkip = async (skip: boolean) => {
    const next = await action.run(() => api.put<TelegramDelivery>(`/articles/${articleId}/telegram`, { skip }));
    if (next) delivery.setData(next);
  };
  const data = delivery.data;
  return (
    <section class="panel telegram-panel" aria-labelledby="telegram-heading">
      <h2 id="telegram-heading">Telegram</h2>
      <ErrorMessage error={delivery.error ?? action.error} />
      {data && (
        <>
          {maySkip ? (
            <fieldset class="plain" disabled={action.busy}>
              <legend class="visually-hidden">Telegram channel</legend>
              <Checkbox
                label="Do not post this story to the edition's Telegram channel"
                checked={data.skip}
                onChecked={(skip) => void setSkip(skip)}
                hint="Takes effect for the next publication; a post already sent is no longer edited."
              />
            </fieldset>
          ) : (
            data.skip && <p>This story is set not to go to Telegram.</p>
          )}
          {data.posts.map((post) => (
            <p key={`${post.edition}-${post.chatId}`}>
              {post.messageId === null
                ? `Being sent to ${post.chatId}.`
                : `Posted to ${post.chatId} as message ${post.messageId}.`}
            </p>
          ))}
          {data.log.length === 0 ? (
            <p class="field__hint">Nothing has been sent to Telegram for this story.</p>
          ) : (
            <ul class="telegram-log">
              {data.log.map((entry) => (
                <li key={entry.id}>
                  <strong>{ACTIONS[entry.action] ?? entry.action}</strong> · {formatDateTime(entry.createdAt)}
                  {entry.detail && <span class="field__hint"> — {entry.detail}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
