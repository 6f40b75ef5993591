/** A gazetteer place's name in a language; the site and the maps pages name places the same way. */
export function placeName(place: { names: { uk: string; ru: string; en: string } }, language: string): string {
  return language === "uk" ? place.names.uk : language === "ru" ? place.names.ru : place.names.en;
}
