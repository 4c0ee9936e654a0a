/**
 * What the score-bound pre-check reads per indexed name (by name ref), appended while an index is
 * built so that no analysed name has to be kept for it: the packed signature, the key's number and
 * whether the name has a Chinese core name.
 */
import type { NameForm } from '../names/index.ts';
import { GrowingInt32 } from './growing-array.ts';
import { signatureSize, writeSignature } from './name-signature.ts';

export class NameRefsBuilder {
  /** name key → its number, in order of first appearance */
  readonly keyIds = new Map<string, number>();
  private readonly sigPool = new GrowingInt32();
  private readonly sigAt = new GrowingInt32();
  private readonly refKey = new GrowingInt32();
  private readonly refHan: number[] = [];

  /** Names added so far: the next name's ref. */
  get length(): number {
    return this.sigAt.length;
  }

  /** Adds a name with its final (rarity-scaled) weights. */
  add(f: NameForm): void {
    this.sigAt.push(this.sigPool.length);
    writeSignature(f, this.sigPool.extend(signatureSize(f)));
    let kid = this.keyIds.get(f.key);
    if (kid === undefined) this.keyIds.set(f.key, (kid = this.keyIds.size));
    this.refKey.push(kid);
    this.refHan.push(f.hanCore ? 1 : 0);
  }

  done(): { sigPool: Int32Array; sigAt: Int32Array; refKey: Int32Array; refHan: Uint8Array } {
    return { sigPool: this.sigPool.done(), sigAt: this.sigAt.done(), refKey: this.refKey.done(), refHan: Uint8Array.from(this.refHan) };
  }
}
