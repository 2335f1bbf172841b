/**
 * Boilerplate phrases as data, grouped by language so coverage is visible at a glance. Phrases are
 * matched after `foldForMatch` (case, Arabic letter variants and diacritics do not matter). Nothing
 * here is about a particular site or story; add a language by adding its phrases.
 */

/**
 * "Read also" / "related" headings. Alone on a line they start a list of other articles, so the
 * line and everything after it goes; followed by ":" and a headline on the same line they are one
 * inline link, so only that line goes.
 */
export const READ_ALSO_MARKERS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'read also',
    'also read',
    'read more',
    'related',
    'related articles',
    'related stories',
    'related news',
    'related coverage',
    'related topics',
    'more on this',
    'more on this story',
    'read next',
    'recommended',
    'you may also like',
    'see also',
    'more stories',
    'more from',
  ],
  vi: ['đọc thêm', 'xem thêm', 'tin liên quan', 'bài liên quan', 'tin cùng chuyên mục'],
  fr: ['lire aussi', 'à lire aussi', 'lire également', 'voir aussi', 'sur le même sujet', 'à lire également'],
  es: ['leer también', 'lea también', 'lee también', 'te puede interesar', 'noticias relacionadas', 'ver también'],
  pt: ['leia também', 'leia mais', 'veja também', 'saiba mais', 'notícias relacionadas'],
  de: ['lesen sie auch', 'auch interessant', 'mehr zum thema', 'das könnte sie auch interessieren'],
  ru: ['читайте также', 'по теме', 'смотрите также', 'похожие новости', 'читайте еще'],
  tr: ['ayrıca okuyun', 'ilgili haberler', 'bunlar da ilginizi çekebilir', 'ayrıca bakınız', 'benzer haberler'],
  ar: ['اقرأ أيضا', 'إقرأ أيضاً', 'اقرأ ايضا', 'مواضيع ذات صلة', 'أخبار ذات صلة', 'اقرأ المزيد', 'للمزيد'],
  fa: ['بیشتر بخوانید', 'بخوانید', 'مطالب مرتبط', 'اخبار مرتبط'],
  ur: ['مزید پڑھیں', 'یہ بھی پڑھیں', 'متعلقہ خبریں'],
  hi: ['यह भी पढ़ें', 'और पढ़ें', 'संबंधित खबरें', 'ये भी पढ़ें'],
  id: ['baca juga', 'berita terkait', 'simak juga', 'baca selengkapnya'],
  zh: ['相关阅读', '延伸阅读', '相關新聞', '相关新闻', '相關閱讀', '延伸閱讀', '推荐阅读', '阅读更多'],
  ja: ['関連記事', 'あわせて読みたい'],
  ko: ['관련기사', '관련 기사'],
};

/** Tag and topic lists: a line starting with one of these labels and a colon is dropped. */
export const TAG_LABELS: Readonly<Record<string, readonly string[]>> = {
  en: ['tags', 'tag', 'topics', 'keywords', 'filed under', 'categories'],
  vi: ['chủ đề', 'từ khóa', 'tags'],
  fr: ['mots-clés', 'mots clés', 'étiquettes', 'thèmes'],
  es: ['etiquetas', 'palabras clave', 'temas'],
  pt: ['tags', 'etiquetas', 'palavras-chave', 'tópicos'],
  de: ['schlagwörter', 'schlagworte', 'themen'],
  ru: ['теги', 'метки', 'ключевые слова', 'темы'],
  tr: ['etiketler', 'anahtar kelimeler'],
  ar: ['كلمات دلالية', 'الكلمات المفتاحية', 'وسوم'],
  fa: ['برچسب‌ها', 'برچسب ها', 'کلیدواژه‌ها', 'کلیدواژه ها'],
  ur: ['ٹیگز'],
  hi: ['टैग', 'टैग्स'],
  id: ['topik', 'kata kunci', 'label'],
  zh: ['标签', '標籤', '关键词', '關鍵詞', '关键字'],
};

