"""The cabane's dashboard: figures and charts of a period."""
