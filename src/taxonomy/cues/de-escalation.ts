import type { CueTable } from '../cue-table.js';

/**
 * Cues for de-escalation: easing or defusing tensions, calls for and pledges of restraint,
 * ceasefires and truces, restoring ties, ambassadors returning to their posts, normalization.
 */
export const deEscalation: CueTable = {
  en: [
    'de-escalat', 'deescalat', 'ease tension', 'easing tension', 'reduce tension', 'defus', 'restore ties',
    'restore relations', 'restore diplomatic', 'restoration of ties', 'restoration of relations',
    'restoration of diplomatic', 'normaliz', 'ambassador return', 'ambassador to return', 'ambassador will return',
    'return of ambassador', 'ceasefire', 'cease-fire', 'truce', 'restraint', 'call for calm', 'restore calm',
    'return to calm', 'thaw', 'reconcil', 'rapprochement', 'step back from the brink', 'pull back',
  ],
  ar: [
    'تهدئة', 'خفض التصعيد', 'وقف التصعيد', 'عدم التصعيد', 'تجنب التصعيد', 'نزع فتيل', 'تخفيف التوتر', 'تخفيف حدة',
    'احتواء', 'ضبط النفس', 'وقف إطلاق النار', 'هدنة', 'عودة العلاقات', 'استئناف العلاقات', 'إعادة العلاقات', 'تطبيع',
    'عودة السفير', 'عودة السفراء', 'انفراج', 'مصالحة', 'تقارب',
  ],
  fa: [
    'کاهش تنش', 'تنش زدایی', 'تنشزدایی', 'مهار تنش', 'آتش بس', 'آتشبس', 'آرامش', 'خویشتن داری', 'خویشتنداری',
    'بازگشت سفیر', 'بازگشت سفرا', 'عادی سازی', 'عادیسازی', 'از سرگیری روابط', 'ازسرگیری روابط', 'برقراری مجدد روابط',
    'بهبود روابط', 'آشتی', 'فروکش', 'پرهیز از تشدید',
  ],
  ur: [
    'کشیدگی میں کمی', 'کشیدگی کم', 'کشیدگی کا خاتمہ', 'تناؤ میں کمی', 'تناؤ کم', 'جنگ بندی', 'فائر بندی', 'سیز فائر',
    'سیزفائر', 'تحمل کا مظاہرہ', 'ضبط و تحمل', 'تعلقات کی بحالی', 'تعلقات بحال', 'سفیروں کی واپسی', 'معمول پر',
    'مفاہمت', 'صلح', 'امن بحال',
  ],
  zh: [
    '缓和', '降温', '缓解紧张', '化解', '恢复关系', '恢复外交关系', '正常化', '大使返回', '大使回任', '大使返任', '停火', '休战', '克制', '平息', '和解', '緩和',
    '降溫', '緩解緊張', '恢復關係', '恢復外交', '休戰',
  ],
  ja: ['緩和', '沈静化', '鎮静化', '事態の収拾', '関係修復', '関係改善', '正常化', '帰任', '停戦', '休戦', '冷静な対応', '和解', '緊張が和ら', '緊張を和ら', '自制を'],
  vi: [
    'hạ nhiệt', 'giảm căng thẳng', 'xuống thang', 'giảm leo thang', 'xoa dịu', 'khôi phục quan hệ', 'bình thường hóa',
    'đại sứ trở lại', 'ngừng bắn', 'đình chiến', 'tự kiềm chế', 'kiềm chế tối đa', 'kêu gọi kiềm chế', 'hòa giải',
    'hàn gắn', 'lắng dịu', 'tháo ngòi', 'rút quân',
  ],
  ru: [
    'деэскалац', 'снижени напряж', 'снизить напряж', 'ослаблени напряж', 'разрядить', 'разрядк', 'нормализац',
    'восстановлени отношени', 'восстановить отношени', 'восстановлени дипломатическ', 'возвращени посл',
    'вернуть посл', 'перемири', 'прекращени огня', 'режим тишины', 'сдержанност', 'примирени', 'отвод войск',
    'урегулировани',
  ],
  tr: [
    'gerginliği azalt', 'gerginliğin azal', 'gerilimi azalt', 'gerilimin azal', 'gerilimi düşür', 'gerginliği düşür',
    'tansiyonu düşür', 'yatıştır', 'itidal', 'sağduyu', 'ateşkes', 'normalleş', 'ilişkileri yeniden',
    'büyükelçi görev dön', 'uzlaşı', 'uzlaşma', 'sakinleş', 'yumuşama', 'soğukkanlı',
  ],
  fr: [
    'désescalad', 'apais', 'décrispation', 'désamorcer', 'cessez le feu', 'trêve', 'normalisation',
    'rétablir les relations', 'rétablissement des relations', 'reprise des relations', "retour de l'ambassadeur",
    'retour des ambassadeurs', 'réconciliation', 'rapprochement', 'retour au calme', 'réduire les tensions',
    'baisse des tensions', 'à la retenue', 'preuve de retenue',
  ],
  es: [
    'desescalad', 'distensión', 'rebajar la tensión', 'reducir la tensión', 'apacigu', 'contención', 'moderación',
    'alto el fuego', 'cese el fuego', 'cese al fuego', 'tregua', 'normalización', 'restablec relaciones',
    'restablec las relaciones', 'restablecimiento de relaciones', 'reanud relaciones', 'reanud las relaciones',
    'regreso del embajador', 'retorno de los embajadores', 'reconciliación', 'acercamiento', 'a la calma',
  ],
  de: [
    'deeskal', 'entspannung', 'spannungen abbauen', 'spannungen abzubauen', 'spannungen verringern',
    'spannungen zu verringern', 'zurückhaltung', 'waffenstillstand', 'waffenruhe', 'feuerpause', 'normalisierung',
    'wiederherstellung der beziehungen', 'beziehungen wiederhergestellt', 'versöhnung', 'annäherung', 'beruhigung',
    'entschärf', 'auf seinen posten zurück', 'auf ihre posten zurück',
  ],
  hi: [
    'तनाव कम', 'तनाव घट', 'तनाव में कमी', 'युद्धविराम', 'युद्ध विराम', 'संघर्ष विराम', 'संघर्षविराम', 'सीजफायर',
    'सीज़फायर', 'संयम', 'शांति बहाल', 'संबंध बहाल', 'रिश्ते बहाल', 'संबंधों की बहाली', 'सामान्यीकरण', 'संबंध सामान्य',
    'सुलह', 'डी एस्केलेशन',
  ],
  id: [
    'de eskalasi', 'deeskalasi', 'meredakan ketegangan', 'meredam ketegangan', 'mengurangi ketegangan',
    'menurunkan ketegangan', 'redanya ketegangan', 'gencatan senjata', 'menahan diri', 'pemulihan hubungan',
    'memulihkan hubungan', 'normalisasi', 'kembalinya duta besar', 'rekonsiliasi',
  ],
  pt: [
    'desescalad', 'distensão', 'reduzir a tensão', 'redução das tensões', 'apazigu', 'contenção', 'moderação',
    'cessar fogo', 'trégua', 'normalização', 'restabelecer relações', 'restabelecimento das relações', 'reata',
    'retomada das relações', 'retorno do embaixador', 'regresso do embaixador', 'reconciliação', 'reaproximação',
    'à calma', 'pediu calma',
  ],
  it: [
    'de-escalation', 'distensione', 'allentare le tensioni', 'allentamento delle tensioni', 'ridurre le tensioni',
    'riduzione delle tensioni', 'moderazione', 'autocontrollo', 'cessate il fuoco', 'tregua', 'normalizzazione',
    'ripristino delle relazioni', 'ripristinare le relazioni', 'ristabilire le relazioni',
    "ritorno dell'ambasciatore", 'riconciliazione', 'riavvicinamento', 'alla calma',
  ],
  ko: [
    '긴장 완화', '긴장완화', '긴장 해소', '사태 진정', '진정시키', '진정세', '완화', '관계 회복', '관계 복원', '정상화', '대사 복귀', '휴전', '자제', '화해', '해빙',
    '긴장 감소', '확전 자제', '휴전을', '휴전 합의', '자제를', '화해를',
  ],
};
