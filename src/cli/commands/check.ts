import { displayLocation } from '../../app/open-store.js';
import type { CommandSpec } from '../context.js';

const checkCommand: CommandSpec = {
  register(program, ctx) {
    program
      .command('check')
      .description('check the store: SQLite integrity, references, spans inside their texts, search index (exit code 1 on a problem)')
      .action(async (_opts, cmd) => {
        const { problems, path, version } = await ctx.withStore(cmd, async (store, path) => ({
          problems: await store.check(),
          path,
          version: await store.schemaVersion(),
        }));
        if (!problems.length) return ctx.out(`store ${displayLocation(path)} (schema version ${version}) is sound\n`);
        for (const p of problems) ctx.err(`E011 ${path}: ${p}`);
        ctx.exitCode = 1;
      });
  },
};

export default checkCommand;
