import type { Language } from "../../platform/i18n/messages.js";
import type { Assets } from "../assets.js";
import type { HeadTag } from "../page-head.js";
import type { PageContext } from "../site.service.js";
import { urls } from "../urls.js";
import { Layout } from "./Layout.js";

/** What the privacy page needs to know about the site's counting (src/config.ts, ANALYTICS_*). */
export interface AudiencePolicy {
  /** False when ANALYTICS_ENABLED is off: the page then says nothing is counted. */
  enabled: boolean;
  /** How long hourly counts are kept (ANALYTICS_RETENTION_DAYS). */
  retentionDays: number;
}

interface PrivacyText {
  title: string;
  intro: string;
  off: string;
  countedHeading: string;
  counted: readonly string[];
  notCountedHeading: string;
  notCounted: readonly string[];
  keptHeading: string;
  kept: (period: string) => readonly string[];
  period: (days: number) => string;
}

/*
 * Each language's text is written for its readers, not translated word for word; all three say
 * the same facts. Keep them in step with docs/analytics.md when the counting changes.
 */
const TEXT: Record<Language, PrivacyText> = {
  en: {
    title: "Privacy: what we count",
    intro:
      "We want to know which stories people read, not who reads them. Our site counts visits itself: no outside analytics company, advertising network or social network sees that you were here. The numbers are totals; nothing we keep can single out one reader.",
    off: "Counting is switched off on this site: your visits are not counted at all.",
    countedHeading: "What is counted",
    counted: [
      "A page view: which story (or which other page) and in which edition, added to a total for each hour and, for the last two days, for each minute.",
      "Where the visit came from: only the name of the website that sent you (for example, a search engine's address, never the page or what you searched for), and the campaign name if the link carried one (for example, our newsletter or our Telegram channel).",
      "The kind of screen: phone, tablet or computer, judged from the width of the window.",
      "How far down the story you got, rounded to a quarter (none, 25, 50, 75 or 100 %), and roughly how long the page was open (under 10 seconds, up to half a minute, up to a minute, up to 3 minutes, up to 10 minutes, longer).",
      "Clicks on the links in our newsletters: how many times each link in each issue was opened, not by whom.",
      "Whether a newsletter sign-up or a donation was started from a story, as a count for that story.",
    ],
    notCountedHeading: "What is not collected",
    notCounted: [
      "No cookies, and nothing is saved in your browser's storage.",
      "No IP address and no browser or device description (user agent) is stored.",
      "No identifier of any kind: we cannot tell whether two views came from the same person.",
      "No fingerprinting of your browser or device.",
      "No open tracking in emails: we do not know whether you opened a newsletter.",
      "If your browser sends Global Privacy Control or Do Not Track, your visit is not counted at all.",
    ],
    keptHeading: "How long it is kept",
    kept: (period) => ["Per-minute totals are deleted after 48 hours.", `Hourly totals are deleted after ${period}.`],
    period: (days) =>
      days % 365 === 0 ? `${days / 365} ${days === 365 ? "year" : "years"}` : `${days} ${days === 1 ? "day" : "days"}`,
  },
  uk: {
    title: "Приватність: що ми рахуємо",
    intro:
      "Нам важливо знати, які матеріали читають, а не хто саме їх читає. Відвідування рахує сам наш сайт: жодна стороння аналітична компанія, рекламна чи соціальна мережа не бачить, що ви тут були. Ми зберігаємо лише загальні суми, з яких неможливо виокремити окремого читача.",
    off: "На цьому сайті підрахунок вимкнено: ваші відвідування не рахуються взагалі.",
    countedHeading: "Що ми рахуємо",
    counted: [
      "Перегляд сторінки: який матеріал (чи яка інша сторінка) і в якій редакції — як додаток до суми за кожну годину, а за останні дві доби — і за кожну хвилину.",
      "Звідки прийшов перегляд: лише назва сайту, який вас привів (наприклад, адреса пошукової системи, але ніколи не сторінка чи ваш запит), і назва кампанії, якщо посилання її містило (наприклад, наша розсилка чи Telegram-канал).",
      "Тип екрана: телефон, планшет чи комп'ютер — за шириною вікна.",
      "Наскільки далеко ви дочитали матеріал, із точністю до чверті (0, 25, 50, 75 чи 100 %), і приблизно скільки часу сторінка була відкрита (до 10 секунд, до пів хвилини, до хвилини, до 3 хвилин, до 10 хвилин, довше).",
      "Переходи за посиланнями в наших розсилках: скільки разів відкрили кожне посилання кожного випуску, але не хто.",
      "Чи почали з матеріалу підписку на розсилку або пожертву — як число для цього матеріалу.",
    ],
    notCountedHeading: "Чого ми не збираємо",
    notCounted: [
      "Жодних cookie, і нічого не зберігається в сховищі вашого браузера.",
      "Ми не зберігаємо IP-адресу та опис браузера чи пристрою (user agent).",
      "Жодних ідентифікаторів: ми не можемо визначити, чи два перегляди зробила одна людина.",
      "Жодного «відбитка» (fingerprinting) браузера чи пристрою.",
      "Жодного стеження за відкриттям листів: ми не знаємо, чи ви відкрили розсилку.",
      "Якщо ваш браузер надсилає сигнал Global Privacy Control або Do Not Track, ваш візит не рахується зовсім.",
    ],
    keptHeading: "Скільки це зберігається",
    kept: (period) => ["Похвилинні суми видаляються через 48 годин.", `Погодинні суми видаляються через ${period}.`],
    period: (days) =>
      days % 365 === 0 ? plural(days / 365, "uk", "рік", "роки", "років") : plural(days, "uk", "день", "дні", "днів"),
  },
  ru: {
    title: "Приватность: что мы считаем",
    intro:
      "Нам нужно знать, какие материалы читают, а не кто их читает. Посещения считает сам наш сайт: ни одна сторонняя аналитическая компания, рекламная или социальная сеть не узнаёт, что вы здесь были. Мы храним только общие суммы, по которым нельзя выделить отдельного читателя.",
    off: "На этом сайте подсчёт выключен: ваши посещения не учитываются вовсе.",
    countedHeading: "Что мы считаем",
    counted: [
      "Просмотр страницы: какой материал (или какая другая страница) и в какой редакции — прибавляется к сумме за каждый час, а за последние двое суток и за каждую минуту.",
      "Откуда пришёл просмотр: только название сайта, с которого вы перешли (например, адрес поисковика, но никогда не страница и не ваш запрос), и название кампании, если оно было в ссылке (например, наша рассылка или Telegram-канал).",
      "Тип экрана: телефон, планшет или компьютер — по ширине окна.",
      "Докуда вы дочитали материал, с точностью до четверти (0, 25, 50, 75 или 100 %), и примерно сколько времени страница была открыта (до 10 секунд, до полуминуты, до минуты, до 3 минут, до 10 минут, дольше).",
      "Переходы по ссылкам из наших рассылок: сколько раз открыли каждую ссылку каждого выпуска, но не кто.",
      "Была ли с материала начата подписка на рассылку или пожертвование — как число для этого материала.",
    ],
    notCountedHeading: "Чего мы не собираем",
    notCounted: [
      "Никаких cookie, и ничего не сохраняется в хранилище вашего браузера.",
      "Мы не храним IP-адрес и описание браузера или устройства (user agent).",
      "Никаких идентификаторов: мы не можем понять, сделал ли два просмотра один человек.",
      "Никакого «отпечатка» (fingerprinting) браузера или устройства.",
      "Никакого отслеживания открытия писем: мы не знаем, открыли ли вы рассылку.",
      "Если ваш браузер передаёт сигнал Global Privacy Control или Do Not Track, ваш визит не учитывается совсем.",
    ],
    keptHeading: "Сколько это хранится",
    kept: (period) => ["Поминутные суммы удаляются через 48 часов.", `Почасовые суммы удаляются через ${period}.`],
    period: (days) =>
      days % 365 === 0 ? plural(days / 365, "ru", "год", "года", "лет") : plural(days, "ru", "день", "дня", "дней"),
  },
};

