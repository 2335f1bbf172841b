/**
 * Words that open a background clause: what follows "after" or "since" happened before the news
 * ("agreed on Friday to de-escalate, after strikes this week"). `following`: the background comes
 * after the word; `preceding`: before it (SOV languages, Chinese 之后). Each language's table, with
 * English everywhere (quotes and names travel).
 */
const MARKERS: Readonly<Record<string, { following?: string[]; preceding?: string[] }>> = {
  en: {
    following: [
      'after',
      'following',
      'since',
      'weeks after',
      'days after',
      'in response to',
      'in retaliation for',
      'in the aftermath of',
      'amid',
      'amidst',
      'in the wake of',
      "this month's",
      "this week's",
      "last week's",
      "last month's",
      'this month’s',
      'this week’s',
      'last week’s',
      'last month’s',
    ],
  },
  fr: { following: ['après', 'sur fond de', 'à la suite de', 'au lendemain de', 'au lendemain d’', "au lendemain d'", 'depuis', 'en réponse à'] },
  es: { following: ['tras', 'después de', 'luego de', 'desde', 'en respuesta a', 'en medio de'] },
  pt: { following: ['após', 'depois de', 'desde', 'em resposta a', 'em meio a', 'em meio às', 'em meio aos'] },
  de: { following: ['nach', 'nachdem', 'seit', 'als Reaktion auf', 'vor dem Hintergrund', 'inmitten'] },
  it: { following: ['dopo', 'in seguito a', 'a seguito', 'da quando', 'in risposta a'] },
  pl: { following: ['po', 'po tym, jak', 'po tym jak', 'od czasu', 'w odpowiedzi na', 'w odwecie za'] },
  ru: { following: ['после', 'спустя', 'в ответ на', 'на фоне'] },
  ar: { following: ['بعد', 'عقب', 'إثر', 'منذ', 'ردا على', 'رداً على', 'في ظل', 'وسط'] },
  fa: { following: ['پس از', 'بعد از', 'در پی', 'در پاسخ به'] },
  ur: { preceding: ['کے بعد', 'کے جواب میں'] },
  hi: { preceding: ['के बाद', 'के जवाब में'] },
  tr: { preceding: ['sonra', 'sonrası', 'ardından', 'sonrasında', 'karşılık olarak'] },
  vi: { following: ['sau khi', 'sau vụ', 'sau các', 'kể từ', 'để đáp trả'] },
  id: { following: ['setelah', 'usai', 'menyusul', 'sejak', 'sebagai balasan', 'di tengah'] },
  zh: { following: ['此前', '自从'], preceding: ['之后', '以后', '后，'] },
  ja: { preceding: ['を受け', 'の後', '後、'] },
  ko: { preceding: ['이후', '후에', '에 대응해', '더니'] },
};

/**
 * Words for a vague past ("this week", "earlier this month"): an event dated only so is background.
 * They are found anywhere in the clause, and English's are read in every language ("recent" covers
 * "recentemente", "la scorsa settimana" covers "della scorsa settimana").
 */
const VAGUE_PAST: Readonly<Record<string, string[]>> = {
  en: ['this week', 'last week', 'this month', 'earlier this month', 'earlier this week', 'recent'],
  ar: ['هذا الشهر', 'هذا الأسبوع', 'الأسبوع الماضي', 'في وقت سابق'],
  vi: ['trong tuần này', 'tuần này', 'tuần trước', 'tháng này'],
  zh: ['本周', '上周', '本月', '日前', '近日', '最近'],
  ja: ['今週', '先週', '今月', '最近', '先日'],
  ko: ['이번 주', '지난주', '이달', '최근'],
  fr: ['cette semaine', 'la semaine dernière', 'ce mois-ci'],
  pl: ['niedawn', 'w tym tygodniu', 'w zeszłym tygodniu', 'w tym miesiącu'],
  it: ['questa settimana', 'la scorsa settimana', 'la settimana scorsa', 'questo mese'],
  es: ['esta semana', 'la semana pasada', 'este mes', 'recientemente'],
  pt: ['esta semana', 'na semana passada', 'este mês'],
  de: ['diese woche', 'in dieser woche', 'letzte woche', 'vergangene woche', 'in der vergangenen woche', 'diesen monat', 'kürzlich'],
  ru: ['на этой неделе', 'на прошлой неделе', 'в этом месяце', 'недавно'],
  tr: ['bu hafta', 'geçen hafta', 'bu ay', 'geçtiğimiz günlerde'],
  id: ['pekan ini', 'pekan lalu', 'minggu ini', 'minggu lalu', 'bulan ini'],
};

