/** Commands whose libraries land in later steps register here. */
import type { Command } from 'commander';
import type { CliIO } from '../io.ts';

export function registerOptional(_program: Command, _io: CliIO, _setExit: (code: number) => void): void {}
