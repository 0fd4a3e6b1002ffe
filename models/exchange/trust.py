"""The coordination's register of the cabanes' signing keys: which public key belongs to
which cabane. Filled from the key file a cabane hands over, or on a first import once a
person has checked the fingerprint; replacing a key (a new laptop without its backup) is
an explicit act, audited."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session, sessionmaker

from models.desk.audit import record_event
from models.exchange.signing import SiteKey
from models.store.activity_entities import AppSetting
from models.store.base import utc_now
from models.store.storage import storage_guard

PREFIX = "trusted_signing_key."


class TrustRefused(ValueError):
    """``code``: ``already_trusted`` (another key is registered: replace explicitly)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class KeyRegister:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    def trusted(self, site_code: str) -> str | None:
        """The public key registered for ``site_code``, or None."""
        with self._factory() as session:
            row = session.get(AppSetting, PREFIX + site_code)
        return str(json.loads(row.value)["public"]) if row is not None else None

    def all(self) -> dict[str, str]:
        """Every registered key by cabane (read once for a batch of files)."""
        with self._factory() as session:
            rows = session.query(AppSetting).filter(AppSetting.key.startswith(PREFIX)).all()
            return {row.key[len(PREFIX) :]: str(json.loads(row.value)["public"]) for row in rows}

    def trust(self, key: SiteKey, replace: bool = False) -> bool:
        """Register ``key`` for its cabane; True if anything changed. A different key
        already registered is refused unless ``replace`` (audited as a replacement)."""
        with storage_guard(), self._factory.begin() as session:
            row = session.get(AppSetting, PREFIX + key.site_code)
            value = json.dumps(
                {"public": key.public, "name": key.site_name, "since": utc_now().isoformat()}
            )
            if row is None:
                session.add(AppSetting(key=PREFIX + key.site_code, value=value))
                record_event(session, None, "site_key.trust", "site", key.site_code)
                return True
            if json.loads(row.value)["public"] == key.public:
                return False
            if not replace:
                raise TrustRefused("already_trusted")
            row.value = value
            record_event(session, None, "site_key.replace", "site", key.site_code)
            return True
