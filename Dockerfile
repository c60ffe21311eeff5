# The service image: the front-end bundled in a Node stage, then the locked Python
# dependencies and the code; seeds and serves on start.

# Front-end assets: the locked npm packages, bundled by esbuild (web/build.mjs) into
# /service/web/static/build, next to the GraphQL documents the bundles import.
FROM node:20-slim AS assets
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY web/ ./
COPY service/web/queries /service/web/queries
RUN node build.mjs

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY service ./service
COPY --from=assets /service/web/static/build ./service/web/static/build
COPY cypher ./cypher
COPY seed ./seed
COPY data/openalex/api-pages/works-page-200.json ./data/openalex/api-pages/
COPY schema.graphql README.md ./
RUN uv sync --frozen --no-dev
RUN useradd --system --uid 10001 scholar
USER scholar
EXPOSE 8000
CMD ["scholar", "serve"]
