"""Link-layer tests build their records with ``link_builders`` (fictional names only)."""
