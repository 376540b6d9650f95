// Process entry: `npm start` runs the bundled copy of this file (build/node/main.js), `npm run dev` this file.
import { main } from "./index";

void main();
