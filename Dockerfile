# custlink endpoint image: docker build -t custlink . ; see compose.yaml and README "Installing on a server".
# Stage 1 builds the package tarball exactly as `npm pack` makes it for npm install -g.
FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts here: the build needs only TypeScript, not the native SQLite module.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm pack --ignore-scripts --pack-destination /tmp && mv /tmp/custlink-*.tgz /tmp/custlink.tgz

# Stage 2 installs that tarball with production dependencies only. better-sqlite3 fetches its
# prebuilt binary, or compiles with the tools installed here.
FROM node:22-slim AS install
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/custlink
COPY --from=build /tmp/custlink.tgz /tmp/custlink.tgz
RUN npm install --omit=dev --no-audit --no-fund /tmp/custlink.tgz

# Stage 3 runs it: no compiler, no npm cache, not root.
FROM node:22-slim
ENV NODE_ENV=production
COPY --from=install /opt/custlink /opt/custlink
# The config (and any TLS files) are mounted here; the key comes from the environment.
WORKDIR /etc/custlink
USER node
EXPOSE 8080
# /healthz answers loopback by default (ops.allowIps), and this probe runs inside the container.
# It assumes listen.port 8080 over plain HTTP (TLS terminated in front).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/opt/custlink/node_modules/custlink/dist/cli/bin.js"]
CMD ["serve", "--config", "/etc/custlink/custlink.yaml"]
