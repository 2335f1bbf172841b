import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../src/core/clock.js';
import { Dispatcher, EDIT_INTERVAL_MS } from '../src/delivery/dispatch.js';
import { normalizeItem } from '../src/pipeline/normalize/normalize-item.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { DiscordServer } from './fakes/discord-server.js';
import type { SlackServer } from './fakes/slack-server.js';
import { startDeliveryRig, type DeliveryRig } from './helpers/delivery-rig.js';
import { devItem } from './helpers/corpus.js';
import { bundledStory, seedItems } from './helpers/stories.js';

const AR_DISCORD = '112233445566778899';
const FR_SLACK = 'C0FRENCH';
const T0 = new Date('2024-01-30T12:00:00Z');
type Embed = { title?: string; description?: string; fields?: { name: string; value: string }[] };
type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };

/**
 * A French report of the 16 January strike from the corpus dev split (Reuters via boursier.com),
 * published the day after: "mardi" is the 16th.
 */
function frenchReport() {
  const line = devItem('ip-58d9c24b7d');
  const item = normalizeItem(
    { title: line.title ?? undefined, content: line.summary, published: '2024-01-17T07:00:00Z', link: 'https://teknomers.com/fr/ip-58d9c24b7d' },
    { url: 'https://teknomers.com/fr/' },
  );
  if (!item.ok) throw new Error(item.error.message);
  return { ...item.value, lang: 'fr' };
}

