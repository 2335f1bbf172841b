import type { CueTable } from '../cue-table.js';

/** Cues for casualties: people killed, dead, wounded or injured; death tolls and civilian victims. */
export const casualties: CueTable = {
  // "dead" alone would match "deadline", "deadlock": only in phrases.
  en: [
    'killed', 'killing', 'deaths', 'death toll', 'shot dead', 'found dead', 'people dead', 'were dead', 'wounded',
    'wounding', 'injured', 'injuries', 'injuring', 'casualt', 'fatalit', 'lost their lives', 'martyred', 'perished',
    'dead bodies', 'have died', 'has died', 'had died', 'who died', 'people died', 'died of', 'died from',
  ],
  ar: [
    'قتيل', 'قتل', 'مقتل', 'مصرع', 'شهيد', 'شهداء', 'استشهاد', 'استشهد', 'جريح', 'جرحى', 'مصاب', 'إصابة', 'إصابات',
    'ضحايا', 'ضحية', 'حصيلة', 'وفاة', 'وفيات', 'لقي حتفه', 'لقوا حتفهم', 'جثث', 'جثة',
  ],
  fa: [
    'کشته', 'جان باخت', 'جانباخت', 'جان خود را از دست', 'زخمی', 'مجروح', 'مصدوم', 'تلفات', 'قربانی', 'شهید', 'شهادت',
    'هلاکت', 'هلاک شد', 'جسد', 'اجساد',
  ],
  ur: [
    'ہلاک', 'جاں بحق', 'جان بحق', 'شہید', 'شہادت', 'زخمی', 'مجروح', 'جانی نقصان', 'اموات', 'لاش', 'میت', 'مارے گئے',
    'مارا گیا', 'جان کی بازی', 'قتل',
  ],
  zh: [
    '死亡', '丧生', '遇难', '身亡', '死伤', '伤亡', '受伤', '伤者', '死者', '罹难', '遇害', '炸死', '打死', '喪生', '遇難', '死傷', '傷亡', '受傷', '傷者',
    '罹難',
  ],
  ja: ['死亡', '死者', '犠牲', '負傷', 'けが人', '死傷', '殺害', '遺体', '亡くなった', '命を落と', '重傷', '軽傷'],
  vi: [
    'thiệt mạng', 'tử vong', 'người chết', 'bị giết', 'bị thương', 'thương vong', 'thiệt hại về người', 'tử nạn',
    'sát hại', 'cướp đi sinh mạng', 'làm chết', 'hy sinh', 'hi sinh',
  ],
  ru: ['погиб', 'гибел', 'убит', 'убил', 'ранен', 'пострадав', 'пострадал', 'жертв', 'смертей', 'скончал'],
  // tr "öldü" folds to "oldu" ("became") and "ölüm" to "olum" (begins "olumlu"): left out.
  tr: [
    'hayatını kaybe', 'öldür', 'ölenler', 'ölü sayısı', 'can kaybı', 'yaral', 'şehit', 'cansız beden', 'ceset',
    'sivil kayıp', 'can verdi',
  ],
  fr: [
    'tuées', 'morts', 'est mort', 'trouvé la mort', 'ont péri', 'décès', 'victimes', 'blessure', 'pertes humaines',
    'bilan humain', 'cadavres', 'corps sans vie', 'tuerie', 'été tué', 'tués dans', 'tués lors', 'tués par',
    'ont tué', 'blessés', 'blessée', 'été blessé', 'grièvement blessé', 'enfants tués', 'civils tués', 'soldats tués',
    'militaires tués',
  ],
  es: [
    'muert', 'murió', 'murieron', 'fallecid', 'fallecieron', 'asesinad', 'herid', 'lesionad', 'víctimas',
    'bajas civiles', 'perdieron la vida', 'perdió la vida', 'cadáveres', 'muere',
  ],
  de: [
    'getötet', 'tote', 'todesopfer', 'ums leben', 'starben', 'gestorben', 'umgekommen', 'verletzt', 'verwundet',
    'opfer', 'leichen',
  ],
  hi: [
    'मारे गए', 'मारे गये', 'मारा गया', 'मौत', 'मृत', 'जान गई', 'जान गंवा', 'जान गँवा', 'घायल', 'जख्मी', 'ज़ख्मी',
    'हताहत', 'शहीद', 'लाश', 'शवों', 'शव बरामद',
  ],
  id: [
    'tewas', 'terbunuh', 'dibunuh', 'menewaskan', 'meninggal dunia', 'korban jiwa', 'korban luka', 'luka luka',
    'terluka', 'luka berat', 'kematian', 'jenazah', 'mayat', 'gugur', 'orang cedera', 'mengalami cedera',
  ],
  pt: [
    'mortos', 'mortes', 'ferid', 'vítimas', 'baixas civis', 'óbitos', 'perderam a vida', 'perdeu a vida',
    'assassinad', 'cadáveres', 'morre',
  ],
  it: ['morti', 'morto', 'uccis', 'vittime', 'ferit', 'deceduti', 'decessi', 'perso la vita', 'cadaveri', 'strage'],
  ko: [
    '사망', '사망자', '숨졌', '숨진', '숨져', '부상자', '부상을 입', '부상당', '중상', '사상자', '희생자', '희생', '시신', '피살', '살해', '목숨을 잃', '다쳤',
    '다친', '사망했', '숨졌다', '살해됐', '살해했', '다쳤다', '중상을',
  ],
};
