"""The coordination workspace: key, imports, dashboard, reports."""
