// Entry point of the compiled server (dist/poy.js, `npm start`). It turns on Node's on-disk compile
// cache before anything else loads: the next start reuses V8's compiled code for the bundle and for the
// packages it loads from node_modules, which was most of the time spent loading modules. The cache lives
// in NODE_COMPILE_CACHE or the system's temporary folder; where neither is writable it stays off.
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { runCliProcess } = await import('./cli.ts');
await runCliProcess(process.argv.slice(2), process.env);
