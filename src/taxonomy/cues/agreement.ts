import type { CueTable } from '../cue-table.js';

/**
 * Cues for an agreement: parties agreed, reached or signed a deal, accord, treaty, memorandum or
 * joint declaration, or set up a joint mechanism; cooperation agreed.
 */
export const agreement: CueTable = {
  // "accord" alone would match "according": only plural and phrases. "deal" alone: "dealt", "dealer".
  en: [
    'agree', 'reach a deal', 'sign a deal', 'struck a deal', 'peace deal', 'trade deal', 'memorandum', 'signed',
    'signing', 'accords', 'peace accord', 'reach an accord', 'treaty', 'pact', 'joint mechanism', 'joint declaration',
    'joint communique', 'consensus', 'inked', 'security cooperation', 'expand cooperation', 'strengthen cooperation',
  ],
  ar: [
    'اتفق', 'تتفق', 'يتفق', 'نتفق', 'تعزيز التعاون', 'توسيع نطاق التعاون', 'التعاون الأمني', 'توقيع', 'يوقع', 'وقعا', 'وقع على', 'معاهدة', 'صفقة', 'آلية مشتركة', 'آلية للتنسيق', 'آلية تنسيق',
    'تفاهم', 'توافق', 'إعلان مشترك', 'ميثاق', 'بروتوكول', 'بيان مشترك', 'اتفاقية', 'اتفاقيات', 'اتفاق على',
    'اتفاق بين', 'اتفاق مع', 'اتفاق سلام', 'الاتفاق', 'إلى اتفاق', 'اتفاقا',
  ],
  fa: [
    'توافق', 'تفاهم نامه', 'تفاهمنامه', 'یادداشت تفاهم', 'قرارداد', 'امضا', 'پیمان', 'معاهده', 'سازوکار', 'ساز و کار',
    'سند همکاری', 'بیانیه مشترک', 'موافقت کرد',
  ],
  ur: [
    'معاہد', 'مفاہمتی یادداشت', 'مفاہمت کی یادداشت', 'ایم او یو', 'دستخط', 'پر اتفاق', 'اتفاق کیا', 'اتفاق رائے',
    'متفق', 'سمجھوت', 'میکانزم', 'طریقہ کار وضع', 'مشترکہ اعلامیہ', 'مشترکہ بیان',
  ],
  zh: [
    '协议', '协定', '签署', '签订', '同意', '备忘录', '条约', '共识', '机制', '联合声明', '協議', '協定', '簽署', '簽訂', '備忘錄', '條約', '共識', '機制',
    '聯合聲明',
  ],
  ja: ['合意', '協定', '署名', '調印', '締結', '覚書', '条約', 'メカニズム', '枠組み', '共同声明', '取り決め', '一致した', '同意'],
  vi: [
    'thỏa thuận', 'nhất trí', 'đã đồng ý', 'ký kết', 'bản ghi nhớ', 'hiệp định', 'hiệp ước', 'cơ chế hợp tác',
    'cơ chế phối hợp', 'cơ chế đối thoại', 'tuyên bố chung', 'thống nhất', 'văn kiện',
  ],
  ru: [
    'соглашени', 'договор', 'согласил', 'подписал', 'подписани', 'меморандум', 'пакт', 'сделк', 'механизм',
    'совместн заявлени', 'совместн декларац', 'консенсус',
  ],
  // tr "anlaş" alone folds to "anlas", which begins "anlaşılan" ("apparently").
  tr: [
    'anlaşma', 'anlaştı', 'uzlaştı', 'mutabakat', 'mutabık kal', 'imzala', 'antlaşma', 'mekanizma', 'ortak bildiri',
    'ortak deklarasyon', 'protokol',
  ],
  fr: [
    'convenu', 'entente', 'ont signé', 'a signé', 'signataire', 'mémorandum', 'pacte', 'mécanisme',
    'déclaration commune', 'déclaration conjointe', 'consensus', 'un accord', "l'accord", 'cet accord', 'accord de',
    'accord sur', 'accord entre', 'accord avec', "d'accord", 'traité bilatéral', 'signé le traité', 'signé un traité',
    'traité signé',
  ],
  es: [
    'acuerdo', 'pact', 'memorando', 'tratado', 'convenio', 'mecanismo', 'declaración conjunta', 'consenso',
    'entendimiento', 'suscribieron', 'firmaron', 'firmó', 'firmado', 'acordaron', 'acordó',
  ],
  de: [
    'einigung', 'einigten sich', 'einigen sich', 'geeinigt', 'abkommen', 'vereinbar', 'vertrag', 'unterzeichn',
    'absichtserklärung', 'memorandum', 'pakt', 'mechanismus', 'gemeinsame erklärung', 'übereinkunft', 'verständigt',
    'konsens',
  ],
  hi: [
    'समझौत', 'सहमत', 'करार', 'हस्ताक्षर', 'संधि', 'एमओयू', 'संयुक्त तंत्र', 'तंत्र स्थापित', 'संयुक्त बयान',
    'संयुक्त घोषणा', 'डील',
  ],
  id: [
    'kesepakatan', 'sepakat', 'menyepakati', 'disepakati', 'perjanjian', 'menandatangani', 'ditandatangani',
    'penandatanganan', 'nota kesepahaman', 'traktat', 'pakta', 'mekanisme', 'pernyataan bersama', 'deklarasi bersama',
    'konsensus', 'persetujuan',
  ],
  // pt "acord" alone would also match "acordar" ("to wake up").
  pt: [
    'acordo', 'acordaram', 'memorando', 'tratado', 'pacto', 'mecanismo', 'declaração conjunta', 'consenso',
    'entendimento', 'concordaram', 'concordou', 'firmaram', 'assinou', 'assinad', 'assinatura', 'assinar',
  ],
  it: [
    'intesa', 'memorandum', 'trattato', 'patto', 'meccanismo', 'dichiarazione congiunta', 'concordato', 'convenuto',
    'consenso', 'sottoscritto', 'firmat', 'firmano', 'firmare', 'accordo', 'accordi di', 'gli accordi', 'accordi con',
    'accordi tra',
  ],
  ko: [
    '합의', '협정', '서명', '체결', '양해각서', '조약', '협약', '메커니즘', '공동성명', '공동 성명', '동의', '타결', '합의문', '합의했', '서명했', '체결했',
    '합의에', '합의를', '협정을', '체결된',
  ],
};
