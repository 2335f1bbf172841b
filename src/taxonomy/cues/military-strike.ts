import type { CueTable } from '../cue-table.js';

/**
 * Cues for a military strike: air, missile, drone and artillery attacks by state forces, bombing
 * and shelling, retaliation, "precision strikes", military operations and cross-border fire.
 */
export const militaryStrike: CueTable = {
  en: [
    'strike', 'struck', 'airstrike', 'air raid', 'missile', 'drone attack', 'kamikaze drone', 'bombard', 'bombed',
    'bombing', 'shelling', 'shelled', 'artillery', 'rocket fire', 'retaliat', 'military operation',
    'launched an operation', 'cross-border attack', 'cross-border fire', 'warplanes', 'fighter jets', 'pounded',
    'missile attack', 'air attack', 'military attack',
  ],
  ar: [
    'غارة', 'غارات', 'ضربة', 'ضربات', 'قصف', 'صاروخ', 'صواريخ', 'طائرة مسيرة', 'طائرات مسيرة', 'هجوم صاروخي', 'مدفعي',
    'عملية عسكرية', 'رد عسكري', 'انتقامي', 'مقاتلات', 'الطيران الحربي', 'طيران حربي', 'استهدف', 'هجوم جوي',
    'هجوم بطائر', 'هجمات بطائر', 'هجمات صاروخي', 'هجمات جوي',
  ],
  fa: [
    'حمله هوایی', 'حملات هوایی', 'موشک', 'پهپاد', 'بمباران', 'گلوله باران', 'گلولهباران', 'توپخانه', 'ضربه', 'ضربات',
    'انتقام', 'عملیات نظامی', 'حمله نظامی', 'جنگنده', 'هدف قرار داد', 'فرامرزی', 'برون مرزی', 'تلافی جویانه',
    'تلافیجویانه', 'اقدام تلافی', 'حمله تلافی',
  ],
  ur: [
    'فضائی حمل', 'ہوائی حمل', 'میزائل', 'ڈرون حمل', 'ڈرون', 'بمباری', 'گولہ باری', 'گولا باری', 'شیلنگ', 'توپ خانے',
    'توپخانہ', 'جوابی کارروائی', 'جوابی حمل', 'فوجی کارروائی', 'فوجی آپریشن', 'اسٹرائیک', 'سٹرائیک', 'جنگی طیار',
    'لڑاکا طیار', 'سرحد پار حمل', 'سرحد پار فائرنگ', 'نشانہ بنایا', 'ٹھکانوں کو نشانہ', 'میزائل حمل',
  ],
  zh: [
    '空袭', '空中打击', '导弹', '飞弹', '无人机袭击', '无人机攻击', '炮击', '轰炸', '军事打击', '精准打击', '精确打击', '报复', '火箭弹', '军事行动', '越境打击', '战机',
    '战斗机', '空襲', '導彈', '無人機', '砲擊', '炮擊', '轟炸', '軍事打擊', '報復', '戰機', '导弹袭击', '導彈襲擊',
  ],
  ja: [
    '空爆', '空襲', '爆撃', '砲撃', 'ミサイル', 'ドローン攻撃', '無人機', '報復', '軍事作戦', '軍事攻撃', '越境攻撃', '精密攻撃', '精密打撃', 'ロケット弾', '砲弾',
    '戦闘機', '武力行使', '攻撃を実施', 'ミサイル攻撃', '空からの攻撃', 'ミサイルで攻撃', '無人機で攻撃', 'ドローンで攻撃',
  ],
  vi: [
    'không kích', 'oanh tạc', 'oanh kích', 'pháo kích', 'nã pháo', 'ném bom', 'tên lửa đạn đạo', 'tên lửa hành trình',
    'phóng tên lửa', 'tấn công tên lửa', 'tập kích', 'máy bay không người lái', 'trả đũa', 'đáp trả quân sự',
    'chiến dịch quân sự', 'đòn tấn công', 'tấn công chính xác', 'tấn công xuyên biên giới', 'máy bay chiến đấu',
    'chiến đấu cơ', 'tấn công bằng tên lửa',
  ],
  ru: [
    'удар', 'авиаудар', 'ракет', 'обстрел', 'бомбардир', 'бомбил', 'артиллер', 'беспилотн', 'дрон', 'налет',
    'возмезди', 'высокоточн', 'военн операц', 'спецоперац', 'истребител', 'атак беспилотник', 'атак дрон',
    'ракетн атак',
  ],
  tr: [
    'hava saldırı', 'hava harekât', 'füze', 'siha', 'insansız hava aracı', 'drone saldırı', 'bombardıman',
    'bombaladı', 'topçu', 'top atışı', 'obüs', 'roket', 'misilleme', 'karşılık verdi', 'vurdu', 'hedef aldı',
    'askeri operasyon', 'askeri harekât', 'sınır ötesi', 'nokta atışı', 'savaş uçak', 'füze saldırı',
  ],
  fr: [
    'frappe', 'bombard', 'raid aérien', 'missile', 'attaque de drone', 'drone', 'artillerie', 'pilonn', 'obus',
    'roquette', 'représaill', 'riposte', 'opération militaire', 'avions de chasse', 'avions de combat',
    'attaque transfrontali', 'tirs transfrontali', 'attaque aérienne', 'attaque de missile',
  ],
  es: [
    'ataque aéreo', 'bombarde', 'misil', 'cohete', 'dron', 'ataque con dron', 'artiller', 'obús', 'proyectil',
    'represalia', 'operación militar', 'ataque de precisión', 'ataque militar', 'aviones de combate',
    'ataque transfronterizo', 'incursión aérea', 'ataque con misil',
  ],
  de: [
    'luftangriff', 'luftschlag', 'rakete', 'marschflugkörper', 'drohne', 'bombardier', 'beschuss', 'beschoss',
    'artillerie', 'vergeltung', 'gegenschlag', 'militärschlag', 'militäroperation', 'militäreinsatz',
    'präzisionsschl', 'präzisionsangriff', 'kampfjet', 'kampfflugzeug',
  ],
  hi: [
    'हवाई हमल', 'एयरस्ट्राइक', 'स्ट्राइक', 'मिसाइल', 'ड्रोन हमल', 'ड्रोन', 'बमबारी', 'गोलाबारी', 'तोपखान', 'रॉकेट',
    'जवाबी कार्रवाई', 'जवाबी हमल', 'सैन्य कार्रवाई', 'सैन्य अभियान', 'लड़ाकू विमान', 'सीमा पार हमल', 'निशाना बनाया',
    'ठिकानों पर हमल', 'मिसाइल हमल',
  ],
  id: [
    'serangan udara', 'rudal', 'misil', 'drone', 'serangan drone', 'pesawat nirawak', 'pengeboman', 'mengebom',
    'membombardir', 'dibombardir', 'artileri', 'roket', 'serangan balasan', 'membalas', 'operasi militer',
    'serangan militer', 'jet tempur', 'pesawat tempur', 'menggempur', 'digempur', 'gempuran', 'serangan presisi',
    'lintas batas', 'serangan rudal',
  ],
  pt: [
    'ataque aéreo', 'bombarde', 'míssil', 'mísseis', 'foguete', 'drone', 'ataque com drone', 'artilharia',
    'retaliação', 'represália', 'operação militar', 'ataque de precisão', 'ataque militar', 'aviões de combate',
    'ofensiva militar', 'ataque transfronteiriço', 'ataque com míss', 'ataque de míss',
  ],
  it: [
    'raid aere', 'bombardament', 'bombardat', 'missil', 'razzo', 'drone', 'droni', 'artiglieria', 'rappresagli',
    'ritorsione', 'operazione militare', 'aerei da combattimento', 'attacc aere', 'attacc con dron',
    'attacc di precisione', 'attacc militar', 'attacc missilistic', 'lancio di razzi', 'razzi contro', 'razzi su',
  ],
  ko: [
    '공습', '미사일', '드론 공격', '무인기', '폭격', '포격', '타격', '정밀 타격', '보복', '보복 공격', '군사 작전', '군사작전', '군사 공격', '전투기', '로켓',
    '포탄', '월경 공격', '미사일 공격', '공습을', '공습으로', '공습했', '폭격했', '포격했', '타격했', '보복 조치',
  ],
};
