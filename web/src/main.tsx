// The page's first script, a few kilobytes: it loads the workbench and, while that loads, asks for
// the answers this address needs first (early.ts); the workbench's requests take them.
import { askEarly, earlyPaths } from './early.js';

// The workbench's script is asked for first: the server sends it before the API's answers.
void import('./workbench.js');
askEarly(earlyPaths(window.location.hash));
