"""Observability: Prometheus metrics of the API and the worker, and their JSON or text logs.

- `metrics`: every `questline_*` metric, and the helpers the hot paths call to move them;
- `http`: the API's request middleware (latency per route template, request ids) and `/metrics`;
- `worker`: the activity interceptor, the Temporal SDK's own metrics, the worker's metrics listener;
- `logs`: `QUESTLINE_LOG_FORMAT`, one JSON object per line with request and activity context.
"""
