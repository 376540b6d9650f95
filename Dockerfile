# syntax=docker/dockerfile:1
#
# UNTESTED: written on a machine without Docker. It follows what `npm start` does on a plain
# machine (docs/DEPLOY.md), but it has never been built or run. Build and try it before relying
# on it, and please fix what turns out wrong.
#
# Werkplaats: one Node.js 20 process serving the app and the editor's websocket on PORT, with
# Debian's Chromium for PDFs. Runs as the unprivileged `node` user. Migrations are applied at
# start (and by the `migrate` service in docker-compose.yml).

# --- build: all dependencies, both Prisma clients, the production build ------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled with node-gyp when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
# What `npm ci` needs for its postinstall (generating both Prisma clients), first, so the
# dependency layer is reused while only the sources change.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/generate-prisma.mjs ./scripts/
COPY prisma ./prisma
COPY app/lib/database-url.ts ./app/lib/
# `npm ci` needs a lockfile that lists every platform's optional binaries; one written on a
# machine whose registry serves only its own platform lacks them (see .ci/run), and then npm ci
# refuses it: `npm install` against the same lockfile installs the locked versions instead.
RUN npm ci --no-audit --no-fund \
  || (echo "npm ci refused the lockfile; installing the locked versions with npm install" \
      && npm install --no-audit --no-fund)
COPY . .
RUN npm run build \
  && npm prune --omit=dev \
  && npm cache clean --force

# --- runtime -------------------------------------------------------------------------------
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    CHROMIUM_PATH=/usr/bin/chromium \
    DATABASE_URL=file:/app/data/werkplaats.db \
    OUTBOX_DIR=/app/data/outbox \
    SEED_DEMO=false \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    CHECKPOINT_DISABLE=1
# Chromium makes the magazine and outcome PDFs (never downloaded by Playwright); fonts for it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The code belongs to root and is read-only for the app; only data/ and backups/ are writable.
COPY --from=build /app /app
RUN mkdir -p /app/data/outbox /app/backups \
  && chown -R node:node /app/data /app/backups
USER node
EXPOSE 3000
# data/: the SQLite database (when DATABASE_URL is file:) and the mail outbox.
# backups/: where `npm run backup` writes by default.
VOLUME ["/app/data", "/app/backups"]
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: stop accepting, close websockets with 1001 (clients reconnect), finish requests.
STOPSIGNAL SIGTERM
# What `npm start` runs once the build exists (without its rebuild check).
CMD ["node", "--enable-source-maps", "build/node/main.js"]
