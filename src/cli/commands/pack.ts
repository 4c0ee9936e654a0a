/** `sightline pack verify`: the knowledge pack checked against the imported official lists. */
import type { Command } from 'commander';
import { withStore } from '../context.ts';
import type { CliIO } from '../io.ts';

export function registerPack(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const pack = program.command('pack').description('the knowledge pack (data/pack)');
  pack
    .command('verify')
    .description('check every pack listing and name against the imported official lists; exit 1 on any disagreement')
    .option('--threshold <score>', 'matcher score from which an official name counts as near', '0.9')
    .option('--json', 'print the report as JSON')
    .action(async (opts, cmd: Command) => {
      await withStore(cmd.optsWithGlobals(), async (store) => {
        const { ensurePack } = await import('../../graph/load.ts');
        const { loadPack } = await import('../../pack/index.ts');
        const { renderPackVerify, verifyPack } = await import('../../verify/index.ts');
        const loaded = loadPack();
        await ensurePack(store, loaded);
        const { entities } = await store.currentEntities();
        const report = verifyPack(loaded.parties, entities, { threshold: Number(opts.threshold) });
        io.out(opts.json ? JSON.stringify(report, null, 2) : renderPackVerify(report));
        // 1 like screening's hits: something to act on; 2 stays for errors.
        if (report.findings.length) setExit(1);
      });
    });
}
