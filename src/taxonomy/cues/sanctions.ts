import type { CueTable } from '../cue-table.js';

/** Cues for sanctions: sanctions and embargoes, asset freezes, blacklists, trade, export and travel bans. */
export const sanctions: CueTable = {
  en: [
    'sanction', 'embargo', 'asset freeze', 'freeze assets', 'froze assets', 'froze the assets', 'freezing of assets',
    'freeze the assets', 'blacklist', 'black list', 'trade ban', 'export ban', 'import ban', 'export controls',
    'travel ban', 'punitive measures', 'restrictive measures', 'entity list', 'boycott',
  ],
  ar: [
    'عقوبات', 'عقوبة', 'حظر', 'تجميد أصول', 'تجميد الأصول', 'تجميد أموال', 'تجميد الأموال', 'قائمة سوداء',
    'القائمة السوداء', 'إجراءات عقابية', 'تدابير عقابية', 'تدابير تقييدية', 'حصار', 'مقاطعة اقتصادية',
  ],
  fa: [
    'تحریم', 'مسدود کردن دارایی', 'توقیف دارایی', 'بلوکه', 'فهرست سیاه', 'لیست سیاه', 'ممنوعیت صادرات',
    'ممنوعیت واردات', 'ممنوعیت سفر', 'محدودیت های تجاری', 'اقدامات تنبیهی', 'تدابیر تنبیهی', 'محاصره', 'بایکوت',
  ],
  ur: [
    'پابندی', 'اثاثے منجمد', 'اثاثوں کو منجمد', 'اثاثے ضبط', 'بلیک لسٹ', 'واچ لسٹ', 'تعزیری اقدامات', 'ناکہ بندی',
    'بائیکاٹ', 'سینکشن',
  ],
  zh: [
    '制裁', '禁运', '冻结资产', '资产冻结', '冻结其资产', '黑名单', '实体清单', '贸易禁令', '出口禁令', '出口管制', '进口禁令', '旅行禁令', '惩罚性措施', '限制措施', '封锁',
    '禁運', '凍結資產', '資產凍結', '黑名單', '實體清單', '懲罰性', '封鎖',
  ],
  ja: [
    '制裁', '禁輸', '資産凍結', 'ブラックリスト', '輸出規制', '輸出禁止', '輸入禁止', '渡航禁止', '入国禁止', '禁止措置', '対抗措置', '懲罰的', '封鎖', 'エンティティーリスト',
    'エンティティリスト',
  ],
  vi: [
    'trừng phạt', 'cấm vận', 'phong tỏa tài sản', 'đóng băng tài sản', 'danh sách đen', 'cấm xuất khẩu',
    'cấm nhập khẩu', 'kiểm soát xuất khẩu', 'cấm đi lại', 'cấm nhập cảnh', 'tẩy chay',
  ],
  ru: [
    'санкци', 'эмбарго', 'замороз актив', 'заморожен актив', 'черн спис', 'запрет на экспорт', 'запрет на импорт',
    'запрет на въезд', 'экспортн контрол', 'ограничительн мер', 'блокад', 'бойкот',
  ],
  tr: [
    'yaptırım', 'ambargo', 'mal varlı dondur', 'varlıklarını dondur', 'kara liste', 'ihracat yasağı',
    'ithalat yasağı', 'seyahat yasağı', 'ticaret yasağı', 'ihracat kısıtlama', 'kısıtlayıcı önlem',
    'cezalandırıcı önlem', 'abluka', 'boykot',
  ],
  fr: [
    'sanction', 'embargo', 'gel des avoirs', 'gel de ses avoirs', 'gelé les avoirs', 'avoirs gelés', 'liste noire',
    "interdiction d'exporter", 'interdiction des exportations', 'interdiction de voyager',
    "contrôles à l'exportation", 'mesures restrictives', 'mesures punitives', 'blocus', 'boycott',
  ],
  es: [
    'sanci', 'embargo', 'congelación de activos', 'congelar activos', 'congelar los activos', 'activos congelados',
    'bienes congelados', 'lista negra', 'prohibición de export', 'prohibición de import', 'control de exportaciones',
    'medidas restrictivas', 'medidas punitivas', 'bloqueo', 'boicot',
  ],
  de: [
    'sanktion', 'embargo', 'vermögen eingefroren', 'einfrieren von vermögen', 'schwarze liste', 'exportverbot',
    'importverbot', 'einfuhrverbot', 'ausfuhrverbot', 'handelsverbot', 'einreiseverbot', 'exportkontrolle',
    'strafmaßnahme', 'restriktive maßnahmen', 'blockade', 'boykott', 'strafzöll',
  ],
  hi: [
    'प्रतिबंध', 'पाबंदी', 'पाबंदियां', 'पाबंदियों', 'संपत्ति फ्रीज', 'संपत्ति जब्त', 'ब्लैकलिस्ट', 'ब्लैक लिस्ट',
    'काली सूची', 'दंडात्मक', 'नाकाबंदी', 'बहिष्कार',
  ],
  id: [
    'sanksi', 'embargo', 'pembekuan aset', 'membekukan aset', 'aset dibekukan', 'daftar hitam', 'larangan ekspor',
    'larangan impor', 'larangan perdagangan', 'larangan bepergian', 'larangan masuk', 'pembatasan ekspor',
    'kontrol ekspor', 'tindakan hukuman', 'blokade', 'boikot',
  ],
  pt: [
    'sanção', 'sanções', 'sancion', 'embargo', 'congelamento de bens', 'congelamento de ativos', 'congelou',
    'bens congelados', 'ativos congelados', 'lista negra', 'proibição de exportação', 'proibição de importação',
    'proibição de viagem', 'controle de exportações', 'controles de exportação', 'medidas restritivas',
    'medidas punitivas', 'bloqueio', 'boicote',
  ],
  it: [
    'sanzion', 'embargo', 'congelamento dei beni', 'congelamento degli asset', 'beni congelati', 'asset congelati',
    'lista nera', 'divieto di esportazione', 'divieto di importazione', 'divieto di viaggio',
    'controlli sulle esportazioni', 'misure restrittive', 'misure punitive', 'blocco commerciale', 'boicottaggio',
  ],
  ko: [
    '제재', '금수', '금수 조치', '엠바고', '자산 동결', '자산동결', '블랙리스트', '수출 금지', '수출금지', '수입 금지', '수출 통제', '수출통제', '여행 금지', '입국 금지',
    '제재 대상', '거래 제한', '봉쇄', '불매', '제재를', '제재에',
  ],
};
