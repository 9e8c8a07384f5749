# syntax=docker/dockerfile:1
# One image per release: `mlc sync` for one company per container (a Kubernetes CronJob or a
# systemd timer each; deploy/k8s/cronjob.yaml), or `mlc fleet sync` over a mounted folder of
# company configs. Secrets come from the environment (a Kubernetes Secret) or secrets.file:
# a container has no desktop keychain, and mlc says so before it ever tries one.
#   docker build -t mlc:0.1.0 .
#   docker run --rm -v mlc-acme:/var/lib/mlc -v "$PWD/acme:/etc/mlc:ro" --env-file acme.env mlc:0.1.0 sync --config /etc/mlc/mlc.yaml
# Pin the base image by digest in production; Node 20 as package.json's engines asks.

FROM node:20-bookworm-slim AS build
# better-sqlite3 is built from source against this very Node (no prebuilt binary fetched):
# node-gyp needs python3, make and g++, and takes the headers the image ships in /usr/local.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
# The project's own lock file, exactly (npm ci). Install scripts are skipped here and the one
# native module mlc needs is built next: @github/keytar stays unbuilt on purpose (no Secret
# Service in a container; the keychain backend reports "no D-Bus session bus" and never loads it).
RUN npm ci --ignore-scripts \
 && npm rebuild better-sqlite3 --build-from-source
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
RUN npm run build \
 && npm prune --omit=dev \
 && node -e "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

FROM node:20-bookworm-slim
# tini as PID 1: passes SIGTERM on to mlc (which finishes the writes in flight, records the
# rest and exits 143) and reaps what a fleet's children leave behind.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
# Owned by root, read-only to the user mlc runs as: the code cannot be changed by a run.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY config.example.yaml README.md ./
# State (SQLite, owner-only files) lives on a volume; configs are mounted read-only at /etc/mlc.
RUN mkdir -p /var/lib/mlc /etc/mlc && chown node:node /var/lib/mlc
USER node
VOLUME ["/var/lib/mlc"]
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/mlc.js"]
CMD ["--help"]
