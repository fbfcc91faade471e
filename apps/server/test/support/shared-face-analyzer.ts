// One real face analyzer for the test apps open at the same time in a test process: its thread loads
// the models (a second or two) on the first frame, and it is closed when the last of those apps closes,
// since a live analysis thread keeps a test file's process from ending.
import type { FaceAnalyzer } from '../../src/core/liveness/face-analyzer.ts';
import { createFaceAnalyzer } from '../../src/face/create-face-analyzer.ts';

let shared: FaceAnalyzer | null = null;
let holders = 0;

/** The analyzer for one more open test app; call the returned release when that app closes. */
export function acquireFaceAnalyzer(): { analyzer: FaceAnalyzer; release: () => Promise<void> } {
  shared ??= createFaceAnalyzer({ threads: 1 });
  const analyzer = shared;
  holders += 1;
  let released = false;
  return {
    analyzer,
    release: async () => {
      if (released) return;
      released = true;
      holders -= 1;
      if (holders === 0 && shared === analyzer) {
        shared = null;
        await analyzer.close();
      }
    },
  };
}
