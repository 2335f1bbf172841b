/**
 * Cue words for one event kind, by language code ("en", "ar", "zh", ...). Cues are written for the
 * matcher's phrase rule (`PhraseIndex` over `foldText` forms), and read as follows:
 *
 * - Folding. Text and cues are folded the same way before comparing: NFKC and lower case; accents
 *   removed from Latin, Greek and Cyrillic letters (é→e, ş→s, ё→е; Vietnamese tone and vowel marks
 *   too, so "không kích" and "khong kich" are one cue) and a few letters spelled out (ı→i, đ→d,
 *   ß→ss); Arabic-script variants unified (ك/ک, ي/ی/ى, ة/ه, أ/إ/آ→ا) with diacritics and tatweel
 *   dropped. ZWNJ becomes a word break ("حمله‌های" reads as two words), as do hyphens and
 *   apostrophes ("de-escalat" is the words "de" + "escalat"). Urdu ہ and ے are not folded to ه/ي,
 *   so Urdu cues are spelled the Urdu way. Devanagari nukta is kept: "ज़" and "ज" differ.
 * - Word starts. A cue matches at the START of a word and the text word may go on: "strike"
 *   matches "strikes", "retaliat" matches "retaliation", "удар" matches "ударов". A multi-word cue
 *   matches consecutive words, each text word starting with the cue's word ("air strike" matches
 *   "air strikes", "ataque aéreo" matches "ataques aéreos"). A one-word cue shorter than 3
 *   characters is refused, two-syllable Hangul words included (Korean tables therefore also give
 *   3-syllable inflected forms: "공습을", "합의했"); Latin and Cyrillic stems are kept to 4+
 *   letters unless a whole word.
 * - Whole words. A cue ending in "$" matches only a whole text word (its last word, for a
 *   multi-word cue): ar "زار$" is "visited", never the "زارة" left of "وزارة" ("ministry") once its
 *   و is read as a proclitic.
 * - Arabic proclitics. The text word where a cue starts is tried as written and without و ف ب ل ك
 *   ال and their combinations (وال، بال، فل ...), so "والغارات" matches the cue "غارات": write a
 *   cue's first word without them. The following words of a multi-word cue are compared as written:
 *   write them as they appear in text, article included ("استدعاء السفير", "وقف إطلاق النار").
 * - Chinese, Japanese, Thai. Cues in these scripts match anywhere as substrings and need 2+
 *   characters. Kana/Han runs break at "・" and Latin letters, so such cues contain neither.
 *   Chinese tables carry traditional forms next to simplified ones (no conversion is done).
 * - All languages at once. A story's index holds every language's cues and reads every item with
 *   them, so a cue must not begin common words of other languages in its script either (fr
 *   "accord" would match en "according", es "firma" de "Firma", fr "tués" en "Tuesday").
 *
 * Hence stems specific enough not to start unrelated words (en "attack" yes, "hit" no), stems that
 * cover inflections in inflected languages (ru "обстрел", tr "saldır", de compounds by their first
 * part), past tenses and nouns alongside verbs. Cues never name countries, people or places: the
 * taxonomy is story-neutral and stories add their own cues in configuration.
 */
export type CueTable = Readonly<Record<string, readonly string[]>>;
