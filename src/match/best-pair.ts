/**
 * The best pair of two entities' names, aligned once: pairs are aligned one after another and the
 * alignment of the best so far is kept, so that its left-over words (the name features of the best pair)
 * are read once the others were compared instead of aligning the best pair a second time.
 */
import type { NameForm } from '../names/index.ts';
import { Alignment } from './align-candidates.ts';
import { emptyLeftOver, type LeftOver } from './left-over.ts';
import { alignNames, readLeftOver } from './name-similarity.ts';

/** Its owner runs it to its end synchronously (one candidate's names); nothing it reads is from another candidate. */
export class BestPairAligner {
  private current = new Alignment();
  private best = new Alignment();

  /** The name score of two names (name-similarity.ts `nameScore`), aligned in the current alignment. */
  score(q: NameForm, c: NameForm): number {
    return alignNames(this.current, q, c);
  }

  /** Makes the pair last scored the best one. */
  keep(): void {
    [this.current, this.best] = [this.best, this.current];
  }

  /** How the left-over words of the best pair differ (its name features), into `out`. */
  leftOver(out: LeftOver): void {
    emptyLeftOver(out);
    readLeftOver(this.best, out);
  }
}
