import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText } from './normalize.ts';

// Words of the job market jieba's default dictionary splits (普/工, 网/约/车, 包吃/住).
const MARKET_WORDS = [
  '包吃住',
  '包食宿',
  '五险一金',
  '社保',
  '长白班',
  '两班倒',
  '计件',
  '日结',
  '月结',
  '扶贫车间',
  '公益岗位',
];

export type Segmenter = { segment(text: string): string[] };

/**
 * Chinese word segmentation with jieba and a custom dictionary of the trades, in search
 * mode (电焊工 also yields 电焊 and 焊工), on normalised text. Measured against
 * Intl.Segmenter in scripts/bench/segmentation.ts.
 */
export function createSegmenter(extraWords: Iterable<string>): Segmenter {
  let jieba: Jieba | undefined;
  const words = [...new Set([...MARKET_WORDS, ...extraWords])].filter((w) => /[\u4e00-\u9fff]/.test(w));
  const load = () => {
    // Loading the native dictionary takes ~0.5 s: only when first needed.
    jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(words.map((w) => `${w} 100000 n`).join('\n')));
    return jieba;
  };
  return {
    segment(text) {
      const tokens = (jieba ?? load()).cutForSearch(normalizeText(text), false);
      return tokens.map((t) => t.trim()).filter((t) => t.length > 0);
    },
  };
}