/** Publication-date, byline and credit labels: a short line starting with one and a colon is dropped. */
export const META_LABELS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'published',
    'updated',
    'last updated',
    'posted',
    'date',
    'by',
    'author',
    'written by',
    'reporter',
    'editing by',
    'reporting by',
    'photo',
    'image',
    'source',
    'credit',
    'copyright',
  ],
  vi: ['ngày đăng', 'cập nhật', 'đăng lúc', 'tác giả', 'phóng viên', 'ảnh', 'nguồn'],
  fr: ['publié le', 'mis à jour', 'auteur', 'par', 'photo', 'source'],
  es: ['publicado', 'actualizado', 'autor', 'por', 'foto', 'fuente'],
  pt: ['publicado', 'atualizado', 'autor', 'por', 'foto', 'fonte'],
  de: ['veröffentlicht', 'aktualisiert', 'autor', 'von', 'foto', 'quelle'],
  ru: ['опубликовано', 'обновлено', 'дата публикации', 'автор', 'фото', 'источник'],
  tr: ['yayınlanma', 'yayın tarihi', 'güncelleme', 'yazar', 'muhabir', 'fotoğraf', 'kaynak'],
  ar: ['تاريخ النشر', 'نشر في', 'آخر تحديث', 'إعداد', 'بقلم', 'كتب', 'تصوير', 'المصدر'],
  fa: ['تاریخ انتشار', 'زمان انتشار', 'نویسنده', 'خبرنگار', 'عکس', 'منبع'],
  ur: ['شائع', 'مصنف', 'رپورٹ', 'ماخذ'],
  hi: ['प्रकाशित', 'अपडेट', 'लेखक', 'रिपोर्ट', 'स्रोत'],
  id: ['diterbitkan', 'diperbarui', 'penulis', 'reporter', 'editor', 'foto', 'sumber'],
  zh: ['发布时间', '發佈時間', '发布日期', '更新时间', '作者', '记者', '記者', '编辑', '編輯', '图片来源', '来源', '來源'],
};

/** Credit labels that may follow an agency name on the same short line ("AFP/ Reuters Source: AFP"). */
export const INLINE_CREDIT_LABELS: readonly string[] = [
  'المصدر',
  'source',
  'nguồn',
  'kaynak',
  'fuente',
  'quelle',
  'источник',
  'منبع',
  'ماخذ',
  'sumber',
  '来源',
];

/**
 * Whole lines that are promotion, consent banners or sharing widgets, in any language. Each pattern
 * must be specific enough that it cannot describe news; lines longer than `PROMO_MAX_LENGTH` are
 * never dropped by these.
 */
export const PROMO_PATTERNS: readonly RegExp[] = [
  /^exciting news!/i,
  /\b(?:is )?now on (?:whatsapp|telegram|google news|threads)\b/i,
  /\bjoin (?:us|our|the) .{0,40}\b(?:whatsapp|telegram|discord|signal)\b/i,
  /^(?:discover more from|subscribe (?:to|today|now|for)|sign up (?:for|to)|follow us on|share (?:this|on)|click here)\b/i,
  /^(?:buy now|subscribe|click here!?|continue reading|read more|like this:|loading\.{3}|share|print|email|advertisement)[.!…»›]*$/i,
  /^the post .+ appeared first on .+$/i,
  /^(?:abonnez-vous|suivez-nous|suscríbete|síguenos|siga-nos|assine a newsletter|folgen sie uns|abonnieren sie|подписывайтесь|подпишитесь|bizi takip edin|abone olun|theo dõi chúng tôi|đăng ký nhận tin|关注我们|订阅我们|تابعونا|اشترك في|ہمیں فالو کریں|ما را دنبال کنید|हमें फॉलो करें|ikuti kami)/i,
];

/** Consent banners name cookies and refer to the site itself. */
export const COOKIE_WORDS = /(?:\bcookies?\b|\bçerez|\bkvkk\b|файл\S* cookie|ملفات تعريف الارتباط|\bکوکی)/i;
export const SITE_SELF_REFERENCE =
  /\b(?:this (?:web)?site|our (?:web)?site|we use|bu site|sitemiz|ce site|nous utilisons|este sitio|utilizamos|usamos|diese website|wir verwenden|этот сайт|мы используем|trang web này|chúng tôi sử dụng)\b|هذا الموقع|نستخدم|این سایت|ما از|本网站|本站/i;

/** Longest line the promo, consent and meta rules may drop. */
export const PROMO_MAX_LENGTH = 400;
export const META_MAX_LENGTH = 160;

/** A top line this long or longer is a lead paragraph even when the feed reused it as the title. */
export const HEADLINE_MAX_LENGTH = 160;
/** Dice similarity above which a top line counts as a repeat of the headline. */
export const HEADLINE_SIMILARITY = 0.7;

/** Trailing crumbs ("Forum", "Home › World"): at most this many words/characters and no sentence end. */
export const CRUMB_MAX_WORDS = 4;
export const CRUMB_MAX_LENGTH = 40;
