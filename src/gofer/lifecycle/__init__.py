"""Data lifecycle: retention and pruning, ephemeral QR images, erasure, and SQLite backups."""
