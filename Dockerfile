# Image for docker-compose.yml: builds better-sqlite3 from source and the TypeScript to dist/.
FROM node:20-bookworm-slim
# fonts-dejavu-core: the text of the digest's chart (decision 031).
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm ci && npm prune --omit=dev
COPY config ./config
COPY test/fixtures/seeds ./test/fixtures/seeds
# In a container `serve` must listen on every interface to be reached through the published port.
ENV HOST=0.0.0.0
CMD ["node", "dist/src/cli.js", "run"]
