/** Telegram channels: each edition's bot and channel, checked with Telegram when saved. */
import { useState } from "preact/hooks";
import { canTelegram } from "../../../src/telegram/telegram.policy.js";
import type { ChannelView as TelegramChannel } from "../../../src/telegram/telegram.schemas.js";
import { ApiError, api } from "../api.js";
import { useSession } from "../session.js";
import {
  Checkbox,
  ErrorMessage,
  formatDateTime,
  Loading,
  PageHeader,
  StatusMessage,
  TextField,
  useAction,
  useAsync,
} from "../ui.js";

/** The channel of an edition, or null when none is set yet. */
async function loadChannel(edition: string): Promise<TelegramChannel | null> {
  try {
    return await api.get<TelegramChannel>(`/channels/telegram/${edition}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

function ChannelForm({ edition, name }: { edition: string; name: string }) {
  const channel = useAsync(() => loadChannel(edition), [edition]);
  const action = useAction();
  const [botToken, setBotToken] = useState("");
  const [chatId, setChatId] = useState<string | null>(null);
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [breaking, setBreaking] = useState<boolean | null>(null);
  const [live, setLive] = useState<boolean | null>(null);
  const [saved, setSaved] = useState(false);
  const current = channel.data;
  const chat = chatId ?? current?.chatId ?? "";
  const on = enabled ?? current?.enabled ?? true;
  const postBreaking = breaking ?? current?.postBreaking ?? false;
  const postLive = live ?? current?.postLive ?? false;
  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      ...(botToken.trim() ? { botToken: botToken.trim() } : {}),
      chatId: chat.trim(),
      enabled: on,
      postBreaking,
      postLive,
    };
    const next = await action.run(() => api.put<TelegramChannel>(`/channels/telegram/${edition}`, body));
    if (next) {
      channel.setData(next);
      setBotToken("");
      setSaved(true);
    }
  };
  return (
    <section class="panel" aria-labelledby={`telegram-${edition}`}>
      <h2 id={`telegram-${edition}`}>{name}</h2>
      <ErrorMessage error={channel.error ?? action.error} />
      {channel.loading && <Loading what="the channel" />}
      {!channel.loading && (
        <form class="form" onSubmit={save}>
          {current && (
            <p class="field__hint">
              {current.enabled ? "Posting" : "Paused"}
              {current.chatTitle ? ` to “${current.chatTitle}”` : ""}
              {current.botUsername ? ` as @${current.botUsername}` : ""} · token {current.botToken} · saved{" "}
              {formatDateTime(current.updatedAt)}
            </p>
          )}
          <TextField
            label="Bot token"
            type="password"
            autoComplete="off"
            value={botToken}
            onValue={setBotToken}
            required={!current}
            hint={current ? "Leave empty to keep the saved token." : "From @BotFather, e.g. 123456789:AA…"}
          />
          <TextField
            label="Channel"
            value={chat}
            onValue={setChatId}
            required
            hint="The channel's @name or numeric id (-100…). Add the bot to it as an administrator first."
          />
          <Checkbox label="Post this edition's stories" checked={on} onChecked={setEnabled} />
          <Checkbox
            label="Also post the breaking banner when it is raised"
            checked={postBreaking}
            onChecked={setBreaking}
          />
          <Checkbox
            label="Post each new live-blog entry as a reply to the blog's post"
            checked={postLive}
            onChecked={setLive}
          />
          <div class="form__actions">
            <button type="submit" class="button button--primary" disabled={action.busy}>
              {action.busy ? "Checking with Telegram…" : "Save"}
            </button>
          </div>
          {saved && <StatusMessage>Saved. Telegram knows the bot and the channel.</StatusMessage>}
        </form>
      )}
    </section>
  );
}

export function TelegramScreen() {
  const { staff, editions } = useSession();
  if (!canTelegram(staff.role, "viewChannel")) {
    return (
      <>
        <PageHeader title="Telegram" />
        <p>Only editors and above set up the Telegram channels.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Telegram" />
      <p class="field__hint">
        Each edition can post its stories to a channel: the lead photo, the headline, the dek and the link, once per
        story, edited when the headline, dek or a correction changes.
      </p>
      {editions.map((edition) => (
        <ChannelForm key={edition.code} edition={edition.code} name={edition.name} />
      ))}
    </>
  );
}
