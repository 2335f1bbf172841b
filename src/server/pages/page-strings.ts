/** The words of the web pages, per language; counts and dates come from ICU (Intl). */
export interface PageStrings {
  timeline: string;
  /** Labels of counts ("Sources: 4"): nouns, so no plural rules are needed. */
  developments: string;
  sources: string;
  inLanguages: string;
  filter: string;
  kind: string;
  language: string;
  from: string;
  to: string;
  all: string;
  apply: string;
  firstSeen: string;
  none: string;
  chart: string;
  mark: string;
  feeds: string;
}

/** Languages written right to left: the page's `dir`. */
export const RTL_LANGUAGES: ReadonlySet<string> = new Set(['ar', 'fa', 'ur', 'he']);

/** The pages' words in the languages of the message catalog (the issue's thirteen). */
export const PAGE_STRINGS: Readonly<Record<string, PageStrings>> = {
  en: {
    timeline: 'Timeline',
    developments: 'Developments',
    sources: 'Sources',
    inLanguages: 'Languages',
    filter: 'Filter',
    kind: 'Kind',
    language: 'Language',
    from: 'From',
    to: 'To',
    all: 'All',
    apply: 'Apply',
    firstSeen: 'first seen',
    none: 'No developments match.',
    chart: 'Sources per day, by language',
    mark: 'development',
    feeds: 'Follow as a feed',
  },
  fr: {
    timeline: 'Chronologie',
    developments: 'Développements',
    sources: 'Sources',
    inLanguages: 'Langues',
    filter: 'Filtrer',
    kind: 'Type',
    language: 'Langue',
    from: 'Du',
    to: 'Au',
    all: 'Tous',
    apply: 'Appliquer',
    firstSeen: 'vu le',
    none: 'Aucun développement ne correspond.',
    chart: 'Sources par jour, par langue',
    mark: 'développement',
    feeds: 'Suivre en flux',
  },
  es: {
    timeline: 'Cronología',
    developments: 'Novedades',
    sources: 'Fuentes',
    inLanguages: 'Idiomas',
    filter: 'Filtrar',
    kind: 'Tipo',
    language: 'Idioma',
    from: 'Desde',
    to: 'Hasta',
    all: 'Todos',
    apply: 'Aplicar',
    firstSeen: 'visto el',
    none: 'Ninguna novedad coincide.',
    chart: 'Fuentes por día, por idioma',
    mark: 'novedad',
    feeds: 'Seguir como feed',
  },
  de: {
    timeline: 'Chronik',
    developments: 'Entwicklungen',
    sources: 'Quellen',
    inLanguages: 'Sprachen',
    filter: 'Filtern',
    kind: 'Art',
    language: 'Sprache',
    from: 'Von',
    to: 'Bis',
    all: 'Alle',
    apply: 'Anwenden',
    firstSeen: 'zuerst gesehen',
    none: 'Keine Entwicklung passt.',
    chart: 'Quellen pro Tag, nach Sprache',
    mark: 'Entwicklung',
    feeds: 'Als Feed folgen',
  },
  ru: {
    timeline: 'Хронология',
    developments: 'События',
    sources: 'Источники',
    inLanguages: 'Языки',
    filter: 'Фильтр',
    kind: 'Тип',
    language: 'Язык',
    from: 'С',
    to: 'По',
    all: 'Все',
    apply: 'Применить',
    firstSeen: 'впервые',
    none: 'Нет подходящих событий.',
    chart: 'Источники по дням и языкам',
    mark: 'событие',
    feeds: 'Подписаться на ленту',
  },
  tr: {
    timeline: 'Zaman çizelgesi',
    developments: 'Gelişmeler',
    sources: 'Kaynaklar',
    inLanguages: 'Diller',
    filter: 'Süz',
    kind: 'Tür',
    language: 'Dil',
    from: 'Başlangıç',
    to: 'Bitiş',
    all: 'Tümü',
    apply: 'Uygula',
    firstSeen: 'ilk görülme',
    none: 'Eşleşen gelişme yok.',
    chart: 'Dile göre günlük kaynaklar',
    mark: 'gelişme',
    feeds: 'Akış olarak izle',
  },
  ar: {
    timeline: 'التسلسل الزمني',
    developments: 'التطورات',
    sources: 'المصادر',
    inLanguages: 'اللغات',
    filter: 'تصفية',
    kind: 'النوع',
    language: 'اللغة',
    from: 'من',
    to: 'إلى',
    all: 'الكل',
    apply: 'تطبيق',
    firstSeen: 'أول ظهور',
    none: 'لا توجد تطورات مطابقة.',
    chart: 'المصادر يومياً حسب اللغة',
    mark: 'تطور',
    feeds: 'تابِع كخلاصة',
  },
  fa: {
    timeline: 'گاه‌شمار',
    developments: 'رویدادها',
    sources: 'منابع',
    inLanguages: 'زبان‌ها',
    filter: 'پالایش',
    kind: 'نوع',
    language: 'زبان',
    from: 'از',
    to: 'تا',
    all: 'همه',
    apply: 'اعمال',
    firstSeen: 'نخستین دیده‌شدن',
    none: 'رویدادی یافت نشد.',
    chart: 'منابع روزانه به تفکیک زبان',
    mark: 'رویداد',
    feeds: 'دنبال کردن با خوراک',
  },
  ur: {
    timeline: 'ٹائم لائن',
    developments: 'پیش رفتیں',
    sources: 'ذرائع',
    inLanguages: 'زبانیں',
    filter: 'چھانٹیں',
    kind: 'قسم',
    language: 'زبان',
    from: 'سے',
    to: 'تک',
    all: 'سب',
    apply: 'لاگو کریں',
    firstSeen: 'پہلی بار دیکھا',
    none: 'کوئی پیش رفت نہیں ملی۔',
    chart: 'روزانہ ذرائع، زبان کے لحاظ سے',
    mark: 'پیش رفت',
    feeds: 'فیڈ کے طور پر فالو کریں',
  },
  hi: {
    timeline: 'समयरेखा',
    developments: 'घटनाक्रम',
    sources: 'स्रोत',
    inLanguages: 'भाषाएँ',
    filter: 'छाँटें',
    kind: 'प्रकार',
    language: 'भाषा',
    from: 'से',
    to: 'तक',
    all: 'सभी',
    apply: 'लागू करें',
    firstSeen: 'पहली बार देखा',
    none: 'कोई घटनाक्रम नहीं मिला।',
    chart: 'प्रति दिन स्रोत, भाषा के अनुसार',
    mark: 'घटनाक्रम',
    feeds: 'फ़ीड के रूप में फ़ॉलो करें',
  },
  zh: {
    timeline: '时间线',
    developments: '进展',
    sources: '来源',
    inLanguages: '语言',
    filter: '筛选',
    kind: '类型',
    language: '语言',
    from: '从',
    to: '到',
    all: '全部',
    apply: '应用',
    firstSeen: '首次发现',
    none: '没有符合条件的进展。',
    chart: '每日来源（按语言）',
    mark: '进展',
    feeds: '以订阅源关注',
  },
  vi: {
    timeline: 'Dòng thời gian',
    developments: 'Diễn biến',
    sources: 'Nguồn',
    inLanguages: 'Ngôn ngữ',
    filter: 'Lọc',
    kind: 'Loại',
    language: 'Ngôn ngữ',
    from: 'Từ',
    to: 'Đến',
    all: 'Tất cả',
    apply: 'Áp dụng',
    firstSeen: 'thấy lần đầu',
    none: 'Không có diễn biến phù hợp.',
    chart: 'Nguồn mỗi ngày theo ngôn ngữ',
    mark: 'diễn biến',
    feeds: 'Theo dõi qua nguồn cấp',
  },
  id: {
    timeline: 'Linimasa',
    developments: 'Perkembangan',
    sources: 'Sumber',
    inLanguages: 'Bahasa',
    filter: 'Saring',
    kind: 'Jenis',
    language: 'Bahasa',
    from: 'Dari',
    to: 'Sampai',
    all: 'Semua',
    apply: 'Terapkan',
    firstSeen: 'pertama terlihat',
    none: 'Tidak ada perkembangan yang cocok.',
    chart: 'Sumber per hari menurut bahasa',
    mark: 'perkembangan',
    feeds: 'Ikuti sebagai feed',
  },
};

/**
 * The page language for a request: `?lang=` when the catalog has it, else the first language of
 * Accept-Language (by q-value, region dropped: `fr-CA` → `fr`) the catalog has, else English.
 */
export function pageLanguage(acceptLanguage: string | undefined, requested: string | null): string {
  if (requested && PAGE_STRINGS[requested]) return requested;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.lang && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((r) => PAGE_STRINGS[r.lang])?.lang ?? 'en';
}
