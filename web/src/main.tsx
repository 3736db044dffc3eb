// The page's first script, a few kilobytes: it loads the workbench and, while that loads, asks for
// the answers this address needs first (early.ts); the workbench's requests take them.
import { askEarly, earlyPaths } from './early.js';

const workbench = import('./workbench.js');
askEarly(earlyPaths(window.location.hash));
void workbench;
