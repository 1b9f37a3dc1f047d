"""Typed settings, read only at the edge (CLI, web) and passed down as arguments.

Every field can be set from the environment with the prefix ``COUNTERFLOW_``, for example
``COUNTERFLOW_DATA_DIR=/srv/counterflow``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Hotline(BaseModel):
    """A number the public page tells people to call, named in English and Khmer."""

    name: str
    name_km: str
    number: str


# The National Committee for Counter Trafficking must confirm these numbers (and add any
# others it wants shown) before the public page is deployed: they are printed to people
# who may be in danger. Override with COUNTERFLOW_HOTLINES='[{"name": ..., "name_km": ...,
# "number": ...}, ...]'.
DEFAULT_HOTLINES: tuple[Hotline, ...] = (
    Hotline(
        name="Cambodian National Police anti-human-trafficking hotline",
        name_km="ខ្សែទូរស័ព្ទបន្ទាន់ប្រឆាំងការជួញដូរមនុស្ស នៃនគរបាលជាតិកម្ពុជា",
        number="1288",
    ),
    Hotline(name="Child Helpline Cambodia", name_km="ខ្សែទូរស័ព្ទជំនួយកុមារកម្ពុជា", number="1280"),
)


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

    banks_path: Path | None = None
    """Bank directory CSV (``bank,country,kind``) telling each bank's country, for tracing;
    default the demo world's ``banks.csv`` when it exists."""

    high_score: float = 0.8
    """Alerts scored at or above this need a supervisor's approval to dismiss."""

    hotlines: list[Hotline] = list(DEFAULT_HOTLINES)
    """Who to call, shown on the public page and after a tip (see DEFAULT_HOTLINES)."""

    tip_photos_dir: Path | None = None
    """Where photos sent with anonymous tips are kept; default ``DATA_DIR/tips``."""

    tip_form_secret: SecretStr | None = None
    """HMAC key signing the public tip form's tokens. Unset: a random key per process, which
    is enough for one process; set it when several processes serve the platform."""

    tips_per_client_per_hour: int = 5
    """Tip submissions one client may make in an hour (clients are told apart by a keyed,
    rotating hash of their address, held in memory only)."""

    tips_per_hour: int = 200
    """Tip submissions accepted in an hour from everyone together."""

    def db_url(self) -> str:
        """:attr:`database_url`, or the SQLite file under :attr:`data_dir`."""
        return self.database_url or f"sqlite:///{self.data_dir / 'counterflow.db'}"

    def evidence_path(self) -> Path:
        return self.evidence_dir or self.data_dir / "evidence"

    def tip_photos_path(self) -> Path:
        return self.tip_photos_dir or self.data_dir / "tips"

    def transactions_store(self) -> Path:
        return self.transactions_path or self.data_dir / "demo" / "transactions.parquet"

    def bank_directory_path(self) -> Path | None:
        """:attr:`banks_path`, else the demo world's ``banks.csv`` if there is one."""
        if self.banks_path is not None:
            return self.banks_path
        demo = self.data_dir / "demo" / "banks.csv"
        return demo if demo.exists() else None


def load_settings() -> Settings:
    """Read settings from the environment."""
    return Settings()
