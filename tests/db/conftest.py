"""Database test fixtures live in `tests/conftest.py` (shared with the API and workflow tests)."""
