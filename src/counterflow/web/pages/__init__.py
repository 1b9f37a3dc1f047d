"""Server-rendered pages (Jinja2 + htmx), one module per area; each exposes ``router``."""
