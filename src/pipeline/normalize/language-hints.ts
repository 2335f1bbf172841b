import type { ScriptCensus } from './scripts.js';

/**
 * Letters that tell Arabic-script languages apart. Urdu has retroflex letters and bari ye that
 * neither Persian nor Arabic use; Persian and Urdu write keheh and farsi yeh where Arabic writes
 * kaf and yeh, and add pe, che, zhe and gaf; Arabic alone writes teh marbuta and alef maksura.
 */
const URDU_ONLY = /[ٹڈڑںےۓ]/gu;
const PERSIAN_OR_URDU = /[پچژگکی]/gu;
/** Arabic yeh is left out: legacy encodings (windows-1256) make Persian pages write it too. */
const ARABIC_ONLY = /[كةى]/gu;

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** ar, fa or ur when the letters settle it, else null (leave it to the detector). */
export function arabicScriptLanguage(text: string): 'ar' | 'fa' | 'ur' | null {
  if (count(text, URDU_ONLY) > 0) return 'ur';
  const persian = count(text, PERSIAN_OR_URDU);
  const arabic = count(text, ARABIC_ONLY);
  if (persian >= 2 && persian >= 2 * arabic) return 'fa';
  if (arabic >= 2 && arabic >= 2 * persian) return 'ar';
  return null;
}

/** Cyrillic letters that only one language of the script uses. */
const CYRILLIC_LETTERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['uk', /[їєґ]/giu],
  ['be', /[ў]/giu],
  ['sr', /[ђћџјљњ]/giu],
  ['mk', /[ѓќѕ]/giu],
  ['kk', /[әғқңөұүһ]/giu],
];

/** A Cyrillic-script language named by letters only it uses, else null. */
export function cyrillicLanguage(text: string): string | null {
  for (const [lang, pattern] of CYRILLIC_LETTERS) if (count(text, pattern) > 0) return lang;
  return null;
}

/**
 * Indonesian and Malay share most words; the detector knows only Malay. These words are spelled
 * differently in the two standards (karena/kerana, bisa/boleh, polisi/polis, setelah/selepas…).
 */
const INDONESIAN_WORDS = new Set([
  'karena',
  'bisa',
  'polisi',
  'setelah',
  'yaitu',
  'saja',
  'uang',
  'kantor',
  'mobil',
  'pengadilan',
  'kendaraan',
  'pemerintah',
  'kabupaten',
  'jakarta',
  'dpr',
  'rp',
  'mengatakan',
  'terkait',
  'dokter',
  'sakit',
]);
const MALAY_WORDS = new Set([
  'kerana',
  'boleh',
  'polis',
  'selepas',
  'iaitu',
  'sahaja',
  'wang',
  'pejabat',
  'kereta',
  'mahkamah',
  'kenderaan',
  'kerajaan',
  'ialah',
  'bagaimanapun',
  'malaysia',
  'rm',
  'negeri',
  'berkata',
  'hospital',
  'doktor',
  'sempena',
  'memandangkan',
  'akhbar',
  'bahawa',
  'kuala',
  'lumpur',
  'johor',
  'selangor',
  'sabah',
  'sarawak',
]);

/** Splits Malay-family text into id or ms by spelling; Indonesian when the words do not tell. */
export function indonesianOrMalay(text: string): 'id' | 'ms' {
  let id = 0;
  let ms = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (INDONESIAN_WORDS.has(word)) id += 1;
    if (MALAY_WORDS.has(word)) ms += 1;
  }
  return ms > id ? 'ms' : 'id';
}

/** True when a Han text is Japanese: it has kana, and more than a stray one. */
export function hasJapaneseKana(census: ScriptCensus): boolean {
  const kana = census.Kana ?? 0;
  return kana > 0 && kana >= 0.05 * ((census.Han ?? 0) + kana);
}
