# Handoff: one process serving Slack (/slack/events), the bot-platform API (/api/v1/…) and /healthz on PORT.
#
#   docker build -t handoff .
#   docker run --env-file .env -p 3000:3000 handoff
#
# Prisma 7's client is TypeScript + WASM with the pg driver adapter: no engine binaries, no openssl.

# ---- build: install everything, generate the Prisma client, compile, then drop dev dependencies ----------
FROM node:22-bookworm-slim AS build
WORKDIR /app
# No Prisma engine is used (see above). With PRISMA_SCHEMA_ENGINE_BINARY set, neither @prisma/engines'
# postinstall nor `prisma generate` downloads the schema engine; CHECKPOINT_DISABLE stops Prisma's telemetry.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/false CHECKPOINT_DISABLE=1

# `npm ci` runs the postinstall `prisma generate`, which needs the schema and config.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Generate again after copying src/, so the client matches prisma/schema.prisma even if the build context
# carries a src/generated/ of its own.
RUN npm run generate \
 && npm run build \
 && npm prune --omit=dev --ignore-scripts \
 && npm cache clean --force

# ---- runtime ----------------------------------------------------------------------------------------------
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000

COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations are applied at start-up, or before a rollout by `npm run db:migrate`, from prisma/migrations.
COPY --from=build /app/prisma ./prisma
# The Slack app manifest the start-up hint links to while no Slack setting is given.
COPY manifest.socket-mode.yml ./

# The code stays root-owned and read-only to the app; only the embedded database directory (used when
# DATABASE_URL is not set, EMBEDDED_DATABASE_DIR=.data/pglite) is writable. Mount a volume there to keep it.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node

EXPOSE 3000

# No curl in the slim image: Node's own fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["node", "dist/main.js"]
