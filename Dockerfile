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
# Beside node_modules, so that it finds the installed custlink package by name.
COPY deploy/healthcheck.mjs /opt/custlink/healthcheck.mjs
# The config (and any TLS files) are mounted here; the key comes from the environment.
WORKDIR /etc/custlink
USER node
EXPOSE 8080
# The probe reads the mounted config for listen.port and listen.tls (CUSTLINK_CONFIG names another
# file), and asks /healthz on loopback, which ops.allowIps allows by default.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "/opt/custlink/healthcheck.mjs"]
ENTRYPOINT ["node", "/opt/custlink/node_modules/custlink/dist/cli/bin.js"]
CMD ["serve", "--config", "/etc/custlink/custlink.yaml"]
