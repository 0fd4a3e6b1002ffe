"""The desk's domain: check-ins, known families, the site and its staff, the audit journal."""
