# syntax=docker/dockerfile:1
# POY server image. Two stages: `deps` installs the production dependencies exactly as the lock file
# pins them; the runtime stage holds those and the sources, runs as the unprivileged `node` user and is
# meant to run with a read-only root file system (writable: /data for the embedded database, /tmp).
# Commands (docs/operations.md): `serve` (default: everything), `serve --role api`, `worker`, `migrate`.
# The health check asks /readyz on WORKER_PORT when set (a worker's probe listener), else on PORT.
ARG NODE_VERSION=24.22.3

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/package.json
COPY packages/wire/package.json packages/wire/package.json
COPY packages/sdk/package.json packages/sdk/package.json
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    POY_MODE=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY packages/wire ./packages/wire
COPY apps/server ./apps/server
# The guides served under /docs/guides (apps/server/src/web/docs/guides.ts).
COPY docs/guides ./docs/guides
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
VOLUME ["/data"]
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_PORT||process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "apps/server/bin/poy.js"]
CMD ["serve"]
