import { describeOpenApiFuzz } from './openapi-fuzz-suite.ts';

describeOpenApiFuzz('postgres');
