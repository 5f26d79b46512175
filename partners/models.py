"""Models arrive with the partners issue."""
