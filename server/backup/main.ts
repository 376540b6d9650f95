// Entry of `npm run backup` and `npm run restore` (run by tsx, like `npm run dev`). The command
// modules load dynamically so that an error met while loading them (a bad DATABASE_URL, say)
// ends in one clear message rather than a stack trace.
const [command, ...args] = process.argv.slice(2);

import("./cli")
  .then(({ runCli }) => runCli(command, args))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Werkplaats ${command ?? ""}: ${reason}`);
    if (process.env.WERKPLAATS_DEBUG) console.error(error);
    process.exitCode = 1;
  });
