/**
 * Token rarity over an index: words found in many indexed names ("bank", "ali", "trading") say
 * little about identity, whatever the static word lists know. Computed once at build time; token
 * weights of indexed and query names are scaled by it, so scores in an index lean on rare words.
 */
import type { NameForm } from '../names/index.ts';

/** Words in at most this share of the names keep their full weight. */
const RARE_SHARE = 0.002;
/** Weight lost per tenfold more frequent than RARE_SHARE. */
const LOSS_PER_DECADE = 0.35;
/** Never scale a weight below this share of its static weight. */
const MIN_FACTOR = 0.3;

export class Rarity {
  private readonly df = new Map<string, number>();
  private names = 0;

  /** Word counts as two columns and the name count, for a snapshot. */
  state(): { words: string[]; counts: Int32Array; names: number } {
    return { words: [...this.df.keys()], counts: Int32Array.from(this.df.values()), names: this.names };
  }

  static restore(state: { words: string[]; counts: Int32Array; names: number }): Rarity {
    const rarity = new Rarity();
    for (let i = 0; i < state.words.length; i++) rarity.df.set(state.words[i], state.counts[i]);
    rarity.names = state.names;
    return rarity;
  }

  add(f: NameForm): void {
    this.names++;
    const seen = new Set<string>();
    for (const t of f.tokens) {
      if (t.number || seen.has(t.text)) continue;
      seen.add(t.text);
      this.df.set(t.text, (this.df.get(t.text) ?? 0) + 1);
    }
  }

  /** 0..1 factor for a word: 1 for rare words, down to MIN_FACTOR for the most common. */
  factor(word: string): number {
    const df = this.df.get(word);
    if (!df || this.names === 0) return 1;
    const share = df / this.names;
    if (share <= RARE_SHARE) return 1;
    return Math.max(MIN_FACTOR, 1 - LOSS_PER_DECADE * Math.log10(share / RARE_SHARE));
  }

  /** Scales the token weights of a name in place (numbers keep theirs: they are compared strictly). */
  apply(f: NameForm): void {
    for (const t of f.tokens) if (!t.number) t.weight *= this.factor(t.text);
  }
}
