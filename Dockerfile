# The Questline image: API, worker and migrations; docker-compose.yml picks the role by command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Only what the package needs: listing it keeps .venv, .data and caches out of the image.
# tests/test_compose.py checks that every package and module of pyproject.toml is copied here.
COPY pyproject.toml ./
COPY settings.py worker.py ./
COPY domain/ domain/
COPY db/ db/
COPY workflows/ workflows/
COPY activities/ activities/
COPY services/ services/
COPY api/ api/
COPY devstack/ devstack/
COPY storage/ storage/
COPY social/ social/
COPY observability/ observability/

# The uploads folder belongs to the app user, so a fresh named volume mounted on it does too.
RUN pip install . \
    && useradd --system --no-create-home --uid 10001 questline \
    && mkdir -p /var/lib/questline/uploads && chown questline /var/lib/questline/uploads

USER questline
EXPOSE 8000
CMD ["uvicorn", "--factory", "api.app:create_app", "--host", "0.0.0.0", "--port", "8000"]
