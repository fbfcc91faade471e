// axe-core in the page under test. The script is evaluated over CDP, which the pages' CSP (script-src
// 'self') does not govern, so nothing about the page is loosened for the check.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it is now. */
export async function findSeriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(`${axeSource}\n;undefined`);
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = Reflect.get(window, 'axe');
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (violation: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }),
    );
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
