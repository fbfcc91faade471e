// One real face analyzer per test process, shared by every test app in it: its thread loads the models
// once (a few seconds) on the first frame, and never keeps the process from exiting when the tests end.
import { createFaceAnalyzer, type FaceAnalyzerPool } from '../../src/face/create-face-analyzer.ts';

let shared: FaceAnalyzerPool | null = null;

export function sharedFaceAnalyzer(): FaceAnalyzerPool {
  shared ??= createFaceAnalyzer({ threads: 1, keepProcessAlive: false });
  return shared;
}
