"""Qt item models that read through services."""
