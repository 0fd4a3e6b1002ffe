"""Cabane's domain: entities, migrations, catalogues and services (no Qt, no keyring)."""
