"""Typed settings, read only at the edge (CLI, web) and passed down as arguments.

Every field can be set from the environment with the prefix ``COUNTERFLOW_``, for example
``COUNTERFLOW_DATA_DIR=/srv/counterflow``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Deployment settings."""

    model_config = SettingsConfigDict(env_prefix="COUNTERFLOW_", env_file=None, extra="ignore")

    data_dir: Path = Path("var")
    """Where generated worlds, features, models and alerts are written by default."""

    threads: int = 0
    """Worker threads for Numba kernels and LightGBM; 0 means every core."""

    seed: int = 7
    """Default seed of the synthetic world."""

    database_url: str = ""
    """SQLAlchemy URL of the database; empty means the embedded SQLite file
    ``DATA_DIR/counterflow.db``. Production: ``postgresql+psycopg://user@host/db``."""

    host: str = "127.0.0.1"
    """Address the web platform listens on."""

    port: int = 8000

    cookie_secure: bool | None = None
    """Mark cookies ``Secure``; ``None`` (default): when the request came over HTTPS."""

    evidence_dir: Path | None = None
    """Where evidence files are kept (content-addressed); default ``DATA_DIR/evidence``."""

    transactions_path: Path | None = None
    """The Parquet transaction store alerts point into; default the demo world's."""

    high_score: float = 0.8
    """Alerts scored at or above this need a supervisor's approval to dismiss."""

    def db_url(self) -> str:
        """:attr:`database_url`, or the SQLite file under :attr:`data_dir`."""
        return self.database_url or f"sqlite:///{self.data_dir / 'counterflow.db'}"

    def evidence_path(self) -> Path:
        return self.evidence_dir or self.data_dir / "evidence"

    def transactions_store(self) -> Path:
        return self.transactions_path or self.data_dir / "demo" / "transactions.parquet"


def load_settings() -> Settings:
    """Read settings from the environment."""
    return Settings()
