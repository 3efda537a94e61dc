"""Use cases: one module per area, keyword-only functions taking a SQLModel ``session``.

Each public function is one transaction and returns plain read models, never live ORM objects.
"""