describe("alerts and digests in the channel's language, against fake Discord and Slack", () => {
  const story = bundledStory('iran-pakistan-2024');
  let rig: DeliveryRig;
  let store: SqliteStore;
  let discord: DiscordServer;
  let slack: SlackServer;
  let clock: ManualClock;
  let dispatcher: Dispatcher;
  const seed = (prefix: string) => seedItems().find((s) => s.file.startsWith(prefix))!;
  const ingest = (item: ReturnType<typeof seed> | ReturnType<typeof frenchReport>) => rig.ingest(item);
  const arabicEmbeds = () => (discord.messages(AR_DISCORD)[0]?.embeds ?? []) as Embed[];
  const frenchBlocks = () => (slack.messages(FR_SLACK)[0]?.blocks ?? []) as Block[];
  const frenchSection = (day: string) => frenchBlocks().find((b) => b.type === 'section' && b.fields?.[0]?.text.includes(day));

  beforeEach(async () => {
    rig = await startDeliveryRig(story, { discord: [AR_DISCORD], slack: [FR_SLACK] }, T0);
    ({ store, discord, slack, clock } = rig);
    dispatcher = rig.dispatcher();
    const base = { storyId: story.config.id, alerts: true, digestTime: null, timeZone: null };
    await store.subscribe({ ...base, platform: 'discord', channelId: AR_DISCORD, language: 'ar' }, T0);
    await store.subscribe({ ...base, platform: 'slack', channelId: FR_SLACK, language: 'fr', digestTime: '08:00', timeZone: 'Europe/Paris' }, T0);
  });
  afterEach(() => rig.close());

  it('renders the first alert in Arabic and French, quoting the Vietnamese first report with its language named', async () => {
    await ingest(seed('000'));
    expect(await dispatcher.dispatchDue()).toMatchObject({ sent: 2 });
    const ar = discord.messages(AR_DISCORD)[0];
    expect(ar?.content).toBe('**تطور جديد** · الأزمة الإيرانية الباكستانية، يناير 2024');
    expect(arabicEmbeds().map((e) => e.title)).toEqual([
      'خفض التصعيد: باكستان وإيران',
      'ضربة عسكرية: باكستان → إيران',
      'احتجاج دبلوماسي / استدعاء: باكستان → إيران',
      'ضربة عسكرية: إيران → باكستان',
    ]);
    // ICU's Arabic date, language name and field names from config/locale/ar.yml.
    expect(arabicEmbeds()[3]?.fields?.slice(0, 4)).toEqual([
      {
        name: 'التاريخ',
        value: new Intl.DateTimeFormat('ar', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2024-01-16T00:00:00Z')),
        inline: true,
      },
      { name: 'النوع', value: 'ضربة عسكرية', inline: true },
      { name: 'اللغة', value: 'الفيتنامية', inline: true },
      { name: 'المصادر', value: 'أول خبر', inline: true },
    ]);
    expect(arabicEmbeds().every((e) => e.description?.endsWith(' (الفيتنامية)') && /Pakistan|Iran/u.test(e.description))).toBe(true);
    const [row] = (ar?.components ?? []) as { components: { label: string }[] }[];
    expect(row?.components.map((b) => b.label)).toEqual(['ليست هذه القصة', 'تاريخ خاطئ']);

    const fr = slack.messages(FR_SLACK)[0];
    expect(fr?.text).toBe('Nouveau développement dans Crise Iran–Pakistan, janvier 2024 : désescalade: Pakistan et Iran (19 janv. 2024)');
    expect(frenchSection('16 janv. 2024')?.text?.text).toMatch(/^\*frappe militaire: Iran → Pakistan\*\nXung đột nổ ra hôm 16\/1 .* \(vietnamien\)$/u);
    expect(frenchSection('16 janv. 2024')?.fields?.map((f) => f.text)).toEqual([
      '*Date*\n16 janv. 2024',
      '*Type*\nfrappe militaire',
      '*Langue*\nvietnamien',
      '*Sources*\npremier signalement',
    ]);
  });

  it('edits the alert to quote a source in the channel language once one arrives, and quotes it directly in the next alert', async () => {
    await ingest(seed('000'));
    await dispatcher.dispatchDue();
    const recall = () => arabicEmbeds().find((e) => e.title?.startsWith('احتجاج دبلوماسي'))?.description;
    expect(recall()).toMatch(/^Hôm 17\/1, Islamabad thông báo triệu hồi đại sứ .* \(الفيتنامية\)$/u);
    // The English, Chinese and Arabic seeds, then a French report of the 16 January strike.
    for (const prefix of ['001', '003', '004', '002']) await ingest(seed(prefix));
    await ingest(frenchReport());
    expect((await store.listOutbox()).filter((r) => r.kind === 'alert' && r.status === 'sent').every((r) => r.needsUpdate)).toBe(true);
    clock.advance(EDIT_INTERVAL_MS);
    expect(await dispatcher.dispatchDue()).toMatchObject({ edited: 2, sent: 2 });
    expect(discord.messages(AR_DISCORD)).toHaveLength(2);
    expect(discord.messages(AR_DISCORD)[0]?.edited_timestamp).not.toBeNull();
    // The Arabic seed (France 24) reported the recall: its own sentence is quoted, and no language is named.
    expect(recall()).toBe(
      'وتصاعد التوتر بين البلدين بعد الهجمات الصاروخية، إذ استدعت باكستان سفيرها من طهران، ولم تسمح لنظيره بالعودة إلى إسلام آباد، فضلا عن إلغاء جميع الارتباطات الدبلوماسية والتجارية رفيعة المستوى.',
    );
    // What no Arabic source reported keeps its quote, with its language named in Arabic.
    expect(arabicEmbeds().find((e) => e.title?.startsWith('خفض التصعيد'))?.description).toMatch(/ \(الفيتنامية\)$/u);
    expect(arabicEmbeds().find((e) => e.title === 'ضربة عسكرية: إيران → باكستان')?.description).toBe(
      'L’Iran a mené mardi soir des attaques de missiles et de drones au Pakistan. (الفرنسية)',
    );
    const talks = (discord.messages(AR_DISCORD)[1]?.embeds ?? []) as Embed[];
    expect(talks.map((e) => e.title)).toEqual(['محادثات: باكستان وإيران']);
    expect(talks[0]?.description).toMatch(/^قالت باكستان وإيران، الإثنين، .*لمسلحين\.$/u);

    expect(slack.messages(FR_SLACK)).toHaveLength(2);
    expect(slack.messages(FR_SLACK)[0]?.edited).toBeDefined();
    expect(frenchSection('16 janv. 2024')?.text?.text).toBe(
      '*frappe militaire: Iran → Pakistan*\nL’Iran a mené mardi soir des attaques de missiles et de drones au Pakistan.',
    );
    expect(frenchSection('17 janv. 2024')?.text?.text).toBe(
      '*protestation diplomatique / rappel: Pakistan → Iran*\nL’Iran mène des attaques au Pakistan et tue deux enfants, le pays voisin met en garde contre les conséquences',
    );
    expect(frenchSection('17 janv. 2024')?.fields?.[3]?.text).toBe('*Sources*\négalement rapporté par 5 sources');
    expect(frenchSection('19 janv. 2024')?.text?.text).toMatch(/ \(vietnamien\)$/u);
    const frTalks = (slack.messages(FR_SLACK)[1]?.blocks ?? []) as Block[];
    expect(frTalks.find((b) => b.type === 'section')?.text?.text).toMatch(/^\*pourparlers: Pakistan et Iran\*\nقالت باكستان وإيران، .* \(arabe\)$/u);
  });

  it('sends the digest in the channel language: its title, day, counts and language names', async () => {
    for (const prefix of ['000', '001', '003', '004', '002']) await ingest(seed(prefix));
    const sub = (await store.listSubscriptions()).find((x) => x.channelId === FR_SLACK);
    await store.enqueueDigests([{ subscriptionId: sub?.id ?? 0, day: '2024-01-30', at: clock.now() }]);
    while ((await dispatcher.dispatchDue()).sent > 0);
    const digest = slack.messages(FR_SLACK).at(-1);
    const blocks = (digest?.blocks ?? []) as Block[];
    expect(blocks[0]?.text?.text).toBe('Résumé quotidien · Crise Iran–Pakistan, janvier 2024 · 30 janv. 2024');
    expect(blocks[1]?.elements?.[0]?.text).toMatch(/^5 développements · \d+ sources · 4 langues \(arabe, anglais, vietnamien et chinois\) · Europe\/Paris$/u);
    const lines = blocks.filter((b) => b.type === 'section').map((b) => b.text?.text.split('\n')[0]);
    expect(lines).toEqual([
      '*16 janv. 2024* · frappe militaire — *frappe militaire: Iran → Pakistan*',
      '*17 janv. 2024* · protestation diplomatique / rappel — *protestation diplomatique / rappel: Pakistan → Iran*',
      '*18 janv. 2024* · frappe militaire — *frappe militaire: Pakistan → Iran*',
      '*19 janv. 2024* · désescalade — *désescalade: Pakistan et Iran*',
      '*29 janv. 2024* · pourparlers — *pourparlers: Pakistan et Iran*',
    ]);
  });
});
