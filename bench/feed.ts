/** Sentence pools per language: realistic news prose, reused to build 1–3 KB bodies. */
const SENTENCES: Readonly<Record<string, readonly string[]>> = {
  en: [
    'The central bank kept its benchmark rate unchanged on Wednesday, citing persistent price pressures in services.',
    'Officials said rescue teams were still searching collapsed buildings in the worst-hit districts.',
    'The opposition accused the government of rushing the bill through parliament without proper debate.',
    'Analysts expect exports to recover in the second half of the year as demand from Asia picks up.',
  ],
  vi: [
    'Ngân hàng Nhà nước giữ nguyên lãi suất điều hành trong bối cảnh lạm phát được kiểm soát.',
    'Lực lượng cứu hộ tiếp tục tìm kiếm các nạn nhân mất tích sau trận lũ quét.',
    'Quốc hội dự kiến thông qua luật sửa đổi trong kỳ họp tới.',
  ],
  ar: [
    'أعلن البنك المركزي الإبقاء على سعر الفائدة دون تغيير بسبب استمرار الضغوط التضخمية.',
    'قالت السلطات إن فرق الإنقاذ ما زالت تبحث عن مفقودين تحت الأنقاض.',
    'واتهمت المعارضة الحكومة بتمرير القانون دون نقاش كاف في البرلمان.',
  ],
  zh: [
    '中国人民银行周三宣布维持基准利率不变，理由是服务业价格压力持续存在。',
    '官员表示，救援人员仍在受灾最严重的地区搜寻倒塌建筑。',
    '分析人士预计，随着亚洲需求回升，下半年出口将有所恢复。',
  ],
  ru: [
    'Центральный банк в среду сохранил ключевую ставку, сославшись на устойчивое инфляционное давление.',
    'По словам чиновников, спасатели продолжают разбирать завалы в наиболее пострадавших районах.',
  ],
  es: [
    'El banco central mantuvo el miércoles su tipo de interés de referencia sin cambios.',
    'Las autoridades dijeron que los equipos de rescate seguían buscando a los desaparecidos.',
  ],
  fa: ['بانک مرکزی روز چهارشنبه نرخ بهره را بدون تغییر نگه داشت.', 'مقامات گفتند گروه‌های امداد همچنان در مناطق آسیب‌دیده جستجو می‌کنند.'],
};

/** Boilerplate as publishers add it; normalize must strip every one. */
const BOILERPLATE: Readonly<Record<string, string>> = {
  en: '<p>Share this:</p><p>Related</p><p>Another story entirely</p>',
  vi: '<p>Đọc thêm:</p><p>Tin khác trong ngày</p>',
  ar: '<p>كلمات دلالية: اقتصاد بنوك</p><p>إقرأ أيضاً:</p><p>خبر آخر</p>',
  zh: '<p>相关阅读</p><p>其他新闻</p>',
  ru: '<p>Читайте также:</p><p>Другая новость</p>',
  es: '<p>Lea también: Otra noticia</p><p>Etiquetas: economía</p>',
  fa: '<p>بیشتر بخوانید:</p><p>خبر دیگر</p>',
};

/** A small deterministic generator, so every run measures the same feed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], next: () => number): T {
  const value = list[Math.floor(next() * list.length)];
  if (value === undefined) throw new Error('empty list');
  return value;
}

/**
 * The bench feed: a deterministic RSS 2.0 document of `count` items (mixed languages, HTML bodies
 * of 1–3 KB with boilerplate), about 25 MB for 10,000 items.
 */
export function buildFeed(count: number): Buffer {
  const next = random(42);
  const languages = Object.keys(SENTENCES);
  const items: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const lang = pick(languages, next);
    const pool = SENTENCES[lang] ?? [];
    const target = 1000 + Math.floor(next() * 2000);
    const paragraphs: string[] = [];
    for (let size = 0; size < target;) {
      const paragraph = `<p>${pick(pool, next)} ${pick(pool, next)}</p>`;
      paragraphs.push(paragraph);
      size += Buffer.byteLength(paragraph);
    }
    const body = `<figure><img src="https://cdn.example.com/${i}.jpg"><figcaption>Photo ${i}</figcaption></figure>${paragraphs.join('')}${BOILERPLATE[lang] ?? ''}`;
    items.push(
      `<item><title>${pick(pool, next).slice(0, 90)} #${i}</title>` +
        `<link>https://news.example.com/${lang}/${i}?utm_source=rss&amp;utm_medium=feed</link>` +
        `<guid isPermaLink="false">bench-${i}</guid>` +
        `<pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate>` +
        `<content:encoded><![CDATA[${body}]]></content:encoded></item>`,
    );
  }
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">` +
      `<channel><title>Bench</title><link>https://news.example.com/</link>${items.join('')}</channel></rss>`,
  );
}
