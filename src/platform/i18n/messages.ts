/** Reader-facing strings. Views never hard-code a language; they ask for a key. */
export type Language = "uk" | "ru" | "en";

const en = {
  "site.skip": "Skip to content",
  "site.home": "Home",
  "site.sections": "Sections",
  "site.editions": "Editions",
  "site.footer": "Independent journalism from Ukraine. Published with Gazette.",
  "site.tagline": "News and analysis of the war, every day",
  "feed.latest": "Latest news",
  "feed.more": "Show more news",
  "feed.loading": "Loading…",
  "feed.empty": "No news here yet.",
  "feed.end": "You have reached the beginning of the archive.",
  "feed.moreNews": "More news",
  "article.by": "By",
  "article.tags": "Tags",
  "article.source": "Source",
  "article.breaking": "Breaking",
  "article.updated": "Updated",
  "video.heading": "Video of the day",
  "video.play": "Play video",
  "video.notice": "Plays from {provider}; nothing loads from it until you press play.",
  "promo.newsletter.subscribe": "Subscribe",
  "promo.newsletter.email": "Your email address",
  "promo.newsletter.language": "In {language}",
  "promo.map.open": "Open the map",
  "promo.support.oneTime": "One-time donation",
  "promo.support.patron": "Become a patron",
  "promo.follow.heading": "Follow us",
  "list.section": "Section",
  "list.tag": "Tag",
  "list.author": "Author",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "We could not find this page. It may have been moved or unpublished.",
  "error.notFound.back": "Go to the front page",
  "error.badCursor.title": "This page link is not valid",
  "error.badCursor.body":
    "The “show more” link you followed is damaged or belongs to another list. Start again from the first page of this list.",
  "error.badCursor.back": "Back to the first page",
  "error.server.title": "Something went wrong",
  "error.server.body": "We could not show this page right now. Please try again in a minute.",
  "newsletter.pending.title": "Thank you",
  "newsletter.pending.body":
    "Newsletter sign-up is being set up on this site. Your address was not stored; please come back soon.",
  "support.title": "Support our journalism",
  "language.uk": "Ukrainian",
  "language.ru": "Russian",
  "language.en": "English",
} as const;

export type MessageKey = keyof typeof en;

const uk: Record<MessageKey, string> = {
  "site.skip": "Перейти до змісту",
  "site.home": "Головна",
  "site.sections": "Розділи",
  "site.editions": "Версії сайту",
  "site.footer": "Незалежна журналістика з України. Працює на Gazette.",
  "site.tagline": "Новини та аналітика війни щодня",
  "feed.latest": "Останні новини",
  "feed.more": "Показати більше новин",
  "feed.loading": "Завантаження…",
  "feed.empty": "Тут поки немає новин.",
  "feed.end": "Ви дійшли до початку архіву.",
  "feed.moreNews": "Більше новин",
  "article.by": "Автор:",
  "article.tags": "Теги",
  "article.source": "Джерело",
  "article.breaking": "Терміново",
  "article.updated": "Оновлено",
  "video.heading": "Відео дня",
  "video.play": "Відтворити відео",
  "video.notice": "Відтворюється з {provider}; нічого не завантажується, доки ви не натиснете «Відтворити».",
  "promo.newsletter.subscribe": "Підписатися",
  "promo.newsletter.email": "Ваша електронна адреса",
  "promo.newsletter.language": "Мова: {language}",
  "promo.map.open": "Відкрити мапу",
  "promo.support.oneTime": "Разовий внесок",
  "promo.support.patron": "Стати патроном",
  "promo.follow.heading": "Стежте за нами",
  "list.section": "Розділ",
  "list.tag": "Тег",
  "list.author": "Автор",
  "error.notFound.title": "Сторінку не знайдено",
  "error.notFound.body": "Ми не знайшли цієї сторінки. Можливо, її перенесли або зняли з публікації.",
  "error.notFound.back": "На головну",
  "error.badCursor.title": "Посилання на сторінку недійсне",
  "error.badCursor.body":
    "Посилання «показати більше» пошкоджене або належить іншому списку. Почніть знову з першої сторінки цього списку.",
  "error.badCursor.back": "До першої сторінки",
  "error.server.title": "Щось пішло не так",
  "error.server.body": "Зараз ми не можемо показати цю сторінку. Спробуйте ще раз за хвилину.",
  "newsletter.pending.title": "Дякуємо",
  "newsletter.pending.body":
    "Підписку на розсилки на цьому сайті ще налаштовують. Вашу адресу не збережено; завітайте згодом.",
  "support.title": "Підтримайте нашу журналістику",
  "language.uk": "українська",
  "language.ru": "російська",
  "language.en": "англійська",
};

const ru: Record<MessageKey, string> = {
  "site.skip": "Перейти к содержанию",
  "site.home": "Главная",
  "site.sections": "Разделы",
  "site.editions": "Версии сайта",
  "site.footer": "Независимая журналистика из Украины. Работает на Gazette.",
  "site.tagline": "Новости и аналитика войны каждый день",
  "feed.latest": "Последние новости",
  "feed.more": "Показать больше новостей",
  "feed.loading": "Загрузка…",
  "feed.empty": "Здесь пока нет новостей.",
  "feed.end": "Вы дошли до начала архива.",
  "feed.moreNews": "Больше новостей",
  "article.by": "Автор:",
  "article.tags": "Теги",
  "article.source": "Источник",
  "article.breaking": "Срочно",
  "article.updated": "Обновлено",
  "video.heading": "Видео дня",
  "video.play": "Воспроизвести видео",
  "video.notice": "Воспроизводится с {provider}; ничего не загружается, пока вы не нажмёте «Воспроизвести».",
  "promo.newsletter.subscribe": "Подписаться",
  "promo.newsletter.email": "Ваш адрес электронной почты",
  "promo.newsletter.language": "Язык: {language}",
  "promo.map.open": "Открыть карту",
  "promo.support.oneTime": "Разовый взнос",
  "promo.support.patron": "Стать патроном",
  "promo.follow.heading": "Следите за нами",
  "list.section": "Раздел",
  "list.tag": "Тег",
  "list.author": "Автор",
  "error.notFound.title": "Страница не найдена",
  "error.notFound.body": "Мы не нашли эту страницу. Возможно, её перенесли или сняли с публикации.",
  "error.notFound.back": "На главную",
  "error.badCursor.title": "Ссылка на страницу недействительна",
  "error.badCursor.body":
    "Ссылка «показать больше» повреждена или относится к другому списку. Начните снова с первой страницы этого списка.",
  "error.badCursor.back": "К первой странице",
  "error.server.title": "Что-то пошло не так",
  "error.server.body": "Сейчас мы не можем показать эту страницу. Попробуйте ещё раз через минуту.",
  "newsletter.pending.title": "Спасибо",
  "newsletter.pending.body":
    "Подписку на рассылки на этом сайте ещё настраивают. Ваш адрес не сохранён; загляните позже.",
  "support.title": "Поддержите нашу журналистику",
  "language.uk": "украинский",
  "language.ru": "русский",
  "language.en": "английский",
};

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, uk, ru };

export function isLanguage(value: string): value is Language {
  return value === "uk" || value === "ru" || value === "en";
}

/** Looks up a message, filling `{name}` placeholders. Unknown languages fall back to English. */
export function translate(language: string, key: MessageKey, params?: Record<string, string>): string {
  const catalog = isLanguage(language) ? CATALOGS[language] : en;
  const text = catalog[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
