import { Command, CommanderError } from 'commander';
import { errorMessage, type Language, languageFromEnv, translator } from '../i18n/index.js';
import type { CliIo } from './io.js';
import { agreementCommands } from './nouns/agreement.js';
import { caseCommands } from './nouns/cases.js';
import { coderCommands } from './nouns/coders.js';
import { codeCommands } from './nouns/codes.js';
import { codingQueryCommands } from './nouns/codingQueries.js';
import { exportCommand } from './nouns/export.js';
import { interviewCommands } from './nouns/interviews.js';
import { memberCommands } from './nouns/members.js';
import { memoCommands } from './nouns/memos.js';
import { pictureCommands } from './nouns/pictures.js';
import { planCommands } from './nouns/plan.js';
import { privacyCommands } from './nouns/privacy.js';
import { projectCommands } from './nouns/project.js';
import { pseudonymCommands } from './nouns/pseudonyms.js';
import { queryCommands } from './nouns/queries.js';
import { recordingCommands } from './nouns/recordings.js';
import { refiCommands } from './nouns/refi.js';
import { reportCommands } from './nouns/report.js';
import { segmentCommands } from './nouns/segments.js';
import { serveCommand } from './nouns/serve.js';
import { setCommands } from './nouns/sets.js';
import { sourceCommands } from './nouns/sources.js';
import { storeCommands } from './nouns/store.js';
import { suggestCommands } from './nouns/suggest.js';
import { theoryCommands } from './nouns/theory.js';
import { userCommands } from './nouns/users.js';
import { withSession } from './session.js';
import { printable } from './terminalText.js';
import type { Wire } from './wire.js';

/**
 * Runs `koda` with `argv` (without node and script). Returns the exit code: 0 on success,
 * 1 on a refused or failed action (one line on stderr), 2 on a usage error.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let lang: Language = languageFromEnv(io.env);
  const program = new Command('koda')
    .description('Koda: a workbench for qualitative interview studies')
    .option('--data <dir>', 'data folder (default: $KODA_DATA or ./koda-data)')
    .option('--database <url>', 'PostgreSQL team store, postgres://USER@HOST/DB (default: $KODA_DATABASE_URL)')
    .option('--allow-plaintext-database', 'allow a PostgreSQL connection without TLS to another computer')
    .option('--json', 'machine-readable output')
    .option('--coder <name>', 'who is acting (default: $KODA_CODER or your user name)')
    .option('--lang <sv|en>', 'language of messages (default: $KODA_LANG or your locale)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showSuggestionAfterError()
    .hook('preAction', (cmd) => {
      const wanted = cmd.opts().lang;
      if (wanted === 'sv' || wanted === 'en') lang = wanted;
    });
  const wire: Wire = (action) => withSession(io, () => lang, action);
  projectCommands(program, wire);
  caseCommands(program, wire);
  setCommands(program, wire);
  sourceCommands(program, wire);
  recordingCommands(program, wire);
  storeCommands(program, wire, io, () => lang);
  userCommands(program, wire);
  privacyCommands(program, wire);
  pseudonymCommands(program, wire);
  codeCommands(program, wire);
  segmentCommands(program, wire);
  coderCommands(program, wire);
  memberCommands(program, wire);
  memoCommands(program, wire);
  theoryCommands(program, wire);
  agreementCommands(program, wire, io, () => lang);
  refiCommands(program, wire);
  exportCommand(program, wire);
  queryCommands(program, wire);
  codingQueryCommands(program, wire);
  suggestCommands(program, wire);
  pictureCommands(program, wire);
  reportCommands(program, wire);
  interviewCommands(program, wire);
  planCommands(program, wire);
  serveCommand(program, io, () => lang);
  for (const cmd of allCommands(program))
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(printable(s)) });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    io.stderr.write(`koda: ${printable(errorMessage(error, translator(lang)))}\n`);
    return 1;
  }
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}
