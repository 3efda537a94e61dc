"""Tables, enumerations and pure rules of the course process (no Qt, no I/O)."""
