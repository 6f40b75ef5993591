import type { EditionSettings, Promo } from "../settings.schemas.js";
import type { EditionCode } from "./demo-types.js";

// The two newsletters of the reference outlet: a Russian weekday digest and an English morning briefing.
const RU_DIGEST: Promo = {
  type: "newsletter",
  list: "ru-digest",
  title: "Главное за день",
  description: "Короткая подборка главных новостей о войне и вокруг неё — чтобы ничего важного не пропустить.",
  language: "ru",
  cadence: "С понедельника по пятницу",
};

const EN_DAILY: Promo = {
  type: "newsletter",
  list: "en-daily",
  title: "The Morning Briefing",
  description: "The top headlines from Ukraine and what they mean, in five minutes, before your day starts.",
  language: "en",
  cadence: "Daily at 9am EST",
};

const MAP: Record<EditionCode, { title: string; description: string }> = {
  uk: {
    title: "Битва за Бахмут: мапа боїв",
    description: "Лінія фронту, контроль територій і події навколо міста — день за днем.",
  },
  ru: {
    title: "Битва за Бахмут: карта боёв",
    description: "Линия фронта, контроль территорий и события вокруг города — день за днём.",
  },
  en: {
    title: "Battle for Bakhmut: battle map",
    description: "The front line, who holds what, and the day’s events around the city.",
  },
};

const SUPPORT: Record<EditionCode, { title: string; description: string }> = {
  uk: {
    title: "Підтримайте незалежну журналістику",
    description:
      "Ми працюємо без інвесторів і партій. Разовий внесок або щомісячна підтримка тримають редакцію на лінії фронту новин.",
  },
  ru: {
    title: "Поддержите независимую журналистику",
    description:
      "Мы работаем без инвесторов и партий. Разовый взнос или ежемесячная поддержка держат редакцию на линии фронта новостей.",
  },
  en: {
    title: "Support independent journalism",
    description:
      "We answer to no investor or party. A one-time donation or a monthly pledge keeps our reporters on the story.",
  },
};

const VIDEO: Record<EditionCode, string> = {
  uk: "Відео дня: як сапери розміновують поля на Харківщині (демо)",
  ru: "Видео дня: как саперы разминируют поля на Харьковщине (демо)",
  en: "Video of the day: clearing mines from farmland in the Kharkiv region (demo)",
};

export function demoEditionSettings(edition: EditionCode): EditionSettings {
  const base = edition === "uk" ? "/" : `/${edition}/`;
  const promos: Promo[] = [
    RU_DIGEST,
    { type: "map", ...MAP[edition], href: `${base}maps/bakhmut` },
    { type: "support", ...SUPPORT[edition] },
    { type: "follow" },
  ];
  if (edition !== "uk") promos.push(EN_DAILY);
  return {
    siteName: "Gazette",
    // A placeholder id: outlets put their own video here in the settings.
    videoOfTheDay: { provider: "youtube", videoId: "gZtDemo0001", title: VIDEO[edition] },
    articlePromos: promos,
    follow: {
      x: "https://x.com/",
      facebook: "https://www.facebook.com/",
      googleNews: "https://news.google.com/",
      telegram: "https://t.me/",
    },
    supportUrl: "",
  };
}
