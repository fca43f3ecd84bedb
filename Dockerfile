FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
RUN useradd --system --home /app revisionsspar && mkdir -p /data/private && chown revisionsspar /data/private /app/var
USER revisionsspar
EXPOSE 8000
CMD ["gunicorn", "revisionsspar.wsgi:application", "--bind", "0.0.0.0:8000"]
