"""The PySide6 interface: windows, views, dialogs and Qt item models (the only Qt layer)."""
