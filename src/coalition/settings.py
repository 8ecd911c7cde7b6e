"""Settings from the environment (prefix COALITION_), checked when the program starts."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COALITION_")

    database_url: str | None = None
    data_dir: Path = Path(platformdirs.user_data_dir("coalition", appauthor=False))
    # Visitors without an account may read the record (it is built from public reports); set
    # COALITION_PUBLIC_READ=false to require an account for everything.
    public_read: bool = True

    @field_validator("database_url")
    @classmethod
    def _known_scheme(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("COALITION_DATABASE_URL must be a sqlite:// or postgresql:// URL")
        return value

    @property
    def default_database(self) -> Path:
        return self.data_dir / "coalition.sqlite3"
