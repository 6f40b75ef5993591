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
  "share.heading": "Share",
  "share.email": "Email",
  "share.copy": "Copy link",
  "share.copied": "Link copied",
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
  "live.badge": "Live",
  "live.ended": "This live coverage has ended.",
  "live.heading": "Live updates",
  "live.pinned": "Pinned",
  "live.newEntries": "New updates have been added.",
  "live.empty": "The first updates will appear here.",
  "live.link": "Link to this update",
  "banner.label": "Breaking",
  "notes.heading": "Corrections and updates",
  "notes.correction": "Correction",
  "notes.update": "Update",
  "corrections.title": "Corrections and updates",
  "corrections.intro":
    "When we get something wrong we correct it and say so here. Updates note important new facts added to a story.",
  "corrections.empty": "No corrections or updates yet.",
  "corrections.link": "Corrections",
  "search.title": "Search",
  "search.label": "Search the news",
  "search.submit": "Search",
  "search.prompt": "Type a word or two to find stories. Put a phrase in quotes to find it exactly.",
  "search.none": "Nothing found for “{query}”. Try another word or fewer words.",
  "search.count.one": "{count} story found",
  "search.count.few": "{count} stories found",
  "search.count.many": "{count} stories found",
  "search.count.other": "{count} stories found",
  "search.capped": "Many stories match; these are the most relevant of the newest {count}.",
  "search.next": "Next page",
  "search.previous": "Previous page",
  "search.page": "Page {page}",
  "search.tooMany": "Too many searches in a short time. Please wait a minute and try again.",
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
  "share.heading": "Поділитися",
  "share.email": "Електронна пошта",
  "share.copy": "Копіювати посилання",
  "share.copied": "Посилання скопійовано",
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
  "live.badge": "Наживо",
  "live.ended": "Пряму трансляцію завершено.",
  "live.heading": "Оновлення наживо",
  "live.pinned": "Закріплено",
  "live.newEntries": "З'явилися нові оновлення.",
  "live.empty": "Перші оновлення з'являться тут.",
  "live.link": "Посилання на це оновлення",
  "banner.label": "Терміново",
  "notes.heading": "Виправлення та оновлення",
  "notes.correction": "Виправлення",
  "notes.update": "Оновлення",
  "corrections.title": "Виправлення та оновлення",
  "corrections.intro":
    "Коли ми помиляємося, ми виправляємо помилку й повідомляємо про це тут. Оновлення позначають важливі нові факти, додані до матеріалу.",
  "corrections.empty": "Виправлень і оновлень поки немає.",
  "corrections.link": "Виправлення",
  "search.title": "Пошук",
  "search.label": "Пошук новин",
  "search.submit": "Шукати",
  "search.prompt": "Введіть слово чи два, щоб знайти матеріали. Візьміть фразу в лапки, щоб знайти її дослівно.",
  "search.none": "За запитом «{query}» нічого не знайдено. Спробуйте інше слово або менше слів.",
  "search.count.one": "Знайдено {count} матеріал",
  "search.count.few": "Знайдено {count} матеріали",
  "search.count.many": "Знайдено {count} матеріалів",
  "search.count.other": "Знайдено {count} матеріалу",
  "search.capped": "Збігів дуже багато; тут найдоречніші з {count} найновіших.",
  "search.next": "Наступна сторінка",
  "search.previous": "Попередня сторінка",
  "search.page": "Сторінка {page}",
  "search.tooMany": "Забагато пошукових запитів за короткий час. Зачекайте хвилину й спробуйте знову.",
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
  "share.heading": "Поделиться",
  "share.email": "Электронная почта",
  "share.copy": "Копировать ссылку",
  "share.copied": "Ссылка скопирована",
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
  "live.badge": "Онлайн",
  "live.ended": "Онлайн-трансляция завершена.",
  "live.heading": "Обновления онлайн",
  "live.pinned": "Закреплено",
  "live.newEntries": "Появились новые обновления.",
  "live.empty": "Первые обновления появятся здесь.",
  "live.link": "Ссылка на это обновление",
  "banner.label": "Срочно",
  "notes.heading": "Исправления и обновления",
  "notes.correction": "Исправление",
  "notes.update": "Обновление",
  "corrections.title": "Исправления и обновления",
  "corrections.intro":
    "Когда мы ошибаемся, мы исправляем ошибку и сообщаем об этом здесь. Обновления отмечают важные новые факты, добавленные в материал.",
  "corrections.empty": "Исправлений и обновлений пока нет.",
  "corrections.link": "Исправления",
  "search.title": "Поиск",
  "search.label": "Поиск новостей",
  "search.submit": "Искать",
  "search.prompt": "Введите слово или два, чтобы найти материалы. Возьмите фразу в кавычки, чтобы найти её дословно.",
  "search.none": "По запросу «{query}» ничего не найдено. Попробуйте другое слово или меньше слов.",
  "search.count.one": "Найден {count} материал",
  "search.count.few": "Найдено {count} материала",
  "search.count.many": "Найдено {count} материалов",
  "search.count.other": "Найдено {count} материала",
  "search.capped": "Совпадений очень много; здесь самые релевантные из {count} новейших.",
  "search.next": "Следующая страница",
  "search.previous": "Предыдущая страница",
  "search.page": "Страница {page}",
  "search.tooMany": "Слишком много поисковых запросов за короткое время. Подождите минуту и попробуйте снова.",
};

export const CATALOGS: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { en, uk, ru };

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

export type PluralMessageBase = "search.count";
type PluralCategory = "one" | "few" | "many" | "other";

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * A message that depends on a count, chosen by the language's plural rules (Ukrainian and Russian
 * have one/few/many forms: 1 матеріал, 2 матеріали, 5 матеріалів). `{count}` is filled in.
 */
export function translatePlural(language: string, base: PluralMessageBase, count: number): string {
  const lang = isLanguage(language) ? language : "en";
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const category = rules.select(count);
  const form: PluralCategory = category === "one" || category === "few" || category === "many" ? category : "other";
  return translate(lang, `${base}.${form}`, { count: new Intl.NumberFormat(lang).format(count) });
}
