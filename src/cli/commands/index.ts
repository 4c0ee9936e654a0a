/** Every `sightline` command, registered on one commander program. Heavy libraries load inside the actions. */
import type { Command } from 'commander';
import type { CliIO } from '../io.ts';
import { registerLists } from './lists.ts';
import { registerEntity } from './entity.ts';
import { registerMatch } from './match.ts';
import { registerScreen } from './screen.ts';
import { registerDevices } from './devices.ts';
import { registerScan } from './scan.ts';
import { registerServe } from './serve.ts';
import { registerStart } from './start.ts';
import { registerPack } from './pack.ts';
import { registerWorker } from './worker.ts';
import { registerEvidence } from './evidence.ts';
import { registerMonitor } from './monitor.ts';

export function registerCommands(program: Command, io: CliIO, setExit: (code: number) => void): void {
  registerLists(program, io);
  registerEntity(program, io);
  registerMatch(program, io, setExit);
  registerScreen(program, io, setExit);
  registerDevices(program, io, setExit);
  registerScan(program, io, setExit);
  registerServe(program, io);
  registerStart(program, io);
  registerPack(program, io, setExit);
  registerWorker(program, io);
  registerEvidence(program, io, setExit);
  registerMonitor(program, io);
}
