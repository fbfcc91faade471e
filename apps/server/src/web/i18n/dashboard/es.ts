// PLACEHOLDER until the translated dashboard catalog lands: the English dashboard messages under the
// name the es catalog imports, so the hosted pages' es catalog compiles and can be tested.
export { enDashboard as esDashboard } from './en.ts';