/** A part of a sentence: the news in it, or background it recalls. */
export interface Clause {
  text: string;
  background: boolean;
}

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const patterns = new Map<string, { following: RegExp | null; preceding: RegExp | null }>();

const SPACELESS_WORD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

/**
 * One pattern for a list of words, longest first: at word boundaries, except words of scripts written
 * without spaces. Each run of bounded words shares one pair of boundary checks (the same ordered
 * choice as one pair per word, but the engine checks the boundary once per position, not once per word).
 */
function compile(words: string[]): RegExp | null {
  if (words.length === 0) return null;
  const runs: { bounded: boolean; words: string[] }[] = [];
  for (const word of [...words].sort((a, b) => b.length - a.length)) {
    const bounded = !SPACELESS_WORD.test(word);
    const last = runs.at(-1);
    if (last?.bounded === bounded) last.words.push(escape(word));
    else runs.push({ bounded, words: [escape(word)] });
  }
  const alternation = runs.map((run) => (run.bounded ? `(?<![\\p{L}\\p{M}])(?:${run.words.join('|')})(?![\\p{L}\\p{M}])` : run.words.join('|'))).join('|');
  return new RegExp(alternation, 'iu');
}

function markersFor(lang: string): { following: RegExp | null; preceding: RegExp | null } {
  const cached = patterns.get(lang);
  if (cached) return cached;
  const own = MARKERS[lang] ?? {};
  const english = lang === 'en' ? [] : (MARKERS.en?.following ?? []);
  const compiled = { following: compile([...(own.following ?? []), ...english]), preceding: compile(own.preceding ?? []) };
  patterns.set(lang, compiled);
  return compiled;
}

const CLAUSE_END = /[,;:，；、،؛]/u;

/**
 * Splits a sentence into its news and the background it recalls: the clause a marker opens (to the
 * next comma or the end) for "after"-type words, the clause before the marker for SOV "…-den sonra".
 */
export function splitClauses(sentence: string, lang: string): Clause[] {
  const { following, preceding } = markersFor(lang);
  const f = following?.exec(sentence);
  if (f) {
    const rest = sentence.slice(f.index);
    const stop = rest.slice(f[0].length).search(CLAUSE_END);
    const end = stop < 0 ? sentence.length : f.index + f[0].length + stop;
    return [
      { text: sentence.slice(0, f.index), background: false },
      { text: sentence.slice(f.index, end), background: true },
      ...splitClauses(sentence.slice(end), lang),
    ].filter((c) => c.text.trim() !== '');
  }
  const p = preceding?.exec(sentence);
  if (p) {
    const before = sentence.slice(0, p.index);
    const start = Math.max(...[...before.matchAll(new RegExp(CLAUSE_END, 'gu'))].map((m) => m.index + 1), 0);
    const end = p.index + p[0].length;
    return [
      { text: sentence.slice(0, start), background: false },
      { text: sentence.slice(start, end), background: true },
      ...splitClauses(sentence.slice(end), lang),
    ].filter((c) => c.text.trim() !== '');
  }
  return [{ text: sentence, background: false }];
}

/** Whether a clause dates its event only vaguely in the past ("this week"). */
export function vaguelyDated(clause: string, lang: string): boolean {
  const words = [...(VAGUE_PAST[lang] ?? []), ...(lang === 'en' ? [] : (VAGUE_PAST.en ?? []))];
  const lower = clause.toLowerCase();
  return words.some((w) => lower.includes(w));
}
