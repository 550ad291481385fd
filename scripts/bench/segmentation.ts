// How well each segmenter keeps the trades of the source reports whole in job-ad text.
//   node --conditions=@duijie/source --import tsx scripts/bench/segmentation.ts
import { normalizeText, Taxonomy } from '@duijie/taxonomy';

const trades = [
  '普工',
  '电焊',
  '焊工',
  '叉车',
  '家政',
  '育婴师',
  '电工',
  '服务员',
  '物业',
  '纺织',
  '造纸',
  '机床',
  '保洁',
  '保安',
  '厨师',
  '快递',
  '网约车',
  '办公自动化',
  '人力资源管理',
];
const sentences = trades.map(
  (w, i) => `${['招聘', '急招', '诚聘'][i % 3]}${w}${['若干名', '月薪4000元包吃住', '有经验者优先'][i % 3]}`,
);

const taxonomy = Taxonomy.load();
const intl = new Intl.Segmenter('zh', { granularity: 'word' });
const segmenters: Record<string, (s: string) => string[]> = {
  'jieba + trades dictionary (search mode)': (s) => taxonomy.segment(s),
  'Intl.Segmenter (ICU)': (s) => [...intl.segment(normalizeText(s))].map((x) => x.segment),
};

taxonomy.segment('warm up');
for (const [name, segment] of Object.entries(segmenters)) {
  let whole = 0;
  const missed: string[] = [];
  const started = performance.now();
  for (let round = 0; round < 200; round++) {
    sentences.forEach((s, i) => {
      const tokens = segment(s);
      if (round === 0) {
        if (tokens.includes(trades[i] ?? '')) whole++;
        else missed.push(`${trades[i]} → ${tokens.join('/')}`);
      }
    });
  }
  const usPerSentence = ((performance.now() - started) * 1000) / (200 * sentences.length);
  console.log(`${name}: ${whole}/${trades.length} trades kept whole, ${usPerSentence.toFixed(1)} µs a sentence`);
  for (const m of missed) console.log(`  missed ${m}`);
}
