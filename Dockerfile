# Sturingsbot: a slim, non-root image. Build: docker build -t sturingsbot .
# The kennisbank is a mount (KENNISBANK=/kennisbank); the shipped example is the default.

# --- build: install the package and its dependencies into a virtualenv --------------------------
FROM python:3.11.11-slim-bookworm AS bouw
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /bron
RUN python -m venv /opt/sturingsbot
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY db ./db
COPY dialogen ./dialogen
COPY kennisbank ./kennisbank
COPY rapportage ./rapportage
RUN /opt/sturingsbot/bin/pip install --no-cache-dir .

# --- run: only the virtualenv, as an unprivileged user ------------------------------------------
FROM python:3.11.11-slim-bookworm
ENV PATH=/opt/sturingsbot/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=3978 \
    KENNISBANK=/kennisbank \
    LOG_FORMAAT=json
RUN groupadd --system --gid 10001 sturingsbot \
    && useradd --system --uid 10001 --gid sturingsbot --home-dir /app --shell /usr/sbin/nologin sturingsbot
COPY --from=bouw /opt/sturingsbot /opt/sturingsbot
COPY --chown=sturingsbot:sturingsbot kennisbank/voorbeeld /kennisbank
WORKDIR /app
RUN mkdir -p /app/data && chown sturingsbot:sturingsbot /app/data
USER 10001:10001
EXPOSE 3978
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('PORT', '3978'), timeout=4)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["python", "-m", "bot"]
CMD ["serve"]
