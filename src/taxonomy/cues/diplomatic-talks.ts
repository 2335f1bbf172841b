import type { CueTable } from '../cue-table.js';

/**
 * Cues for diplomatic talks: talks, phone calls and telephone conversations, meetings with
 * counterparts, consultations, negotiations, dialogue and mediation.
 */
export const diplomaticTalks: CueTable = {
  en: [
    'talks', 'phone call', 'telephone call', 'telephone conversation', 'phone conversation', 'spoke by phone',
    'spoke by telephone', 'spoke on the phone', 'met with', 'meeting', 'consultation', 'negotiat', 'dialogue',
    'discussed', 'summit', 'counterpart', 'held discussions', 'mediate', 'mediating', 'mediation', 'mediator',
  ],
  ar: [
    'محادثات', 'مباحثات', 'مفاوضات', 'اتصال هاتفي', 'مكالمة', 'التقى', 'يلتقي', 'لقاء', 'اجتمع', 'مشاورات', 'تشاور',
    'حوار', 'تباحث', 'بحث مع', 'قمة', 'وساطة', 'نظيره', 'اجتماع مع', 'اجتماع بين', 'اجتماعات', 'اجتماع ثنائي',
    'اجتماع وزاري',
  ],
  // Persian writes گفت‌وگو with a ZWNJ (two words once folded) or گفتگو (one word).
  fa: [
    'گفتگو', 'گفت وگو', 'گفت و گو', 'مذاکره', 'مذاکرات', 'رایزنی', 'تماس تلفنی', 'دیدار', 'ملاقات', 'نشست مشترک',
    'جلسه', 'مشورت', 'میانجی', 'همتای', 'تبادل نظر', 'هم اندیشی',
  ],
  ur: [
    'مذاکرات', 'بات چیت', 'گفتگو', 'ٹیلی فون', 'ٹیلیفون', 'فون پر بات', 'فون کال', 'ملاقات', 'اجلاس', 'مشاورت',
    'ثالثی', 'ہم منصب', 'تبادلہ خیال', 'رابطہ کیا',
  ],
  zh: [
    '会谈', '会晤', '会见', '通电话', '通话', '磋商', '谈判', '对话', '协商', '斡旋', '调停', '峰会', '會談', '會晤', '會見', '通電話', '談判', '對話',
    '協商', '峰會',
  ],
  ja: ['会談', '協議', '会合', '面会', '交渉', '対話', '意見交換', '仲介', 'サミット', '話し合'],
  vi: [
    'hội đàm', 'điện đàm', 'gặp gỡ', 'cuộc gặp', 'hội kiến', 'tiếp kiến', 'tham vấn', 'đàm phán', 'đối thoại',
    'thảo luận', 'trao đổi qua điện thoại', 'cuộc họp', 'thượng đỉnh', 'trung gian hòa giải', 'người đồng cấp',
  ],
  ru: [
    'переговор', 'телефонн разговор', 'по телефону', 'встретил', 'встреч', 'консультаци', 'диалог', 'бесед',
    'обсудил', 'посредничеств', 'саммит', 'коллег',
  ],
  tr: [
    'görüşme', 'görüştü', 'telefonda görüş', 'bir araya geldi', 'müzakere', 'istişare', 'diyalog', 'toplantı',
    'zirve', 'arabulucu', 'ele aldı', 'mevkidaş', 'muhatabı',
  ],
  fr: [
    'entretien', "s'est entretenu", 'entretenus', 'pourparlers', 'négoci', 'appel téléphonique',
    'conversation téléphonique', 'rencontr', 'réunion', 'consultations', 'dialogue', 'discussions', 'sommet',
    'médiation', 'homologue',
  ],
  es: [
    'conversaci', 'llamada telefónica', 'conversó', 'negociaci', 'negociar', 'negociador', 'diálogo', 'consultas',
    'cumbre', 'mediación', 'homólogo', 'se entrevistó', 'dialogaron', 'reunió', 'reunirá', 'reunirse',
  ],
  de: [
    'gespräch', 'telefonat', 'telefoniert', 'telefongespräch', 'verhandlung', 'verhandelt', 'treffen', 'traf sich',
    'zusammengetroffen', 'beratung', 'konsultation', 'dialog', 'gipfel', 'vermittlung', 'amtskolleg', 'unterredung',
  ],
  hi: [
    'वार्ता', 'बातचीत', 'फोन पर बात', 'फ़ोन पर बात', 'टेलीफोन', 'फोन कॉल', 'फ़ोन कॉल', 'मुलाकात', 'मुलाक़ात', 'बैठक',
    'भेंट', 'परामर्श', 'विचार विमर्श', 'चर्चा', 'शिखर सम्मेलन', 'मध्यस्थता', 'समकक्ष', 'द्विपक्षीय',
  ],
  id: [
    'perundingan', 'pembicaraan', 'berunding', 'negosiasi', 'percakapan telepon', 'melalui telepon',
    'sambungan telepon', 'bertelepon', 'bertemu', 'pertemuan', 'konsultasi', 'dialog', 'membahas', 'mediasi',
    'mitranya', 'rekan sejawat', 'konferensi tingkat tinggi',
  ],
  pt: [
    'conversações', 'negociaç', 'negociar', 'telefonema', 'conversa telefônica', 'ligação telefônica', 'diálogo',
    'consultas', 'cúpula', 'cimeira', 'mediação', 'homólogo', 'conversou', 'reunião', 'reuniões', 'reuniu', 'reunirá',
    'encontro com', 'encontro entre', 'encontro bilateral',
  ],
  it: [
    'colloqui', 'telefonata', 'conversazione telefonica', 'incontr', 'riunione', 'negoziat', 'trattativ',
    'consultazioni', 'dialogo', 'vertice', 'mediazione', 'omologo', 'omologhi',
  ],
  ko: [
    '회담', '정상회담', '정상 회담', '전화 통화', '전화통화', '통화했', '통화를 하', '회동', '만났다', '만나기로', '회의', '협의', '협상', '대화', '논의', '중재',
    '접견', '면담', '상대국', '회담을', '회담에서', '회담했', '협상을', '논의했', '대화를',
  ],
};
