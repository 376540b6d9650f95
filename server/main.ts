// Process entry: `npm start` runs the bundled copy of this file (build/node/main.js), `npm run dev`
// this file. The import is dynamic so that a configuration error met while loading the modules
// (a bad DATABASE_URL, say) ends in one clear message rather than a stack trace.
import("./index")
  .then(({ main }) => main())
  .catch((error: unknown) => {
    console.error(
      `Werkplaats could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
