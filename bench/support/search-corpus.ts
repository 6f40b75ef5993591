/**
 * Made-up vocabulary for the search benchmark: place names, nouns and verbs of war reporting in
 * their common case forms, plus function words, so the index has the word frequencies of real
 * news (a few words everywhere, most words rare) and queries meet inflected forms.
 */
export interface Vocabulary {
  /** Frequent words, function words first. */
  common: string[];
  /** Content words, drawn with a skewed distribution. */
  content: string[];
  /** 1–3-word queries a reader would type. */
  queries: string[];
}

const split = (text: string) => text.split(/\s+/).filter((w) => w !== "");
const queries = (text: string) => text.split("|").map((q) => q.trim().replace(/\s+/g, " "));

export const VOCABULARY: Record<"uk" | "ru" | "en", Vocabulary> = {
  uk: {
    common: split("і в на що з про до за як від це також уже ще після під час через який яка які"),
    content: split(`
      Бахмут Бахмута Бахмуті Бахмутом Харків Харкова Харкові Херсон Херсона Херсоні Київ Києва Києві
      Одеса Одеси Одесі Запоріжжя Запоріжжі Покровськ Покровська Дніпро Дніпра Суми Сумах Крим Криму
      війна війни війні війною обстріл обстріли обстрілів обстрілами дрон дрони дронів дронами
      ракета ракети ракетами удар удари ударів позиції позиціях оборона оборони наступ наступу
      евакуація евакуації мешканці мешканців енергетика енергетики електроенергія світла графік
      зерно зерна порт порту експорт потяг потяги залізниця залізниці міст мосту школа школи лікарня
      лікарні волонтери волонтерів генштаб командування бригада бригади штурм штурми окупанти
      окупантів полонені обмін обміну переговори санкції допомога допомоги фронт фронту лінія лінії
      заявив заявила повідомили атакували збили відновили евакуювали звільнили утримують тривають
      український українська українські російський російська російських ворожий ворожі цивільні
      нічний масований важкий новий нові головний`),
    queries: queries(`
      Бахмуті|обстріли Харкова|евакуація|дронів|енергетика світло|зерно порт|залізниця потяги|
      оборона Бахмута|обмін полоненими|санкції|масований обстріл|лікарні|волонтери допомога|
      Херсоні|Києві|фронт лінія|наступ|штурми позиції|війна|ракетами удар|"нічний обстріл"`),
  },
  ru: {
    common: split("и в на что с о до за как от это также уже ещё после под во время через который"),
    content: split(`
      Бахмут Бахмута Бахмуте Бахмутом Харьков Харькова Харькове Херсон Херсона Херсоне Киев Киева Киеве
      Одесса Одессы Одессе Запорожье Запорожья Покровск Днепр Днепра Сумы Крым Крыма
      война войны войне войной обстрел обстрелы обстрелов обстрелами дрон дроны дронов дронами
      ракета ракеты ракетами удар удары ударов позиции позициях оборона обороны наступление
      эвакуация эвакуации жители жителей энергетика электроэнергия света график зерно зерна порт
      порта экспорт поезд поезда железная дорога моста школа школы больница больницы волонтёры
      генштаб командование бригада бригады штурм штурмы пленные обмен переговоры санкции помощь
      фронт фронта линия заявил заявила сообщили атаковали сбили восстановили эвакуировали
      украинский украинская российский российских вражеский мирные ночной массированный новый`),
    queries: queries(`
      Бахмуте|обстрелы Харькова|эвакуация|дронов|энергетика|зерно порт|поезда|оборона Бахмута|
      обмен пленными|санкции|массированный обстрел|больницы|волонтёры помощь|Херсоне|Киеве|фронт|
      наступление|штурмы|война|ракетами|"ночной обстрел"`),
  },
  en: {
    common: split("the a of in on and to for with from by at as that this was were is are it after"),
    content: split(`
      Bakhmut Kharkiv Kherson Kyiv Odesa Zaporizhzhia Pokrovsk Dnipro Sumy Crimea war wars
      shelling shelled drone drones missile missiles strike strikes struck position positions defence
      defences offensive counteroffensive evacuation evacuated residents energy power grid blackout
      schedule grain port ports export exports train trains railway bridge bridges school schools
      hospital hospitals volunteers general staff command brigade brigades assault assaults
      prisoners exchange talks sanctions aid front line lines said reported attacked downed restored
      liberated holding continue Ukrainian Russian enemy civilians civilian overnight massive heavy
      new main mayor governor officials`),
    queries: queries(`
      Bakhmut|shelling Kharkiv|evacuations|drones|power grid|grain exports|railway trains|
      Bakhmut defence|prisoner exchange|sanctions|massive strike|hospitals|volunteers aid|Kherson|
      Kyiv|front line|offensive|assaults|war|missile strikes|"overnight shelling"`),
  },
};
