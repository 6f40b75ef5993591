/**
 * Function words left out of queries that have other words, so "the war in Bakhmut" costs what
 * "war Bakhmut" costs. They stay in the index, for phrases. Folded spelling (see text.ts).
 */
const LISTS: Record<string, string> = {
  uk: `і й та а але в у на з із зі до від для по про за під над при через що як це не чи би же вже ще так
    також його її їх він вона вони ми ви я є був була були було який яка які`,
  ru: `и в во на с со к ко по о об от до для за под над при из у а но что как это не ли бы же уже еще так
    также его ее их он она они мы вы я был была были было который которая`,
  en: `a an the and or but not no of in on at to for from by with about as into over after is are was were
    be been it its this that these those he she they we you i his her their has have had do does did near`,
};

const SETS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(LISTS).map(([language, list]) => [language, new Set(list.split(/\s+/))]),
);

export function isStopWord(language: string, word: string): boolean {
  return SETS[language]?.has(word) ?? false;
}
