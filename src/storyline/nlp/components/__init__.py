"""storyline's spaCy components: one module per step, each a registered factory."""
