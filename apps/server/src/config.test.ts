import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEVELOPMENT_SECRET_KEY, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has development defaults that just work', () => {
    const config = loadConfig({});
    assert.equal(config.mode, 'development');
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.publicUrl, 'http://localhost:8080');
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.dataDir, './data');
    assert.equal(config.secretKey, DEVELOPMENT_SECRET_KEY);
    assert.equal(config.trustProxy, false);
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash from an explicit one', () => {
    assert.equal(loadConfig({ PORT: '9000' }).publicUrl, 'http://localhost:9000');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://poy.example.com/' }).publicUrl, 'https://poy.example.com');
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', PORT: '', REDIS_URL: '' });
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.port, 8080);
  });

  it('refuses production without a secret key or public URL, naming both', () => {
    assert.throws(
      () => loadConfig({ POY_MODE: 'production' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /POY_SECRET_KEY/.test(error.message) &&
        /PUBLIC_URL/.test(error.message),
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://x.example' }),
      /POY_SECRET_KEY/,
    );
  });

  it('accepts a complete production configuration and listens on all interfaces', () => {
    const config = loadConfig({
      POY_MODE: 'production',
      POY_SECRET_KEY: 's'.repeat(40),
      PUBLIC_URL: 'https://poy.example.com',
      DATABASE_URL: 'postgres://db.internal/poy',
    });
    assert.equal(config.mode, 'production');
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databaseUrl, 'postgres://db.internal/poy');
  });

  it('rejects malformed values with the variable named', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ REDIS_URL: 'http://x' }), /REDIS_URL/);
    assert.throws(() => loadConfig({ POY_SECRET_KEY: 'short' }), /POY_SECRET_KEY/);
    assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL/);
  });

  it('parses TRUST_PROXY as a boolean, a hop count or an address list', () => {
    assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy, '10.0.0.0/8');
    const hops = loadConfig({ TRUST_PROXY: '1' }).trustProxy;
    assert.equal(typeof hops, 'function');
    if (typeof hops === 'function') {
      assert.equal(hops('10.0.0.1', 0), true);
      assert.equal(hops('10.0.0.1', 1), false);
    }
  });

  it('reads the shutdown grace period, the metrics switch and token, and the worker port', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.shutdownGraceSeconds, 25);
    assert.deepEqual(defaults.metrics, { enabled: true, bearerToken: undefined });
    assert.equal(defaults.workerPort, undefined);
    const set = loadConfig({
      SHUTDOWN_GRACE_SECONDS: '40',
      METRICS_ENABLED: 'false',
      METRICS_BEARER_TOKEN: 'scrape-token-0123456789',
      WORKER_PORT: '9091',
    });
    assert.equal(set.shutdownGraceSeconds, 40);
    assert.deepEqual(set.metrics, { enabled: false, bearerToken: 'scrape-token-0123456789' });
    assert.equal(set.workerPort, 9091);
    assert.throws(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '0' }), /SHUTDOWN_GRACE_SECONDS/);
    assert.throws(() => loadConfig({ METRICS_ENABLED: 'yes' }), /METRICS_ENABLED/);
    assert.throws(() => loadConfig({ METRICS_BEARER_TOKEN: 'short' }), /METRICS_BEARER_TOKEN/);
    assert.throws(() => loadConfig({ WORKER_PORT: '70000' }), /WORKER_PORT/);
  });

  it('reads the face-match similarity thresholds, refusing values outside 0–1 or review above same', () => {
    assert.deepEqual(loadConfig({}).faceMatch, { sameMinSimilarity: 0.7, reviewMinSimilarity: 0.6 });
    const set = loadConfig({
      FACE_MATCH_SAME_MIN_SIMILARITY: '0.7',
      FACE_MATCH_REVIEW_MIN_SIMILARITY: '0.6',
    });
    assert.deepEqual(set.faceMatch, { sameMinSimilarity: 0.7, reviewMinSimilarity: 0.6 });
    assert.deepEqual(
      loadConfig({ FACE_MATCH_SAME_MIN_SIMILARITY: '0.5', FACE_MATCH_REVIEW_MIN_SIMILARITY: '0.5' })
        .faceMatch,
      {
        sameMinSimilarity: 0.5,
        reviewMinSimilarity: 0.5,
      },
    );
    assert.throws(
      () => loadConfig({ FACE_MATCH_SAME_MIN_SIMILARITY: '1.2' }),
      /FACE_MATCH_SAME_MIN_SIMILARITY/,
    );
    assert.throws(
      () => loadConfig({ FACE_MATCH_REVIEW_MIN_SIMILARITY: '-0.1' }),
      /FACE_MATCH_REVIEW_MIN_SIMILARITY/,
    );
    assert.throws(
      () => loadConfig({ FACE_MATCH_SAME_MIN_SIMILARITY: 'high' }),
      /FACE_MATCH_SAME_MIN_SIMILARITY/,
    );
    // The review band lies below "same": a review threshold above it is a mistake, not a setting.
    assert.throws(
      () => loadConfig({ FACE_MATCH_SAME_MIN_SIMILARITY: '0.4', FACE_MATCH_REVIEW_MIN_SIMILARITY: '0.5' }),
      /FACE_MATCH_REVIEW_MIN_SIMILARITY/,
    );
  });

  it('reads the number of face-analysis threads (default 1)', () => {
    assert.equal(loadConfig({}).faceAnalysisThreads, 1);
    assert.equal(loadConfig({ FACE_ANALYSIS_THREADS: '3' }).faceAnalysisThreads, 3);
    assert.throws(() => loadConfig({ FACE_ANALYSIS_THREADS: '0' }), /FACE_ANALYSIS_THREADS/);
    assert.throws(() => loadConfig({ FACE_ANALYSIS_THREADS: '1.5' }), /FACE_ANALYSIS_THREADS/);
  });
});
