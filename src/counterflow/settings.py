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

    def db_url(self) -> str:
        """:attr:`database_url`, or the SQLite file under :attr:`data_dir`."""
        return self.database_url or f"sqlite:///{self.data_dir / 'counterflow.db'}"


def load_settings() -> Settings:
    """Read settings from the environment."""
    return Settings()
