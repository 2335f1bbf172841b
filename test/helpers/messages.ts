import type { EventKind } from '../../src/core/event-kinds.js';
import { baseTaxonomy } from '../../src/taxonomy/base-taxonomy.js';
import { kindRule } from '../../src/taxonomy/taxonomy.js';

const kindLabel = (kind: EventKind): string => kindRule(baseTaxonomy(), kind).label;
const EVENT_KINDS = [...baseTaxonomy().keys()];
import type { DevelopmentView, OutboundMessage, SourceView } from '../../src/delivery/message.js';

/** The title an adversarial feed item might carry: every way to ping or format on Discord and Slack. */
export const HOSTILE_TITLE = '@everyone <!channel> **bold** <@U123> & co';

/** The story's title as its config gives it. */
export const STORY_TITLE = 'Iran–Pakistan crisis, January 2024';

function development(
  id: number,
  date: string,
  kind: EventKind,
  label: string,
  summary: string,
  lang: string,
  extra: Partial<DevelopmentView>,
): DevelopmentView {
  const actor = label.split(':')[0] ?? '';
  return {
    id,
    date,
    kind,
    kindLabel: kindLabel(kind),
    actors: [actor, actor === 'Iran' ? 'Pakistan' : 'Iran'],
    label,
    summary,
    summaryLang: lang,
    link: null,
    sourceCount: 1,
    languages: [lang],
    ...extra,
  };
}

/** D1–D5 of the gold timeline (test/fixtures/seeds/seed-timeline.json), with summaries in their sources' languages. */
export const D1 = development(
  1,
  '2024-01-16',
  'military_strike',
  'Iran: military strike on Pakistan',
  "Iran strikes what it calls Jaish al-Adl bases in Pakistan's Balochistan with missiles and drones; Pakistan says two children were killed.",
  'en',
  {
    link: 'https://www.aa.com.tr/en/asia-pacific/pakistan-iran-agree-to-de-escalate-after-air-strikes/3114000',
    sourceCount: 5,
    languages: ['vi', 'en', 'zh', 'ar'],
  },
);
export const D2 = development(
  2,
  '2024-01-17',
  'diplomatic_protest',
  'Pakistan: diplomatic protest / recall against Iran',
  "Pakistan recalls its ambassador from Tehran, bars Iran's ambassador from returning and suspends high-level contacts.",
  'en',
  { sourceCount: 4, languages: ['vi', 'en', 'zh'] },
);
export const D3 = development(
  3,
  '2024-01-18',
  'military_strike',
  'Pakistan: military strike on Iran',
  '周四，巴基斯坦对伊朗东南部边境省份锡斯坦 - 俾路支省的“恐怖分子藏身处”进行了报复性的空袭；伊朗表示空袭造成至少九人死亡。',
  'zh',
  {
    link: 'https://www.voachinese.com/a/pakistan-and-iran-agree-to-de-escalate-after-trading-airstrikes-20240119/7447552.html',
    sourceCount: 4,
    languages: ['zh', 'vi', 'en'],
  },
);
export const D4 = development(
  4,
  '2024-01-19',
  'de_escalation',
  'Pakistan: de-escalation with Iran',
  'Pakistan và Iran hôm 19/1 nhất trí xoa dịu căng thẳng và tái lập lại quan hệ ngoại giao đầy đủ sau khi quân đội hai bên không kích qua lại trong tuần này.',
  'vi',
  { link: 'https://www.voatiengviet.com/a/pakistan-iran-nhat-tri-xoa-diu-cang-thang/7447600.html', sourceCount: 4, languages: ['vi', 'en', 'zh'] },
);
export const D5 = development(
  5,
  '2024-01-29',
  'diplomatic_talks',
  'Iran: talks with Pakistan',
  'قالت باكستان وإيران، الإثنين، إن كلا منهما تحترم سيادة وسلامة أراضي الأخرى، وإنهما عازمتان على توسيع نطاق التعاون الأمني وتكثيف الجهود لإصلاح العلاقات.',
  'ar',
  { link: 'https://www.france24.com/ar/%D8%A2%D8%B3%D9%8A%D8%A7/20240130-pakistan-iran-security', sourceCount: 1, languages: ['ar'] },
);

/** The Vietnamese item that brought the first alert (D4 new, D1–D3 background). */
export const VI_SOURCE: SourceView = {
  title: 'Pakistan, Iran nhất trí xoa dịu căng thẳng sau các vụ không kích',
  link: 'https://www.voatiengviet.com/a/pakistan-iran-nhat-tri-xoa-diu-cang-thang/7447600.html',
  lang: 'vi',
  published: '2024-01-19T12:00:00Z',
  feedName: 'VOA Tiếng Việt',
};

/** The first alert of the gold replay: D4 is the news, D1–D3 are its background. */
export function firstAlert(): OutboundMessage {
  return { type: 'alert', storyId: 'iran-pakistan-2024', storyTitle: STORY_TITLE, developments: [D4], context: [D3, D2, D1], source: VI_SOURCE };
}

/** An alert whose every piece of feed text is hostile markup. */
export function hostileAlert(): OutboundMessage {
  const dev = { ...D5, label: `Iran: talks with Pakistan ${HOSTILE_TITLE}`, summary: `${HOSTILE_TITLE} — ${D5.summary}` };
  return {
    type: 'alert',
    storyId: 'iran-pakistan-2024',
    storyTitle: STORY_TITLE,
    developments: [dev],
    context: [D4],
    source: { ...VI_SOURCE, title: HOSTILE_TITLE, feedName: HOSTILE_TITLE },
  };
}

/** The digest after the replay: the five developments in date order. */
export function fiveDigest(): OutboundMessage {
  return {
    type: 'digest',
    storyId: 'iran-pakistan-2024',
    storyTitle: STORY_TITLE,
    day: '2024-01-30',
    timeZone: 'Asia/Karachi',
    developments: [D1, D2, D3, D4, D5],
    latest: D5,
  };
}

/**
 * A digest of 60 developments: D1–D5 and 55 more built from them, with long multilingual summaries
 * (Arabic, Chinese, Vietnamese, English) so that every platform limit comes into play.
 */
export function sixtyDigest(): OutboundMessage {
  const seeds = [D1, D2, D3, D4, D5];
  const developments = Array.from({ length: 60 }, (_, i): DevelopmentView => {
    const seed = seeds[i % seeds.length] ?? D1;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const kind = EVENT_KINDS[i % EVENT_KINDS.length] ?? 'statement';
    return {
      ...seed,
      id: 100 + i,
      date: `2024-02-${day}`,
      kind,
      kindLabel: kindLabel(kind),
      summary: `${seed.summary} ${seed.summary} ${HOSTILE_TITLE} ${seed.summary}`.repeat(2),
      sourceCount: 1 + (i % 7),
    };
  });
  return {
    type: 'digest',
    storyId: 'iran-pakistan-2024',
    storyTitle: STORY_TITLE,
    day: '2024-02-29',
    timeZone: 'Asia/Karachi',
    developments,
    latest: developments.at(-1) ?? null,
  };
}

/** A digest day with nothing new. */
export function quietDigest(): OutboundMessage {
  return { type: 'digest', storyId: 'iran-pakistan-2024', storyTitle: STORY_TITLE, day: '2024-01-31', timeZone: 'Asia/Karachi', developments: [], latest: D5 };
}
