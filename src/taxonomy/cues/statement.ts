import type { CueTable } from '../cue-table.js';

/**
 * Cues for a statement: officials said, stated or announced; spokespersons, press conferences,
 * warnings, urging and calls, generic condemnation.
 */
export const statement: CueTable = {
  en: [
    'said', 'says', 'saying', 'statement', 'spokesperson', 'spokesman', 'spokeswoman', 'warn', 'urged', 'urges',
    'call for', 'condemn', 'stated', 'announced', 'declared', 'told reporters', 'press conference', 'press briefing',
    'remarks', 'reiterated', 'vowed',
  ],
  ar: [
    'قال', 'يقول', 'صرح', 'تصريح', 'بيان', 'متحدث', 'ناطق', 'حذر', 'يحذر', 'دعا', 'دعت', 'يدعو', 'تدعو', 'أدان',
    'ندد', 'أكد', 'أعلن', 'مؤتمر صحفي', 'أضاف', 'أوضح', 'شدد',
  ],
  fa: [
    'گفت', 'اعلام کرد', 'بیانیه', 'سخنگو', 'هشدار', 'خواستار', 'محکوم', 'تاکید', 'اظهار', 'کنفرانس خبری', 'نشست خبری',
    'افزود', 'تصریح کرد', 'عنوان کرد',
  ],
  // ur "کہا" alone would also begin "کہاں" ("where") and "کہانی" ("story").
  ur: [
    'نے کہا', 'کہا کہ', 'کہا ہے', 'کا کہنا', 'بیان', 'ترجمان', 'خبردار', 'انتباہ', 'مطالبہ', 'مذمت', 'زور دیا',
    'اعلان', 'پریس کانفرنس', 'پریس بریفنگ', 'واضح کیا',
  ],
  zh: [
    '表示', '声称', '指出', '声明', '发言人', '警告', '敦促', '呼吁', '谴责', '强调', '宣布', '记者会', '发布会', '表态', '聲稱', '聲明', '發言人', '呼籲',
    '譴責', '強調', '記者會', '發布會',
  ],
  ja: ['述べ', '語っ', '声明', '報道官', '警告', '求め', '非難', '強調', '発表', '記者会見', '明らかにした', '表明', '談話', '呼びかけ', '主張'],
  vi: [
    'cho biết', 'tuyên bố', 'phát biểu', 'người phát ngôn', 'phát ngôn viên', 'cảnh báo', 'kêu gọi', 'hối thúc',
    'lên án', 'khẳng định', 'nhấn mạnh', 'họp báo', 'thông cáo', 'nói rằng',
  ],
  ru: [
    'заявил', 'заявлени', 'сообщил', 'сказал', 'отметил', 'подчеркнул', 'пресс-секретар', 'представитель',
    'предупредил', 'призвал', 'осудил', 'осужда', 'брифинг', 'пресс-конференц', 'потребовал',
  ],
  tr: [
    'açıkla', 'söyledi', 'ifade etti', 'belirtti', 'vurguladı', 'sözcü', 'uyardı', 'çağrı', 'kınadı', 'kınıyor',
    'kınama', 'basın toplantısı', 'talep etti',
  ],
  fr: [
    'déclar', 'a dit', 'affirm', 'communiqué', 'porte-parole', 'met en garde', 'mis en garde', 'exhort', 'appel à',
    'condamn', 'soulign', 'conférence de presse', 'a estimé', 'a indiqué', 'averti',
  ],
  es: [
    'dijo', 'afirmó', 'declar', 'aseguró', 'comunicado', 'portavoz', 'advirtió', 'advierte', 'instó', 'insta a',
    'pidió', 'exigió', 'conden', 'rueda de prensa', 'conferencia de prensa', 'señaló', 'subrayó',
  ],
  de: [
    'sagte', 'erklär', 'teilte mit', 'mitteilung', 'sprecher', 'regierungssprecher', 'warnte', 'forderte', 'rief auf',
    'rief zu', 'verurteilt', 'betonte', 'pressekonferenz', 'äußerte',
  ],
  // hi "कहा" alone would also begin "कहानी" ("story") and "कहां" ("where").
  hi: [
    'ने कहा', 'कहा कि', 'का कहना', 'बयान', 'प्रवक्ता', 'चेतावनी', 'आग्रह', 'अपील', 'निंदा', 'आह्वान', 'मांग की',
    'घोषणा', 'प्रेस कॉन्फ्रेंस', 'संवाददाता सम्मेलन', 'जोर देकर', 'ज़ोर देकर',
  ],
  id: [
    'mengatakan', 'katanya', 'ujar', 'menyatakan', 'pernyataan', 'juru bicara', 'jubir', 'memperingatkan', 'mendesak',
    'menyerukan', 'seruan', 'mengecam', 'mengutuk', 'kecaman', 'menegaskan', 'konferensi pers', 'jumpa pers',
    'menyampaikan',
  ],
  pt: [
    'disse', 'afirmou', 'declar', 'comunicado', 'porta-voz', 'alertou', 'advertiu', 'pediu', 'exortou', 'instou',
    'conden', 'coletiva de imprensa', 'entrevista coletiva', 'ressaltou', 'destacou', 'nota oficial',
  ],
  it: [
    'ha detto', 'dichiar', 'ha affermato', 'comunicato', 'portavoce', 'avvert', 'esort', 'ha chiesto', 'condann',
    'sottoline', 'conferenza stampa', 'nota ufficiale',
  ],
  ko: [
    '밝혔', '말했', '성명', '대변인', '경고', '촉구', '규탄', '비난', '강조', '발표', '기자회견', '언급', '입장을 밝', '주장', '밝혔다', '말했다', '강조했',
    '촉구했', '경고했', '비난했', '발표했', '언급했', '주장했',
  ],
};
