import { runStoreSuite } from './store-suite.ts';

runStoreSuite('pglite');
