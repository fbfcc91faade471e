// Human (face detection, 3-D mesh and pose, face embedding) on TensorFlow.js's wasm backend, in Node,
// with every model and wasm binary read from node_modules: nothing is ever fetched from a network at
// run time. `@tensorflow/tfjs-node` cannot be installed offline, so there is no built-in `file://`
// loader; `registerFileLoader` adds one.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Config, Human } from '@vladmandic/human';
import { z } from 'zod';

const require = createRequire(import.meta.url);

/** Human's package `exports` map has no entry for its wasm build, so it is required by path. */
function resolveHumanPackageDir(): string {
  // The package's `node` entry is dist/human.node.js.
  return path.dirname(path.dirname(require.resolve('@vladmandic/human')));
}

export function resolveHumanModelsDir(): string {
  return path.join(resolveHumanPackageDir(), 'models');
}

export function resolveWasmBinariesDir(): string {
  // The package's main entry sits in dist/, beside the .wasm binaries.
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
}

const modelJsonSchema = z.object({
  modelTopology: z.unknown(),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  signature: z.record(z.string(), z.unknown()).optional(),
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
  weightsManifest: z.array(
    z.object({
      paths: z.array(z.string()),
      // Loose: entries carry `quantization` (uint8 / float16 weights), which must reach tfjs intact.
      weights: z.array(z.looseObject({ name: z.string(), shape: z.array(z.number()), dtype: z.string() })),
    }),
  ),
});

let fileLoaderRegistered = false;

/** Lets tf.loadGraphModel('file:///abs/model.json') read the JSON and its weight files from disk. */
function registerFileLoader(): void {
  if (fileLoaderRegistered) return;
  fileLoaderRegistered = true;
  tf.io.registerLoadRouter((url): tf.io.IOHandler => {
    const first = Array.isArray(url) ? url[0] : url;
    // A router that does not handle a URL answers null (tfjs-core io_router_registry).
    if (typeof first !== 'string' || !first.startsWith('file://')) return null as unknown as tf.io.IOHandler;
    const modelPath = first.slice('file://'.length);
    return {
      load: async () => {
        const manifest = modelJsonSchema.parse(JSON.parse(await readFile(modelPath, 'utf8')));
        const dir = path.dirname(modelPath);
        const buffers: Buffer[] = [];
        for (const group of manifest.weightsManifest) {
          for (const file of group.paths) buffers.push(await readFile(path.join(dir, file)));
        }
        const weights = Buffer.concat(buffers);
        return {
          // The signature names the outputs; without it the embedding output of faceres is dropped.
          modelTopology: manifest.modelTopology as tf.io.ModelArtifacts['modelTopology'],
          signature: manifest.signature,
          userDefinedMetadata: manifest.userDefinedMetadata as tf.io.ModelArtifacts['userDefinedMetadata'],
          format: manifest.format,
          generatedBy: manifest.generatedBy,
          convertedBy: manifest.convertedBy ?? null,
          weightSpecs: manifest.weightsManifest.flatMap(
            (group) => group.weights as tf.io.WeightsManifestEntry[],
          ),
          weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        };
      },
    };
  });
}

/**
 * What the server runs on every frame: the face detector, the 478-point mesh (which gives the 3-D head
 * pose) and the description model (the 1024-number embedding). Caching across calls is off: each
 * frame is judged on its own pixels, never on an earlier frame's result.
 */
export function serverAnalysisConfig(modelsDir: string, wasmDir: string): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: `${wasmDir}/`,
    modelBasePath: `file://${modelsDir}/`,
    debug: false,
    async: false,
    warmup: 'none',
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: {
        rotation: false,
        maxDetected: 3,
        skipFrames: 0,
        skipTime: 0,
        return: false,
        minConfidence: 0.5,
      },
      mesh: { enabled: true },
      iris: { enabled: false },
      description: { enabled: true, skipFrames: 0, skipTime: 0, minConfidence: 0.1 },
      emotion: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      attention: { enabled: false },
      gear: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  } as Partial<Config>;
}

type HumanModule = { Human: new (config?: Partial<Config>) => Human };

/** Loads Human with its models; resolves once every model is ready. */
export async function loadHumanRuntime(
  options: { modelsDir?: string; wasmDir?: string; config?: Partial<Config> } = {},
): Promise<Human> {
  registerFileLoader();
  const modelsDir = options.modelsDir ?? resolveHumanModelsDir();
  const wasmDir = options.wasmDir ?? resolveWasmBinariesDir();
  const humanModule = require(path.join(resolveHumanPackageDir(), 'dist/human.node-wasm.js')) as HumanModule;
  const human = new humanModule.Human({ ...serverAnalysisConfig(modelsDir, wasmDir), ...options.config });
  await human.load();
  return human;
}
