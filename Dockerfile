# CalSync in one image: the API by default, a sync worker with `node dist/server/worker-main.js`.
# Build: docker build -t calsync . (add-in build settings as --build-arg CALSYNC_CLIENT_ID=… etc.; other Node 20
# images with a `node` user as --build-arg BUILD_IMAGE=… RUNTIME_IMAGE=…, as scripts/container-smoke.sh does).
ARG BUILD_IMAGE=node:20-bookworm
ARG RUNTIME_IMAGE=node:20-bookworm-slim

# 1. Everything, to build: the server, CLI and workers to dist/ (scripts/build-runtime.ts) and the add-in to addin/dist.
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# .npmrc: only the packages package.json's allowScripts names may run install scripts (strict-allow-scripts).
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
ARG CALSYNC_CLIENT_ID="" CALSYNC_API_SCOPE="" CALSYNC_API_BASE_URL="" CALSYNC_AUTHORITY=""
RUN npm run build

# 2. The runtime, installed exactly as tests/runtime installs it: the package files, `npm ci --omit=dev`, the built
#    dist/ without the demo bundle. No TypeScript loader, no sandbox, no development package.
FROM ${RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000 CALSYNC_ADDIN_DIR=/app/addin/dist
WORKDIR /app
COPY package.json package-lock.json .npmrc manifest.xml ./
COPY bin ./bin
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist/server ./dist/server
COPY --from=build /src/dist/shared ./dist/shared
COPY --from=build /src/dist/zones ./dist/zones
COPY --from=build /src/dist/addin ./dist/addin
COPY --from=build /src/addin/dist ./addin/dist
# The image's own unprivileged user; the files stay root's, so the process cannot rewrite its code.
USER node
EXPOSE 3000
# /healthz answers while the process serves; /readyz (store reachable) is for the orchestrator's readiness probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/main.js"]