const pluralRules = { uk: new Intl.PluralRules("uk"), ru: new Intl.PluralRules("ru") };

function plural(count: number, language: "uk" | "ru", one: string, few: string, many: string): string {
  const form = pluralRules[language].select(count);
  return `${count} ${form === "one" ? one : form === "few" ? few : many}`;
}

/** The privacy page's wording in the edition's language (English for any other). */
export function privacyTextOf(language: string): PrivacyText {
  return TEXT[language as Language] ?? TEXT.en;
}

/** What the site counts about its readers, what it never collects, and for how long it keeps it. */
export function PrivacyPage({
  context,
  policy,
  assets,
  publicUrl,
  head,
}: {
  context: PageContext;
  policy: AudiencePolicy;
  assets: Assets;
  publicUrl: string;
  head?: readonly HeadTag[];
}) {
  const { edition } = context;
  const text = privacyTextOf(edition.language);
  return (
    <Layout
      context={context}
      assets={assets}
      title={`${text.title} — ${context.settings.siteName}`}
      canonical={`${publicUrl}${urls.privacy(edition.basePath)}`}
      pageType="list"
      head={head}
    >
      <div class="privacy-page">
        <h1>{text.title}</h1>
        <p>{text.intro}</p>
        {policy.enabled ? null : (
          <p>
            <strong>{text.off}</strong>
          </p>
        )}
        <h2>{text.countedHeading}</h2>
        <ul>
          {text.counted.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <h2>{text.notCountedHeading}</h2>
        <ul>
          {text.notCounted.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
        <h2>{text.keptHeading}</h2>
        <ul>
          {text.kept(text.period(policy.retentionDays)).map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </div>
    </Layout>
  );
}
