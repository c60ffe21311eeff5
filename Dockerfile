# The service image: the locked dependencies, then the code; seeds and serves on start.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY service ./service
COPY cypher ./cypher
COPY seed ./seed
COPY data/openalex/api-pages/works-page-200.json ./data/openalex/api-pages/
COPY schema.graphql README.md ./
RUN uv sync --frozen --no-dev
RUN useradd --system --uid 10001 scholar
USER scholar
EXPOSE 8000
CMD ["scholar", "serve"]
