import type { CueTable } from '../cue-table.js';

/**
 * Cues for a diplomatic protest: recalling an ambassador, summoning an envoy or chargé d'affaires,
 * expelling diplomats, protest notes and demarches, suspending visits or ties, and strong
 * condemnation of a violation of sovereignty or airspace.
 */
export const diplomaticProtest: CueTable = {
  en: [
    'recall its ambassador', 'recall the ambassador', 'recall ambassador', 'recall of its ambassador',
    'recall its envoy', 'summon', "chargé d'affaires", 'expel diplomats', 'expel the ambassador',
    'expel its ambassador', 'expulsion of diplomats', 'persona non grata', 'protest note', 'note of protest',
    'lodge a protest', 'lodge a strong protest', 'formal protest', 'strongly condemn', 'violation of its sovereignty',
    'violation of sovereignty', 'violation of its airspace', 'airspace violation', 'violate its airspace',
    'downgrade diplomatic', 'suspend high-level', 'sever diplomatic', 'cut diplomatic ties', 'close its embassy',
    'a demarche',
  ],
  ar: [
    'استدع', 'سحب السفير', 'سحب سفير', 'قائم بالأعمال', 'طرد السفير', 'طرد الدبلوماسي', 'طرد دبلوماسي',
    'شخص غير مرغوب', 'مذكرة احتجاج', 'احتجاج رسمي', 'احتجاجا شديد', 'تدين بشدة', 'أدان بشدة', 'ندد بشدة',
    'انتهاك سياد', 'انتهاك السياد', 'انتهاك لسياد', 'انتهاك المجال الجوي', 'خرق المجال الجوي', 'اختراق المجال الجوي',
    'قطع العلاقات', 'خفض التمثيل', 'تعليق الزيارات', 'تستدع', 'يستدع', 'تطرد السفير', 'يطرد السفير', 'تسحب سفير',
    'يسحب سفير',
  ],
  fa: [
    'احضار', 'کاردار', 'فراخواند', 'فرا خواند', 'فراخوان سفیر', 'اخراج دیپلمات', 'اخراج سفیر', 'عنصر نامطلوب',
    'یادداشت اعتراض', 'نامه اعتراض', 'اعتراض رسمی', 'اعتراض شدید', 'به شدت محکوم', 'نقض حاکمیت', 'نقض حریم هوایی',
    'نقض تمامیت ارضی', 'تجاوز به حریم', 'قطع روابط', 'کاهش سطح روابط', 'تعلیق سفر',
  ],
  ur: [
    'سفیر کو طلب', 'ہائی کمشنر کو طلب', 'ناظم الامور', 'طلب کر لیا', 'سفیر واپس بلا', 'واپس بلا لیا',
    'احتجاجی مراسلہ', 'احتجاجی نوٹ', 'شدید احتجاج', 'احتجاج ریکارڈ', 'ڈیمارش', 'ملک بدر', 'ناپسندیدہ شخصیت',
    'خودمختاری کی خلاف ورزی', 'فضائی حدود کی خلاف ورزی', 'شدید مذمت', 'تعلقات منقطع', 'دورے معطل',
    'سفارتی تعلقات محدود',
  ],
  zh: [
    '召回大使', '召回驻', '召见', '约见', '驱逐外交官', '驱逐大使', '不受欢迎的人', '抗议照会', '严正交涉', '提出交涉', '强烈抗议', '强烈谴责', '侵犯领空', '侵犯主权',
    '违反领空', '临时代办', '断交', '断绝外交关系', '降低外交关系', '暂停高层', '中止高层', '召見', '驅逐外交官', '抗議照會', '嚴正交涉', '強烈抗議', '強烈譴責', '侵犯領空',
    '斷交',
  ],
  ja: [
    '召還', '大使を呼び出', '大使館員を呼び出', '抗議', '国外追放', '外交官を追放', '外交官の追放', 'ペルソナノングラータ', '臨時代理大使', '領空侵犯', '主権侵害', '強く非難',
    '断交', '国交断絶', '申し入れ', '遺憾',
  ],
  vi: [
    'triệu hồi đại sứ', 'triệu tập đại sứ', 'triệu tập đại biện', 'đại biện lâm thời', 'rút đại sứ',
    'trục xuất nhà ngoại giao', 'trục xuất các nhà ngoại giao', 'trục xuất đại sứ', 'không được hoan nghênh',
    'công hàm phản đối', 'trao công hàm', 'phản đối mạnh mẽ', 'kiên quyết phản đối', 'lên án mạnh mẽ',
    'vi phạm chủ quyền', 'vi phạm không phận', 'xâm phạm chủ quyền', 'xâm phạm không phận', 'cắt đứt quan hệ',
    'hạ cấp quan hệ', 'đình chỉ các chuyến thăm',
  ],
  ru: [
    'отозва посла', 'отзыв посла', 'вызва посла', 'вызов посла', 'вызвал в мид', 'поверенн в делах', 'выслал',
    'высылк', 'выдвор', 'персона нон грата', 'нота протеста', 'ноту протеста', 'демарш', 'решительный протест',
    'заявил протест', 'выразил протест', 'решительно осужда', 'нарушени суверенитет', 'нарушени воздушн',
    'нарушил воздушн', 'разрыв дипломатическ', 'разорвал дипломатическ', 'понизил уровень', 'приостановил визит',
  ],
  tr: [
    'büyükelçi geri çağır', 'büyükelçi geri çağrıl', 'dışişlerine çağır', 'dışişlerine çağrıl', 'bakanlığına çağır',
    'bakanlığına çağrıl', 'bakanlığa çağır', 'bakanlığa çağrıl', 'maslahatgüzar', 'diplomat sınır dışı',
    'istenmeyen kişi', 'protesto notası', 'nota verdi', 'demarş', 'şiddetle kına', 'egemenli ihlal',
    'hava saha ihlal', 'diplomatik ilişkileri kes', 'ilişkileri askıya', 'üst düzey ziyaretleri askıya',
  ],
  fr: [
    'rappel de son ambassadeur', 'rappel son ambassadeur', "rappel de l'ambassadeur", "rappel l'ambassadeur",
    "convoqu l'ambassadeur", "convocation de l'ambassadeur", "chargé d'affaires", 'expuls des diplomates',
    'expulsion de diplomates', 'persona non grata', 'note de protestation', 'vive protestation',
    'protestation officielle', 'condamne fermement', 'condamne avec fermeté', 'violation de sa souveraineté',
    'violation de la souveraineté', 'violation de son espace aérien', "violation de l'espace aérien",
    'rompu les relations', 'rupture des relations', 'suspend les visites',
  ],
  es: [
    'llam a consultas', 'retir a su embajador', 'retirada del embajador', 'convoc al embajador',
    'encargado de negocios', 'expuls a diplomáticos', 'expulsión de diplomáticos', 'persona non grata',
    'nota de protesta', 'enérgica protesta', 'condena enérgicamente', 'condena firmemente',
    'violación de su soberanía', 'violación de la soberanía', 'violación del espacio aéreo',
    'violación de su espacio aéreo', 'romp relaciones', 'ruptura de relaciones', 'suspende las visitas',
  ],
  de: [
    'abberuf', 'zurückgerufen', 'zurückbeordert', 'einbestell', 'geschäftsträger', 'ausweisung von diplomaten',
    'diplomaten ausgewiesen', 'weist diplomaten aus', 'persona non grata', 'protestnote', 'scharf verurteilt',
    'aufs schärfste', 'verletzung der souveränität', 'verletzung seiner souveränität', 'souveränitätsverletzung',
    'verletzung des luftraums', 'luftraumverletzung', 'abbruch der diplomatischen', 'bricht diplomatische',
    'diplomatische beziehungen abgebrochen', 'herabgestuft',
  ],
  hi: [
    'राजदूत को वापस बुला', 'राजदूत वापस बुला', 'उच्चायुक्त को वापस बुला', 'वापस बुलाया', 'तलब', 'निष्कासित',
    'निष्कासन', 'अवांछित व्यक्ति', 'पर्सोना नॉन ग्राटा', 'विरोध पत्र', 'कड़ा विरोध', 'कड़ी आपत्ति', 'आपत्ति जताई',
    'डिमार्श', 'संप्रभुता का उल्लंघन', 'हवाई क्षेत्र का उल्लंघन', 'कड़ी निंदा', 'संबंध तोड',
  ],
  id: [
    'menarik duta besar', 'menarik pulang duta', 'memanggil pulang duta', 'penarikan duta besar',
    'memanggil duta besar', 'memanggil dubes', 'menarik dubes', 'kuasa usaha', 'mengusir diplomat',
    'persona non grata', 'nota protes', 'protes keras', 'protes resmi', 'mengecam keras', 'pelanggaran kedaulatan',
    'pelanggaran wilayah udara', 'melanggar kedaulatan', 'melanggar wilayah udara', 'memutuskan hubungan diplomatik',
    'pemutusan hubungan diplomatik', 'menangguhkan kunjungan', 'mengusir duta besar',
  ],
  pt: [
    'chamou de volta', 'chama de volta', 'chamou para consultas', 'convoc o embaixador', 'convocou para consultas',
    'retir seu embaixador', 'retir o embaixador', 'encarregado de negócios', 'expuls diplomatas',
    'expulsão de diplomatas', 'persona non grata', 'nota de protesto', 'protesto formal', 'veemente protesto',
    'condena veementemente', 'violação da soberania', 'violação de sua soberania', 'violação do espaço aéreo',
    'romp relações', 'rompimento de relações', 'suspende visitas',
  ],
  it: [
    "richiam l'ambasciatore", "richiamo dell'ambasciatore", 'richiamato il proprio ambasciatore',
    "convoc l'ambasciatore", "convocazione dell'ambasciatore", "incaricato d'affari", 'espulsione dei diplomatici',
    'espuls diplomatici', 'espelle diplomatici', 'persona non grata', 'nota di protesta', 'protesta formale',
    'ferma protesta', 'condanna fermamente', 'violazione della sovranità', 'violazione dello spazio aereo',
    'rottura delle relazioni', 'rompe le relazioni', 'sospende le visite',
  ],
  ko: [
    '대사 소환', '소환', '초치', '초치했', '대리대사', '외교관 추방', '추방', '기피인물', '항의 서한', '항의서한', '강력 항의', '엄중 항의', '강력히 규탄', '주권 침해',
    '영공 침범', '단교', '외교 관계 단절', '외교관계 단절', '대사관 폐쇄', '고위급 방문 중단', '소환했', '추방했',
  ],
};
