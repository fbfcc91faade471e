// PLACEHOLDER until the translated dashboard catalog lands: the English dashboard messages under the
// name the ar catalog imports, so the hosted pages' ar catalog compiles and can be tested.
export { enDashboard as arDashboard } from './en.ts';
