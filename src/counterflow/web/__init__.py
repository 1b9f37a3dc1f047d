"""The web platform (L4): FastAPI app factory, pages and JSON API."""
