"""The JSON API (OpenAPI at ``/api/docs``), one module per area; each exposes ``router``."""
