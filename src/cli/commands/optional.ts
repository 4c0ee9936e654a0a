/** Commands whose libraries land in later steps register here. */
import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { registerMatch } from './match.ts';
import { registerDevices } from './devices.ts';
import { registerScan } from './scan.ts';

export function registerOptional(program: Command, io: CliIO, setExit: (code: number) => void): void {
  registerMatch(program, io, setExit);
  registerDevices(program, io, setExit);
  registerScan(program, io, setExit);
}
