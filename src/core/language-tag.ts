/** The primary subtag of a language tag, lower case ("fr-CA" → "fr", "zh_Hans" → "zh"); "" for none. */
export function primarySubtag(tag: string | null | undefined): string {
  return (tag ?? '').trim().toLowerCase().split(/[-_]/u)[0] ?? '';
}
