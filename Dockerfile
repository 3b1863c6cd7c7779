# The Hotdesk service and console as one image: `docker build -t hotdesk .` (podman works the same).
# Run it with a real PBX and PostgreSQL (see compose.yaml) or alone with the embedded PGlite in /data.
# An internal CA for the PBX's certificate: put it in certs/ before building, or mount it under /certs.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The console (dist/), the service (dist/server/), then only the production dependencies.
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ARG HOTDESK_BUILD=""
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    HOTDESK_BUILD=${HOTDESK_BUILD}
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY certs/ ./certs/
COPY docker/entrypoint.sh ./entrypoint.sh
RUN mkdir -p /data /certs && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# Alive while the process answers (readiness, for load balancers, is /api/v1/health/ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/v1/health/live`).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["./entrypoint.sh"]
