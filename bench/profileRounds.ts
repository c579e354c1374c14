// `npm run bench -- --profile`: the N=500, count 4 rounds of the bot and the baseline again, with
// `node --cpu-prof` on the process under test and the inspector's profiler on the bench process (both
// emulators), so that "where does the time go" has an answer for each side. Profiles land in
// bench/profiles/ (open them in Chrome DevTools or VS Code); summaries are printed.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { summarise as summariseProfile } from './profile.ts';
import { summarise } from './report.ts';
import { type BenchContext, type RoundSpec, timedRound } from './round.ts';

export async function profileRounds(ctx: BenchContext, specs: RoundSpec[], outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  const out: string[] = [];
  try {
    for (const [index, spec] of specs.entries()) {
      const name = `${spec.pipeline}-n${spec.n}-count${spec.count}`;
      const childDir = mkdtempSync(join(ctx.workDir, 'profile-'));
      await session.post('Profiler.start');
      let row: ReturnType<typeof summarise>;
      try {
        row = summarise(await timedRound({ ...spec, cpuProfDir: childDir }, ctx, 1000 + index));
      } finally {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(outDir, `${name}.emulators.cpuprofile`), JSON.stringify(profile));
      }
      const [file] = readdirSync(childDir).filter((f) => f.endsWith('.cpuprofile'));
      const childProfile = join(outDir, `${name}.cpuprofile`);
      if (file) renameSync(join(childDir, file), childProfile);
      const read = (path: string) => summariseProfile(JSON.parse(readFileSync(path, 'utf8')), 15);
      out.push(
        `## ${name} (profiled, so slower than unprofiled): overhead p50 ${row.overheadP50.toFixed(0)} ms, ` +
          `lag p50 ${row.lagP50.toFixed(0)} ms, CPU ${row.cpuSeconds.toFixed(2)} s, emulators CPU ${row.emulatorCpuSeconds.toFixed(2)} s`,
        '',
        `### ${spec.pipeline} process (${childProfile}), including its start-up`,
        file ? read(childProfile) : '(no profile written)',
        '',
        `### bench process: both emulators (${join(outDir, `${name}.emulators.cpuprofile`)})`,
        read(join(outDir, `${name}.emulators.cpuprofile`)),
        '',
      );
    }
  } finally {
    session.disconnect();
  }
  return out.join('\n');
}
