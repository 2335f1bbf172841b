import type { CueTable } from '../cue-table.js';

/** Cues for a visit: state and official visits, arrivals, trips and tours, hosting and welcome ceremonies. */
export const visit: CueTable = {
  en: [
    'visit', 'arrive in', 'arriving in', 'arrival in', 'trip to', 'travel to', 'will travel', 'hosted', 'welcomed by',
    'landed in', 'tour of', 'received by', 'welcoming ceremony', 'guard of honour', 'guard of honor', 'en route to',
    'embarked on',
  ],
  ar: [
    'زيارة', 'زيارات', 'يزور', 'زار$', 'زارت', 'زاروا', 'زارها', 'وصل إلى', 'يصل إلى', 'استقبل', 'استقبال', 'جولة', 'يتوجه إلى', 'توجه إلى',
    'حل ضيفا', 'غادر متوجها', 'لدى وصول', 'فور وصول',
  ],
  // fa "سفر" alone would also begin "سفرا" ("ambassadors") and "سفره": only in phrases.
  fa: [
    'سفر به', 'سفر رسمی', 'سفر کرد', 'سفر خواهد', 'سفرش', 'سفر خود', 'سفر دو روزه', 'سفر یک روزه', 'سفر دولتی',
    'بازدید', 'دیدار رسمی', 'عازم', 'استقبال', 'میزبانی',
  ],
  ur: [
    'دورہ', 'دورے', 'دوروں', 'پہنچ گئے', 'پہنچے', 'آمد پر', 'روانہ', 'میزبانی', 'استقبال', 'خیرمقدم', 'خیر مقدم',
    'گارڈ آف آنر',
  ],
  zh: ['访问', '到访', '抵达', '出访', '前往', '欢迎仪式', '接待', '行程', '訪問', '到訪', '抵達', '出訪', '歡迎儀式'],
  ja: ['訪問', '到着', '歴訪', '国賓', '歓迎式典', '訪れ', '外遊', '来訪', '出迎え'],
  vi: [
    'chuyến thăm', 'thăm chính thức', 'thăm cấp nhà nước', 'thăm và làm việc', 'đến thăm', 'tới thăm', 'đón tiếp',
    'lễ đón', 'chào đón', 'hạ cánh', 'lên đường',
  ],
  ru: [
    'визит', 'посети', 'посещени', 'прилетел', 'поездк', 'турне', 'отправится в', 'отправился в', 'церемони встречи',
    'почетный караул',
  ],
  tr: [
    'ziyaret', 'resmi tören', 'törenle karşıla', 'ağırladı', 'ağırlayacak', 'ağırlandı', 'seyahat',
    'havalimanında karşıla', 'temaslarda bulun', 'resmi temas', 'bölge turu',
  ],
  fr: [
    'visit', 'se rendra', "s'est rendu à", 'se rend à', 'déplacement', 'voyage', 'tournée', 'accueilli', 'reçu par',
    "cérémonie d'accueil", "garde d'honneur",
  ],
  es: [
    'visit', 'viaj', 'gira por', 'gira oficial', 'recibido por', 'ceremonia de bienvenida', 'aterrizó',
    'honores militares', 'llegó a la capital', 'se desplazó',
  ],
  de: [
    'besuch', 'staatsbesuch', 'antrittsbesuch', 'arbeitsbesuch', 'kurzbesuch', 'reiste', 'reist nach', 'eingetroffen',
    'landete in', 'empfangen', 'empfing', 'militärischen ehren',
  ],
  hi: [
    'यात्रा', 'दौरा', 'दौरे', 'दौरों', 'पहुंचे', 'पहुँचे', 'आगमन', 'स्वागत', 'मेजबानी', 'मेज़बानी', 'रवाना',
    'गार्ड ऑफ ऑनर',
  ],
  id: [
    'kunjungan', 'berkunjung', 'mengunjungi', 'lawatan', 'melawat', 'bertolak ke', 'disambut', 'menyambut',
    'upacara penyambutan', 'kedatangan', 'setibanya', 'bertandang',
  ],
  pt: [
    'visit', 'viaj', 'chegada', 'recebido por', 'acolheu', 'cerimônia de boas-vindas', 'périplo', 'deslocou-se',
    'honras militares', 'desembarcou',
  ],
  it: [
    'visit', 'si recherà', 'si è recato', 'viaggio', 'accolto', 'ricevuto da', 'cerimonia di benvenuto', 'missione a',
    "picchetto d'onore",
  ],
  ko: [
    '방문', '순방', '국빈', '도착', '공식 방문', '국빈 방문', '영접', '환영식', '방문했', '방문할', '찾았다', '출국', '방문한', '방문 중', '방문을', '순방에',
    '도착했',
  ],
};
