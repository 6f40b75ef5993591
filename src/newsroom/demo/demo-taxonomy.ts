import type { DemoPersonKey, DemoSectionKey, DemoTagKey, EditionCode } from "./demo-types.js";

type Names = Record<EditionCode, string>;

export const DEMO_EDITIONS: { code: EditionCode; name: string; locale: string; basePath: string }[] = [
  { code: "uk", name: "Українська", locale: "uk-UA", basePath: "/" },
  { code: "ru", name: "Русский", locale: "ru-RU", basePath: "/ru/" },
  { code: "en", name: "English", locale: "en-GB", basePath: "/en/" },
];

export const DEMO_SECTIONS: { key: DemoSectionKey; names: Names; slugs: Names }[] = [
  { key: "war", names: { uk: "Війна", ru: "Война", en: "War" }, slugs: { uk: "viina", ru: "voina", en: "war" } },
  {
    key: "analysis",
    names: { uk: "Аналітика", ru: "Аналитика", en: "Analysis" },
    slugs: { uk: "analityka", ru: "analitika", en: "analysis" },
  },
  {
    key: "politics",
    names: { uk: "Політика", ru: "Политика", en: "Politics" },
    slugs: { uk: "polityka", ru: "politika", en: "politics" },
  },
  { key: "world", names: { uk: "Світ", ru: "Мир", en: "World" }, slugs: { uk: "svit", ru: "mir", en: "world" } },
  {
    key: "economy",
    names: { uk: "Економіка", ru: "Экономика", en: "Economy" },
    slugs: { uk: "ekonomika", ru: "ekonomika", en: "economy" },
  },
  {
    key: "society",
    names: { uk: "Суспільство", ru: "Общество", en: "Society" },
    slugs: { uk: "suspilstvo", ru: "obshchestvo", en: "society" },
  },
];

export const DEMO_TAGS: { key: DemoTagKey; names: Names }[] = [
  { key: "bakhmut", names: { uk: "Бахмут", ru: "Бахмут", en: "Bakhmut" } },
  { key: "avdiivka", names: { uk: "Авдіївка", ru: "Авдеевка", en: "Avdiivka" } },
  { key: "kharkiv", names: { uk: "Харків", ru: "Харьков", en: "Kharkiv" } },
  { key: "zaporizhzhia", names: { uk: "Запоріжжя", ru: "Запорожье", en: "Zaporizhzhia" } },
  { key: "kherson", names: { uk: "Херсон", ru: "Херсон", en: "Kherson" } },
  { key: "odesa", names: { uk: "Одеса", ru: "Одесса", en: "Odesa" } },
  { key: "kyiv", names: { uk: "Київ", ru: "Киев", en: "Kyiv" } },
  { key: "donetsk-oblast", names: { uk: "Донеччина", ru: "Донецкая область", en: "Donetsk Oblast" } },
  { key: "air-defence", names: { uk: "ППО", ru: "ПВО", en: "Air defence" } },
  { key: "drones", names: { uk: "Дрони", ru: "Дроны", en: "Drones" } },
  { key: "energy", names: { uk: "Енергетика", ru: "Энергетика", en: "Energy" } },
  { key: "sanctions", names: { uk: "Санкції", ru: "Санкции", en: "Sanctions" } },
  { key: "diplomacy", names: { uk: "Дипломатія", ru: "Дипломатия", en: "Diplomacy" } },
  { key: "humanitarian", names: { uk: "Гуманітарна допомога", ru: "Гуманитарная помощь", en: "Humanitarian aid" } },
  { key: "think-tanks", names: { uk: "Аналітичні центри", ru: "Аналитические центры", en: "Think tanks" } },
  { key: "mobilisation", names: { uk: "Мобілізація", ru: "Мобилизация", en: "Mobilisation" } },
  { key: "black-sea", names: { uk: "Чорне море", ru: "Чёрное море", en: "Black Sea" } },
  { key: "crimea", names: { uk: "Крим", ru: "Крым", en: "Crimea" } },
  { key: "reconstruction", names: { uk: "Відбудова", ru: "Восстановление", en: "Reconstruction" } },
  { key: "culture", names: { uk: "Культура", ru: "Культура", en: "Culture" } },
];

export const DEMO_PEOPLE: { key: DemoPersonKey; names: Names; roles: Names }[] = [
  {
    key: "taras-hnatiuk",
    names: { uk: "Тарас Гнатюк", ru: "Тарас Гнатюк", en: "Taras Hnatiuk" },
    roles: { uk: "Військовий кореспондент", ru: "Военный корреспондент", en: "Military correspondent" },
  },
  {
    key: "mariia-lysenko",
    names: { uk: "Марія Лисенко", ru: "Мария Лысенко", en: "Mariia Lysenko" },
    roles: { uk: "Редакторка відділу аналітики", ru: "Редактор отдела аналитики", en: "Analysis editor" },
  },
  {
    key: "kateryna-savchuk",
    names: { uk: "Катерина Савчук", ru: "Екатерина Савчук", en: "Kateryna Savchuk" },
    roles: { uk: "Кореспондентка, суспільство", ru: "Корреспондент, общество", en: "Society correspondent" },
  },
  {
    key: "yurii-pasichnyk",
    names: { uk: "Юрій Пасічник", ru: "Юрий Пасечник", en: "Yurii Pasichnyk" },
    roles: { uk: "Військовий кореспондент", ru: "Военный корреспондент", en: "Military correspondent" },
  },
  {
    key: "sofiia-moroz",
    names: { uk: "Софія Мороз", ru: "София Мороз", en: "Sofiia Moroz" },
    roles: { uk: "Економічна оглядачка", ru: "Экономический обозреватель", en: "Economics writer" },
  },
  {
    key: "bohdan-kravets",
    names: { uk: "Богдан Кравець", ru: "Богдан Кравец", en: "Bohdan Kravets" },
    roles: { uk: "Регіональний кореспондент", ru: "Региональный корреспондент", en: "Regional correspondent" },
  },
];
