"""Storage: entities, base types, schema and migrations, atomic files, the storage guard."""
