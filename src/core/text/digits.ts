/** Persian (۰–۹) and Arabic-Indic (٠–٩) digits, the ones feeds in Arabic script write. */
const EASTERN_DIGIT = /[\u06f0-\u06f9\u0660-\u0669]/g;

/**
 * Persian and Arabic-Indic digits as ASCII digits ("۱۴۰۲" → "1402", "٢٠٢٤" → "2024"), so that every
 * parser and matcher reads them; the low nibble of each code point is the digit's value.
 */
export function asciiDigits(text: string): string {
  return text.replace(EASTERN_DIGIT, (d) => String(d.charCodeAt(0) & 0xf));
}
