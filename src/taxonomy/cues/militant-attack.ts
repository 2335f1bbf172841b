import type { CueTable } from '../cue-table.js';

/**
 * Cues for a militant attack: attacks by armed groups, terrorists, insurgents or gunmen; suicide
 * and car bombings, roadside bombs, ambushes, assaults on posts, shootings and hostage-taking.
 */
export const militantAttack: CueTable = {
  en: [
    'attack', 'militant', 'terror', 'insurgent', 'gunmen', 'gunman', 'armed men', 'armed group', 'suicide bomb',
    'car bomb', 'roadside bomb', 'improvised explosive', 'explosive device', 'ambush', 'stormed', 'opened fire',
    'assailant', 'jihadist', 'extremist', 'rebels', 'grenade', 'explosion', 'hostage', 'kidnapp', 'massacre',
  ],
  ar: [
    'هجوم', 'هجمات', 'هاجم', 'مسلحين', 'مسلحو', 'جماعة مسلحة', 'جماعات مسلحة', 'إرهاب', 'انتحاري', 'تفجير', 'انفجار',
    'عبوة ناسفة', 'عبوات ناسفة', 'مفخخ', 'كمين', 'اقتحم', 'اقتحام', 'متمرد', 'متشدد', 'جهادي', 'إطلاق نار', 'رهائن',
    'اختطاف', 'خطف',
  ],
  fa: [
    'تروریست', 'انتحاری', 'بمب گذاری', 'بمبگذاری', 'انفجار', 'شبه نظامی', 'شبهنظامی', 'افراد مسلح', 'مردان مسلح',
    'گروه مسلح', 'گروهک', 'شورشی', 'کمین', 'تیراندازی', 'گروگان', 'ربوده', 'تکفیری', 'جهادی', 'افراط گرا', 'افراطگرا',
    'یورش', 'حمله به', 'حملات به', 'حمله مسلحانه', 'حملات مسلحانه',
  ],
  ur: [
    'حملہ', 'حملے', 'حملوں', 'دہشت گرد', 'دہشتگرد', 'عسکریت پسند', 'شدت پسند', 'انتہا پسند', 'خودکش حمل',
    'خودکش بمبار', 'دھماک', 'دستی بم', 'بارودی سرنگ', 'مسلح افراد', 'نامعلوم مسلح', 'مسلح گروہ', 'شرپسند', 'کالعدم',
    'گھات', 'فائرنگ', 'اغوا', 'یرغمال',
  ],
  zh: [
    '袭击', '恐袭', '恐怖分子', '恐怖主义', '武装分子', '武装人员', '枪手', '激进分子', '极端分子', '叛乱分子', '自杀式', '汽车炸弹', '路边炸弹', '爆炸', '伏击', '枪击',
    '开枪', '人质', '绑架', '劫持', '襲擊', '恐怖攻擊', '武裝分子', '槍手', '自殺式', '槍擊', '綁架',
  ],
  ja: [
    '攻撃', 'テロ', '武装勢力', '武装集団', '武装組織', '過激派', '反政府勢力', '自爆', '仕掛け爆弾', '襲撃', '銃撃', '乱射', '待ち伏せ', '爆発', '爆破', '戦闘員',
    '人質', '誘拐', '拉致',
  ],
  vi: [
    'tấn công', 'khủng bố', 'phiến quân', 'tay súng', 'nhóm vũ trang', 'nhóm chiến binh', 'đánh bom tự sát',
    'đánh bom liều chết', 'kẻ đánh bom', 'đánh bom xe', 'vụ đánh bom', 'bom tự chế', 'phục kích', 'nổ súng',
    'xả súng', 'cực đoan', 'nổi dậy', 'bắt cóc', 'con tin', 'vụ nổ bom', 'dân quân tự vệ',
  ],
  ru: [
    'теракт', 'террор', 'боевик', 'смертник', 'самоподрыв', 'вооруженн люд', 'вооруженн группировк',
    'вооруженн бандформирован', 'нападени', 'напали', 'атак', 'засад', 'взрыв', 'заминированн', 'заложник', 'похитил',
    'похищени', 'повстанц', 'экстремист', 'джихадист', 'стрельб', 'открыли огонь',
  ],
  tr: [
    'saldır', 'terör', 'militan', 'silahlı grup', 'silahlı örgüt', 'silahlı kişi', 'canlı bomba', 'bombalı araç',
    'el yapımı patlayıcı', 'patlama', 'pusu', 'baskın', 'isyancı', 'cihatçı', 'rehin', 'kaçırıl', 'ateş açtı',
    'kurşunla',
  ],
  fr: [
    'attaque', 'attentat', 'terroris', 'djihadiste', 'jihadiste', 'insurgé', 'rebelle', 'homme armé', 'groupe armé',
    'kamikaze', 'voiture piégée', 'engin explosif', 'embuscade', 'assaillant', 'fusillade', 'ouvert le feu', 'otage',
    'explosion',
  ],
  es: [
    'ataque', 'atacaron', 'atacantes', 'atentado', 'terroris', 'yihadista', 'insurgente', 'rebelde', 'milicia',
    'hombres armados', 'grupo armado', 'pistoleros', 'coche bomba', 'carro bomba', 'artefacto explosivo', 'emboscada',
    'asaltaron', 'tiroteo', 'abrieron fuego', 'rehenes', 'secuestr', 'explosión',
  ],
  de: [
    'angriff', 'angreifer', 'anschlag', 'attentat', 'terror', 'selbstmordattentat', 'selbstmordanschl', 'extremist',
    'dschihadist', 'islamist', 'aufständisch', 'rebellen', 'miliz', 'bewaffnete männer', 'bewaffnete gruppe',
    'hinterhalt', 'autobombe', 'sprengsatz', 'sprengstoff', 'schießerei', 'schüsse', 'geisel', 'entführ', 'stürmten',
    'explosion',
  ],
  hi: [
    'हमला', 'हमले', 'हमलों', 'आतंक', 'उग्रवाद', 'चरमपंथ', 'बंदूकधारी', 'हथियारबंद', 'सशस्त्र समूह', 'आत्मघाती',
    'कार बम', 'विस्फोट', 'धमाक', 'आईईडी', 'घात लगा', 'गोलीबारी', 'फायरिंग', 'फ़ायरिंग', 'अपहरण', 'बंधक', 'नक्सली',
    'विद्रोही', 'मुठभेड',
  ],
  id: [
    'serangan', 'menyerang', 'diserang', 'penyerang', 'teroris', 'militan', 'pemberontak', 'kelompok bersenjata',
    'pria bersenjata', 'orang bersenjata', 'bom bunuh diri', 'pengebom bunuh diri', 'bom mobil', 'bom rakitan',
    'ledakan', 'meledak', 'penyergapan', 'disergap', 'menyergap', 'menyerbu', 'penembakan', 'melepaskan tembakan',
    'sandera', 'penculikan', 'diculik', 'ekstremis', 'jihadis',
  ],
  pt: [
    'ataque', 'atacaram', 'atacantes', 'atentado', 'terroris', 'jihadista', 'insurgente', 'rebelde', 'milícia',
    'homens armados', 'grupo armado', 'atirador', 'homem bomba', 'carro bomba', 'artefato explosivo', 'emboscada',
    'invadiram', 'tiroteio', 'abriram fogo', 'reféns', 'sequestr', 'explosão',
  ],
  it: [
    'attacc', 'attentat', 'terroris', 'jihadist', 'insorti', 'ribelli', 'miliziani', 'militanti', 'uomini armati',
    'gruppo armato', 'gruppi armati', 'kamikaze', 'autobomba', 'ordigno', 'imboscata', 'assalitori', 'sparatoria',
    'aperto il fuoco', 'ostaggi', 'rapit', 'esplosione',
  ],
  ko: [
    '공격', '테러', '테러범', '무장세력', '무장 세력', '무장단체', '무장 단체', '괴한', '반군', '자폭', '자살 폭탄', '자살폭탄', '차량 폭탄', '폭탄 테러', '급조폭발물',
    '매복', '총격', '총기 난사', '폭발', '습격', '인질', '납치', '극단주의', '지하디스트', '테러를', '테러로', '공격을', '공격으로', '공격했', '총격을', '총격으로',
    '폭발로', '습격했', '납치했',
  ],
};
