// Fails, rather than skips, when PostgreSQL at TEST_DATABASE_URL is unreachable; set
// POY_TEST_SKIP_POSTGRES=1 to skip deliberately.
import { runStoreSuite } from './store-suite.ts';

runStoreSuite('postgres');
